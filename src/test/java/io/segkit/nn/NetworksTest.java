package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.segkit.SegKitException;

/** Network construction: shapes in 2D and 3D (anisotropic), input-size rules, parameter counts, JSON. */
class NetworksTest extends WithManager {

	static NetworkConfig plain2D(boolean deepSupervision) {
		return new NetworkConfig(Architecture.PLAIN_UNET, 2, 1, 3, new int[] {4, 8, 16}, new int[][] {{3, 3}, {3, 3},
				{3, 3}}, new int[][] {{1, 1}, {2, 2}, {2, 2}}, deepSupervision);
	}

	static NetworkConfig anisotropic3D(Architecture a) {
		return new NetworkConfig(a, 3, 2, 2, new int[] {4, 8, 8}, new int[][] {{1, 3, 3}, {3, 3, 3}, {3, 3, 3}},
				new int[][] {{1, 1, 1}, {1, 2, 2}, {2, 2, 2}}, true);
	}

	private Shape[] forwardShapes(NetworkConfig config, long... inputShape) {
		try (NDManager m = manager.newSubManager()) {
			SegmentationNetwork net = Networks.createInitialized(config, m, 1);
			Shape in = new Shape(inputShape);
			NDArray x = m.randomNormal(in);
			NDList out = net.forward(new ParameterStore(m, false), new NDList(x), false);
			Shape[] shapes = out.getShapes();
			assertArrayEquals(net.getOutputShapes(new Shape[] {in}), shapes, "getOutputShapes is exact");
			assertEquals(net.outputCount(), shapes.length);
			for (NDArray o : out) assertTrue(Float.isFinite(o.sum().getFloat()));
			return shapes;
		}
	}

	@Test
	void plainUNet2DShapesWithDeepSupervision() {
		Shape[] s = forwardShapes(plain2D(true), 2, 1, 16, 12);
		assertArrayEquals(new Shape[] {new Shape(2, 3, 16, 12), new Shape(2, 3, 8, 6)}, s);
		assertArrayEquals(new Shape[] {new Shape(1, 3, 20, 4)}, forwardShapes(plain2D(false), 1, 1, 20, 4));
	}

	@Test
	void anisotropic3DShapesForAllArchitectures() {
		for (Architecture a : new Architecture[] {Architecture.PLAIN_UNET, Architecture.ATTENTION_UNET,
				Architecture.CE_NET}) {
			Shape[] s = forwardShapes(anisotropic3D(a), 1, 2, 6, 12, 8);
			assertArrayEquals(new Shape[] {new Shape(1, 2, 6, 12, 8), new Shape(1, 2, 6, 6, 4)}, s, a.toString());
		}
	}

	@Test
	void attentionAndCeNetIn2D() {
		for (Architecture a : new Architecture[] {Architecture.ATTENTION_UNET, Architecture.CE_NET}) {
			Shape[] s = forwardShapes(plain2D(true).withArchitecture(a), 1, 1, 12, 16);
			assertArrayEquals(new Shape[] {new Shape(1, 3, 12, 16), new Shape(1, 3, 6, 8)}, s, a.toString());
		}
	}

	@Test
	void inputSizesMustBeMultiplesOfTheTotalStride() {
		try (NDManager m = manager.newSubManager()) {
			SegmentationNetwork net = Networks.createInitialized(plain2D(false), m, 1);
			assertArrayEquals(new int[] {4, 4}, net.config().totalStride());
			for (long[] bad : new long[][] {{15, 16}, {16, 10}, {2, 4}}) {
				SegKitException e = assertThrows(SegKitException.class, () -> net.forward(new ParameterStore(m, false),
						new NDList(m.zeros(new Shape(1, 1, bad[0], bad[1]))), false));
				assertTrue(e.getMessage().contains("multiple of [4, 4]"), e.getMessage());
			}
			SegKitException channels = assertThrows(SegKitException.class, () -> net.forward(new ParameterStore(m,
					false), new NDList(m.zeros(new Shape(1, 2, 8, 8))), false));
			assertTrue(channels.getMessage().contains("1 channels"), channels.getMessage());
		}
	}

	/** Parameters of the plain U-Net, counted layer by layer from the formulas (independent of the code). */
	static long plainUNetFormula(NetworkConfig c) {
		long n = 0;
		int in = c.inChannels();
		int[] f = c.features();
		for (int s = 0; s < f.length; s++) {
			long k = prod(c.kernelSizes()[s]);
			n += in * f[s] * k + f[s] + 2L * f[s]; // conv + bias, InstanceNorm gamma + beta
			n += (long) f[s] * f[s] * k + f[s] + 2L * f[s];
			in = f[s];
		}
		for (int s = f.length - 2; s >= 0; s--) {
			long k = prod(c.kernelSizes()[s]);
			n += (long) f[s + 1] * f[s] * prod(c.strides()[s + 1]) + f[s]; // transposed conv, kernel = stride
			n += 2L * f[s] * f[s] * k + f[s] + 2L * f[s];
			n += (long) f[s] * f[s] * k + f[s] + 2L * f[s];
			if (s == 0 || c.deepSupervision()) n += (long) f[s] * c.classes() + c.classes();
		}
		return n;
	}

