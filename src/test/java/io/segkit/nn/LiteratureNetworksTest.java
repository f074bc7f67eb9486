package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * FCN, SegNet, UNet++, DeepLabv3+, PSPNet and RefineNet: output shapes for odd sizes and anisotropic strides in 2D
 * and 3D, parameter counts against an independent PyTorch description, and a falling loss.
 */
class LiteratureNetworksTest extends WithManager {

	static final List<Architecture> LITERATURE = List.of(Architecture.FCN, Architecture.SEGNET,
			Architecture.UNET_PLUS_PLUS, Architecture.DEEPLAB_V3_PLUS,
			Architecture.PSPNET, Architecture.REFINENET);

	/**
	 * Printed by src/test/python/reference_networks.py (torch.nn layers written from each paper's layout as SegKit
	 * adapts it, counted with sum(p.numel())) for the configurations below: odd2d = CENetTest.odd2D, aniso3d =
	 * CENetTest.anisotropic3D, deep2d = {@link #deep2D}; "ds" = with deep supervision.
	 */
	static final Map<String, Long> REFERENCE_COUNTS = Map.ofEntries(
			Map.entry("FCN odd2d", 1849L),
			Map.entry("FCN odd2d ds", 1849L),
			Map.entry("FCN aniso3d", 9662L),
			Map.entry("FCN aniso3d ds", 9662L),
			Map.entry("FCN deep2d", 11175126L),
			Map.entry("FCN deep2d ds", 11175126L),
			Map.entry("SEGNET odd2d", 1719L),
			Map.entry("SEGNET odd2d ds", 1734L),
			Map.entry("SEGNET aniso3d", 9382L),
			Map.entry("SEGNET aniso3d ds", 9392L),
			Map.entry("SEGNET deep2d", 9438786L),
			Map.entry("SEGNET deep2d ds", 9439240L),
			Map.entry("UNET_PLUS_PLUS odd2d", 2825L),
			Map.entry("UNET_PLUS_PLUS odd2d ds", 2840L),
			Map.entry("UNET_PLUS_PLUS aniso3d", 8026L),
			Map.entry("UNET_PLUS_PLUS aniso3d ds", 8036L),
			Map.entry("UNET_PLUS_PLUS deep2d", 9048930L),
			Map.entry("UNET_PLUS_PLUS deep2d ds", 9049128L),
			Map.entry("DEEPLAB_V3_PLUS odd2d", 2330L),
			Map.entry("DEEPLAB_V3_PLUS odd2d ds", 2330L),
			Map.entry("DEEPLAB_V3_PLUS aniso3d", 10857L),
			Map.entry("DEEPLAB_V3_PLUS aniso3d ds", 10857L),
			Map.entry("DEEPLAB_V3_PLUS deep2d", 12327978L),
			Map.entry("DEEPLAB_V3_PLUS deep2d ds", 12327978L),
			Map.entry("PSPNET odd2d", 1927L),
			Map.entry("PSPNET odd2d ds", 1954L),
			Map.entry("PSPNET aniso3d", 10592L),
			Map.entry("PSPNET aniso3d ds", 10748L),
			Map.entry("PSPNET deep2d", 12616514L),
			Map.entry("PSPNET deep2d ds", 12764292L),
			Map.entry("REFINENET odd2d", 3160L),
			Map.entry("REFINENET odd2d ds", 3160L),
			Map.entry("REFINENET aniso3d", 18630L),
			Map.entry("REFINENET aniso3d ds", 18630L),
			Map.entry("REFINENET deep2d", 22583298L),
			Map.entry("REFINENET deep2d ds", 22583298L));

	/** ResNet-18's widths on five stages of 3x3 kernels and stride 2. */
	static NetworkConfig deep2D(Architecture a, boolean ds) {
		int[][] k = new int[5][];
		int[][] st = new int[5][];
		for (int s = 0; s < 5; s++) {
			k[s] = new int[] {3, 3};
			st[s] = s == 0 ? new int[] {1, 1} : new int[] {2, 2};
		}
		return new NetworkConfig(a, 2, 1, 2, new int[] {32, 64, 128, 256, 512}, k, st, ds);
	}

