package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/** CE-Net: output shapes for odd and anisotropic sizes in 2D and 3D, and its parameter count layer by layer. */
class CENetTest extends WithManager {

	static NetworkConfig config(Architecture a, int dims, int in, int classes, int[] features, int[][] kernels,
			int[][] strides, boolean deepSupervision) {
		return new NetworkConfig(a, dims, in, classes, features, kernels, strides, deepSupervision);
	}

	/** 2D, stride 3 then 2 on y and 1 then 2 on x: 9 x 4 in, 3 x 2 and then 1 x 1 at the bottom (odd maps). */
	static NetworkConfig odd2D(Architecture a, boolean ds) {
		return config(a, 2, 1, 3, new int[] {4, 6, 8}, new int[][] {{3, 3}, {3, 1}, {1, 3}}, new int[][] {{1, 1}, {3, 2},
				{3, 2}}, ds);
	}

	/** 3D with z never down-sampled (odd z), y and x halved twice: 5 x 12 x 20 -> 5 x 3 x 5 at the bottom. */
	static NetworkConfig anisotropic3D(Architecture a, boolean ds) {
		return config(a, 3, 2, 2, new int[] {4, 8, 8}, new int[][] {{1, 3, 3}, {1, 3, 3}, {3, 3, 3}}, new int[][] {{1, 1,
				1}, {1, 2, 2}, {1, 2, 2}}, ds);
	}

	static Shape[] forwardShapes(NetworkConfig config, long... inputShape) {
		return forwardShapes(manager, config, inputShape);
	}

	static Shape[] forwardShapes(NDManager manager, NetworkConfig config, long... inputShape) {
		try (NDManager m = manager.newSubManager()) {
			SegmentationNetwork net = Networks.createInitialized(config, m, 1);
			Shape in = new Shape(inputShape);
			NDList out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false);
			Shape[] shapes = out.getShapes();
			assertArrayEquals(net.getOutputShapes(new Shape[] {in}), shapes, "getOutputShapes is exact");
			for (NDArray o : out) assertTrue(Float.isFinite(o.sum().getFloat()), "finite logits");
			return shapes;
		}
	}

	@Test
	void oddSizesIn2D() {
		// 18 x 4: stages at 18 x 4, 6 x 2, 2 x 1
		assertArrayEquals(new Shape[] {new Shape(2, 3, 18, 4), new Shape(2, 3, 6, 2)}, forwardShapes(odd2D(
				Architecture.CE_NET, true), 2, 1, 18, 4));
		assertArrayEquals(new Shape[] {new Shape(1, 3, 9, 4)}, forwardShapes(odd2D(Architecture.CE_NET, false), 1, 1, 9,
				4));
	}

	@Test
	void anisotropicStridesIn3D() {
		assertArrayEquals(new Shape[] {new Shape(1, 2, 5, 12, 20), new Shape(1, 2, 5, 6, 10)}, forwardShapes(
				anisotropic3D(Architecture.CE_NET, true), 1, 2, 5, 12, 20));
		assertArrayEquals(new Shape[] {new Shape(1, 2, 3, 4, 4)}, forwardShapes(anisotropic3D(Architecture.CE_NET,
				false), 1, 2, 3, 4, 4));
	}

	private static long prod(int[] a) {
		long p = 1;
		for (int v : a) p *= v;
		return p;
	}

	private static long residual(int in, int f, long k, boolean project) {
		long n = (long) in * f * k + 3L * f + (long) f * f * k + 3L * f;
		return project ? n + (long) in * f + 2L * f : n;
	}

	/** CE-Net's parameters, counted from the layer formulas (see the CENet class comment), not from the code. */
	static long formula(NetworkConfig c) {
		int[] f = c.features();
		int[][] k = c.kernelSizes(), st = c.strides();
		int stages = f.length;
		long n = 0;
		// encoder
		n += (long) c.inChannels() * f[0] * prod(k[0]) + 3L * f[0] + residual(f[0], f[0], prod(k[0]), false);
		for (int s = 1; s < stages; s++) {
			boolean project = f[s - 1] != f[s] || prod(st[s]) != 1;
			n += residual(f[s - 1], f[s], prod(k[s]), project) + residual(f[s], f[s], prod(k[s]), false);
		}
		int b = f[stages - 1];
		n += 3 * ((long) b * b * prod(k[stages - 1]) + b) + (long) b * b + b; // DAC: three dilated convs, one 1x1
		n += b + 1; // RMP: one shared 1x1 conv to one channel
		for (int s = stages - 2; s >= 0; s--) {
			int in = s == stages - 2 ? b + 4 : f[s + 1];
			int mid = Math.max(1, in / 4);
			n += (long) in * mid + 3L * mid; // 1x1 conv + IN
			n += (long) mid * mid * prod(st[s + 1]) + mid + 2L * mid; // transposed conv (kernel = stride) + IN
			n += (long) mid * f[s] + 3L * f[s]; // 1x1 conv + IN
			if (s == 0 || c.deepSupervision()) n += (long) f[s] * c.classes() + c.classes();
		}
		return n;
	}

	@Test
	void parameterCountMatchesTheFormula() {
		NetworkConfig tiny = config(Architecture.CE_NET, 2, 1, 2, new int[] {4, 8}, new int[][] {{3, 3}, {3, 3}},
				new int[][] {{1, 1}, {2, 2}}, false);
		// by hand: stem 48 + block 312, stage 1 960 + 1200, DAC 1824, RMP 9, decoder 45 + 39 + 6 + 24, head 10
		assertEquals(4477, formula(tiny));
		NetworkConfig sameChannels = config(Architecture.CE_NET, 2, 1, 2, new int[] {4, 4, 4}, new int[][] {{3, 3}, {3,
				3}, {3, 3}}, new int[][] {{1, 1}, {1, 1}, {2, 2}}, true); // stage 1: no projection
		for (NetworkConfig c : new NetworkConfig[] {tiny, sameChannels, odd2D(Architecture.CE_NET, true), anisotropic3D(
				Architecture.CE_NET, true), anisotropic3D(Architecture.CE_NET, false)}) {
			try (NDManager m = manager.newSubManager()) {
				assertEquals(formula(c), Networks.parameterCount(Networks.createInitialized(c, m, 1)), c.toString());
			}
		}
	}
}