	@Test
	void plainUNetParameterCountMatchesTheFormula() {
		NetworkConfig[] configs = {plain2D(true), plain2D(false), anisotropic3D(Architecture.PLAIN_UNET),
				new NetworkConfig(Architecture.PLAIN_UNET, 3, 1, 4, new int[] {32, 64, 128, 256, 320}, new int[][] {{1, 3,
						3}, {3, 3, 3}, {3, 3, 3}, {3, 3, 3}, {3, 3, 3}}, new int[][] {{1, 1, 1}, {1, 2, 2}, {2, 2, 2}, {2,
								2, 2}, {1, 2, 2}}, true)};
		for (NetworkConfig c : configs) {
			try (NDManager m = manager.newSubManager()) {
				SegmentationNetwork net = Networks.createInitialized(c, m, 1);
				assertEquals(plainUNetFormula(c), Networks.parameterCount(net), c.toString());
			}
		}
	}

	/** Ronneberger et al. 2015: 1 channel in, 2 classes, 64 base features: 31,030,658 parameters. */
	@Test
	void originalUNetHas31030658Parameters() {
		NetworkConfig c = NetworkConfig.ronneberger2015();
		try (NDManager m = manager.newSubManager()) {
			SegmentationNetwork net = Networks.createInitialized(c, m, 1);
			assertEquals(31_030_658L, Networks.parameterCount(net));
			assertArrayEquals(new long[] {388, 388}, net.outputSize(new long[] {572, 572}));
		}
	}

	@Test
	void originalUNetForwardIsUnpaddedWithCroppedSkips() {
		NetworkConfig c = NetworkConfig.unet2015(1, 2, 2);
		assertArrayEquals(new Shape[] {new Shape(1, 2, 388, 388)}, forwardShapes(c, 1, 1, 572, 572));
		assertArrayEquals(new Shape[] {new Shape(1, 2, 4, 4)}, forwardShapes(c, 1, 1, 188, 188));
		try (NDManager m = manager.newSubManager()) {
			SegmentationNetwork net = Networks.create(c);
			assertArrayEquals(new long[] {188, 188}, net.smallestInputSize());
			SegKitException e = assertThrows(SegKitException.class, () -> net.outputSize(new long[] {570, 572}));
			assertTrue(e.getMessage().contains("572 x 572 gives 388 x 388"), e.getMessage());
		}
	}

	@Test
	void configRoundTripsThroughJson() {
		for (NetworkConfig c : new NetworkConfig[] {plain2D(true), anisotropic3D(Architecture.CE_NET), NetworkConfig
				.ronneberger2015()}) {
			String json = c.toJson();
			assertEquals(c, NetworkConfig.fromJson(json), json);
		}
		assertTrue(plain2D(true).toJson().contains("\"architecture\": \"PLAIN_UNET\""));
		assertThrows(SegKitException.class, () -> NetworkConfig.fromJson("{\"dims\": 4}"));
		assertThrows(SegKitException.class, () -> NetworkConfig.fromJson("not json ["));
	}

	@Test
	void badConfigurationsAreRefusedWithAMessage() {
		SegKitException e = assertThrows(SegKitException.class, () -> new NetworkConfig(Architecture.PLAIN_UNET, 2,
				1, 2, new int[] {4, 8}, new int[][] {{3, 3}, {4, 4}}, new int[][] {{1, 1}, {2, 2}}, false));
		assertTrue(e.getMessage().contains("odd"), e.getMessage());
		e = assertThrows(SegKitException.class, () -> new NetworkConfig(Architecture.PLAIN_UNET, 3, 1, 2, new int[] {4,
				8}, new int[][] {{3, 3}, {3, 3}}, new int[][] {{1, 1}, {2, 2}}, false));
		assertTrue(e.getMessage().contains("one per axis"), e.getMessage());
	}

	@Test
	void sameSeedSameWeightsSameOutput() {
		NetworkConfig c = plain2D(false);
		float[][] outs = new float[2][];
		for (int i = 0; i < 2; i++) {
			try (NDManager m = manager.newSubManager()) {
				SegmentationNetwork net = Networks.createInitialized(c, m, 99);
				NDArray x = m.create(NnTesting.random(new Random(1), 64), new Shape(1, 1, 8, 8));
				outs[i] = net.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
			}
		}
		assertArrayEquals(outs[0], outs[1]);
	}

	private static long prod(int[] a) {
		long p = 1;
		for (int v : a) p *= v;
		return p;
	}
}