	@Test
	void parameterCountsMatchThePyTorchReference() {
		for (Architecture a : LITERATURE) {
			for (boolean ds : new boolean[] {false, true}) {
				String suffix = ds ? " ds" : "";
				assertCount(a + " odd2d" + suffix, CENetTest.odd2D(a, ds));
				assertCount(a + " aniso3d" + suffix, CENetTest.anisotropic3D(a, ds));
				if (ds) assertCount(a + " deep2d" + suffix, deep2D(a, ds)); // the large one once: seconds to allocate
			}
		}
	}

	private static void assertCount(String key, NetworkConfig c) {
		try (NDManager m = manager.newSubManager()) {
			assertEquals(REFERENCE_COUNTS.get(key), Networks.parameterCount(Networks.createInitialized(c, m, 1)), key);
		}
	}

	@Test
	void oddSizesIn2D() {
		for (Architecture a : LITERATURE) {
			for (boolean ds : new boolean[] {false, true}) {
				// total stride 9 x 4: 18 x 4 and 9 x 8, maps of 6 x 2 and 2 x 1 (or 3 x 4 and 1 x 2) inside
				for (long[] size : new long[][] {{18, 4}, {9, 8}}) {
					Shape[] out = CENetTest.forwardShapes(manager, CENetTest.odd2D(a, ds), 2, 1, size[0], size[1]);
					assertFullSizeFirst(a, out, new Shape(2, 3, size[0], size[1]), ds);
				}
			}
		}
	}

	@Test
	void anisotropicStridesIn3D() {
		for (Architecture a : LITERATURE) {
			for (boolean ds : new boolean[] {false, true}) {
				// z never down-sampled (odd, 5 and 3), y and x by 4
				Shape[] out = CENetTest.forwardShapes(manager, CENetTest.anisotropic3D(a, ds), 1, 2, 5, 12, 20);
				assertFullSizeFirst(a, out, new Shape(1, 2, 5, 12, 20), ds);
				out = CENetTest.forwardShapes(manager, CENetTest.anisotropic3D(a, ds), 1, 2, 3, 4, 4);
				assertFullSizeFirst(a, out, new Shape(1, 2, 3, 4, 4), ds);
			}
		}
	}

	private static void assertFullSizeFirst(Architecture a, Shape[] out, Shape expected, boolean ds) {
		assertEquals(expected, out[0], a + (ds ? " with deep supervision" : ""));
		if (!ds) assertEquals(1, out.length, a.toString());
		for (Shape s : out) assertEquals(expected.get(1), s.get(1), a + " " + Arrays.toString(out));
	}

	/**
	 * FCN-32s, 16s and 8s on a 3D network whose bottom is at stride (8, 32, 32): 32s fuses no skip, 16s the stage at
	 * (4, 16, 16), 8s also the one at (2, 8, 8); each skip adds a 1x1 score conv and a learned up-sampling.
	 */
	@Test
	void fcnVariantsFuseSkipsDownToTheirOutputStride() {
		int[] one = {1, 1, 1}, inPlane = {1, 2, 2}, all = {2, 2, 2}, k = {3, 3, 3};
		NetworkConfig c = new NetworkConfig(Architecture.FCN, 3, 1, 2, new int[] {2, 3, 4, 5, 6, 7}, new int[][] {k, k, k,
				k, k, k}, new int[][] {one, inPlane, inPlane, all, all, all}, false);
		long[] counts = new long[3];
		int[] strides = {32, 16, 8};
		for (int v = 0; v < 3; v++) {
			try (NDManager m = manager.newSubManager()) {
				FCN net = new FCN(c, strides[v]);
				Networks.initialize(net, m, 1);
				counts[v] = Networks.parameterCount(net);
				Shape in = new Shape(1, 1, 8, 32, 64);
				Shape out = net.forward(new ai.djl.training.ParameterStore(m, false), new ai.djl.ndarray.NDList(m
						.randomNormal(in)), false).head().getShape();
				assertEquals(new Shape(1, 2, 8, 32, 64), out, "FCN-" + strides[v] + "s");
			}
		}
		long skip16 = (6 * 2 + 2) + (2 * 2 * 8 + 2); // score of stage 4 (6 features), up-sampling 2x2x2 from stage 5
		long skip8 = (5 * 2 + 2) + (2 * 2 * 8 + 2); // score of stage 3 (5 features), up-sampling 2x2x2 from stage 4
		assertEquals(counts[0] + skip16, counts[1]);
		assertEquals(counts[1] + skip8, counts[2]);
	}

	@Test
	void lossFallsForEveryNetwork() {
		for (Architecture a : LITERATURE) TrainingSmokeTest.assertLossFalls(a);
	}
}
