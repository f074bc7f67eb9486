package io.segkit.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import io.segkit.dataset.DatasetJson;

/**
 * The planner's decisions for hand-computed fingerprints. Each test says in comments how the expected
 * values follow from nnunet-rules.md section 2 (and nnU-Net v2's ExperimentPlanner).
 */
class PlannerTest {

	private static final double EPS = 1e-12;

	// ---- helpers

	static Fingerprint fingerprint(double relativeSize, CaseFingerprint... cases) {
		IntensityStats s = new IntensityStats(100, 90, 20, 0, 300, 10, 250);
		return new Fingerprint(List.of(cases), List.of(s), relativeSize, new long[0]);
	}

	static Fingerprint oneCase(double[] spacing, int[] shape) {
		return fingerprint(1, new CaseFingerprint(spacing, shape, 1));
	}

	static DatasetJson dataset(String channel, int labels, int numTraining) {
		Map<String, Integer> l = new LinkedHashMap<>();
		for (int i = 0; i < labels; i++) l.put(i == 0 ? "background" : "class" + i, i);
		return new DatasetJson(Map.of("0", channel), l, numTraining, ".tif");
	}

	static Plans plan(double gb, Fingerprint f, DatasetJson d) {
		return new Planner(MemoryBudget.gpu(gb)).plan(f, d);
	}

	static int[][] repeat(int[] row, int times) {
		int[][] out = new int[times][];
		for (int i = 0; i < times; i++) out[i] = row.clone();
		return out;
	}

	// ---- isotropic 3D

	@Test
	void isotropic128CubeGivesSixStagesOfKernel3() {
		// Spacing 1 mm, median shape 128^3. Initial patch: 1/spacing scaled to 256^3 voxels = 256^3,
		// clipped to the median -> 128^3. Topology: 128 -> 64 -> 32 -> 16 -> 8 -> 4 = 5 pools on every
		// axis (8 >= 2 x 4 still pools, 4 does not) -> 6 stages, stride 1 then 2,2,2 x5, all kernels 3
		// (all spacings equal). Patch 128 is a multiple of 2^5: unchanged.
		// Estimate (2 classes, features 32,64,128,256,320,320), voxels per stage 128^3=2097152, 262144,
		// 32768, 4096, 512, 64:
		//   encoder 2 convs x F x voxels: 134217728 + 33554432 + 8388608 + 2097152 + 327680 + 40960
		//                                = 178626560
		//   decoder (2 convs + 1 transposed conv) x F x voxels of stages 4..0:
		//     3 x (320x512 + 256x4096 + 128x32768 + 64x262144 + 32x2097152) = 267878400
		//   head 2 x 2097152 = 4194304                                   total = 450699264
		// 450699264 / 2 x 2 < 560e6: no shrinking. Batch round(560e6 / 450699264 x 2) = round(2.485) = 2.
		Plans plans = plan(8, oneCase(new double[] { 1, 1, 1 }, new int[] { 128, 128, 128 }), dataset("MRI", 2, 1000));
		Plan p = plans.configuration("3d_fullres");
		assertArrayEquals(new int[] { 128, 128, 128 }, p.patchSize());
		assertEquals(6, p.stages());
		assertArrayEquals(new int[] { 32, 64, 128, 256, 320, 320 }, p.featuresPerStage());
		assertArrayEquals(new int[][] { { 1, 1, 1 }, { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 } },
			p.strides());
		assertArrayEquals(repeat(new int[] { 3, 3, 3 }, 6), p.kernelSizes());
		assertEquals(450699264L, p.estimatedFeatureMapElements());
		assertEquals(2, p.batchSize());
		assertArrayEquals(new int[] { 2, 2, 2, 2, 2, 2 }, p.convsPerStage());
		assertArrayEquals(new int[] { 2, 2, 2, 2, 2 }, p.convsPerStageDecoder());
		// no 3d_lowres: patch 128^3 covers the whole median image -> 3d_fullres without batch Dice
		assertFalse(p.batchDice());
		assertArrayEquals(new int[] { 0, 1, 2 }, plans.transposeForward());
		// the 2D configuration exists too, on the last two axes
		assertArrayEquals(new int[] { 128, 128 }, plans.configuration("2d").patchSize());
		assertTrue(plans.configuration("2d").batchDice());
	}

	@Test
	void estimateMatchesHandCount() {
		int[][] strides = { { 1, 1, 1 }, { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 } };
		assertEquals(450699264L, Planner.estimateFeatureMapElements(new int[] { 128, 128, 128 }, strides, new int[] {
			32, 64, 128, 256, 320, 320 }, new int[] { 2, 2, 2, 2, 2, 2 }, new int[] { 2, 2, 2, 2, 2 }, 2));
		// one more class adds one more full-resolution head channel: 128^3
		assertEquals(450699264L + 2097152L, Planner.estimateFeatureMapElements(new int[] { 128, 128, 128 }, strides,
			new int[] { 32, 64, 128, 256, 320, 320 }, new int[] { 2, 2, 2, 2, 2, 2 }, new int[] { 2, 2, 2, 2, 2 }, 3));
	}

	// ---- budgets that force the shrink loop

	@Test
	void smallerBudgetShrinksTheLastTiedAxisByTheNextValidStep() {
		// Same data, 6 GB: reference 560e6 x 6/8 = 420e6 < 450699264 -> shrink. All patch/median ratios
		// are 1; numpy's argsort keeps ties in order and nnU-Net takes the last -> axis 2 (x).
		// Step: x - 32 (2^5) = 96 would have 4 pools (96->48->24->12->6), so its step is 16 and x becomes
		// 128 - 16 = 112 (not 96). New topology: x pools 4 times (112 -> 7), so the 5th pooling round
		// pools only z and y: last stride (2,2,1). Estimate 394397696 < 420e6 -> stop.
		// Batch round(420e6 / 394397696 x 2) = round(2.13) = 2.
		Plan p = plan(6, oneCase(new double[] { 1, 1, 1 }, new int[] { 128, 128, 128 }), dataset("MRI", 2, 1000))
			.configuration("3d_fullres");
		assertArrayEquals(new int[] { 128, 128, 112 }, p.patchSize());
		assertArrayEquals(new int[] { 2, 2, 1 }, p.strides()[5]);
		assertEquals(394397696L, p.estimatedFeatureMapElements());
		assertEquals(2, p.batchSize());
	}

	@Test
	void quarterBudgetShrinksFurtherAndDropsAStage() {
		// 4 GB: reference 280e6. Step 1 as above: (128, 128, 112). Ratios to the median are now
		// (1, 1, 0.875): the last largest is y -> (128, 112, 112). Then z -> (112, 112, 112): every axis
		// pools 4 times, 5 stages, estimate 2 x 59819200 + 3 x 59709440 + 2 x 112^3 = 301576576, still
		// > 280e6. Ratios tie again, x is last: 112 - 16 = 96 -> (112, 112, 96), estimate 258494208 <= 280e6.
		// Batch round(280e6 / 258494208 x 2) = round(2.17) = 2.
		Plan p = plan(4, oneCase(new double[] { 1, 1, 1 }, new int[] { 128, 128, 128 }), dataset("MRI", 2, 1000))
			.configuration("3d_fullres");
		assertArrayEquals(new int[] { 112, 112, 96 }, p.patchSize());
		assertEquals(5, p.stages());
		assertArrayEquals(new int[] { 32, 64, 128, 256, 320 }, p.featuresPerStage());
		assertEquals(258494208L, p.estimatedFeatureMapElements());
		assertEquals(2, p.batchSize());
	}

	@Test
	void cpuBudgetScalesTheReferenceLikeGpuMemory() {
		// 1 GB of RAM: reference 70e6 (3D). The loop shrinks to 64^3 (4 pools, 5 stages, 56270848 <= 70e6).
		Plans plans = new Planner(MemoryBudget.cpu(1)).plan(oneCase(new double[] { 1, 1, 1 }, new int[] { 128, 128,
			128 }), dataset("MRI", 2, 1000));
		Plan p = plans.configuration("3d_fullres");
		assertArrayEquals(new int[] { 64, 64, 64 }, p.patchSize());
		assertEquals(5, p.stages());
		assertEquals(56270848L, p.estimatedFeatureMapElements());
		assertEquals(MemoryBudget.Device.CPU, plans.budget().device());
		assertTrue(plans.notes().get(0).contains("CPU"));
	}

	@Test
	void veryLargeMedianShapeStartsAt256AndShrinksTo128() {
		// 1 mm, median 512^3: initial patch 256^3 (not clipped). 256 pools 6 times (-> 4): 7 stages and an
		// estimate far above 560e6, so the loop shrinks x, y, z in turn (x first on ties) by the next valid
		// step (256 -> 224 -> 192 -> 160 -> 128) until 128^3 = 450699264 fits. Batch 2.
		Plans plans = plan(8, oneCase(new double[] { 1, 1, 1 }, new int[] { 512, 512, 512 }), dataset("CT", 2, 1000));
		Plan p = plans.configuration("3d_fullres");
		assertArrayEquals(new int[] { 128, 128, 128 }, p.patchSize());
		assertEquals(6, p.stages());
		assertEquals(2, p.batchSize());
		assertEquals(List.of("CTNormalization"), p.normalizationSchemes());
		// patch voxels / median voxels = 1/64 < 0.25: nnU-Net would add 3d_lowres, so 3d_fullres gets
		// batch Dice; SegKit leaves 3d_lowres out unless asked and says so.
		assertTrue(p.batchDice());
		assertNull(plans.configuration("3d_lowres"));
		assertTrue(plans.notes().stream().anyMatch(n -> n.contains("3d_lowres")));
		// 2D: 512^2 at 0.5 GB-equivalent: 8 stages, estimate 82624512 (see twoDimensional test), batch 12
		assertArrayEquals(new int[] { 512, 512 }, plans.configuration("2d").patchSize());
		assertEquals(12, plans.configuration("2d").batchSize());
	}

	// ---- tiny images

	@Test
	void tinyMedianShapeClipsThePatchAndCapsTheBatchAt5Percent() {
		// Median 20 x 30 x 25 at 1 mm: initial 256^3 clipped to (20, 30, 25). Topology: round 1 pools all
		// (10, 15, 13), round 2 pools all (5, 8, 7), round 3: only y (8) is a candidate and a lone axis
		// needs >= 12 -> stop. 2 pools per axis: 3 stages, patch padded to multiples of 4: (20, 32, 28).
		// Estimate: voxels 17920, 2240, 280 -> encoder 2x(32x17920 + 64x2240 + 128x280) = 1505280,
		// decoder 3x(64x2240 + 32x17920) = 2150400, head 2 x 17920 = 35840 -> 3691520.
		// Memory would allow round(560e6 / 3691520 x 2) = 303, but 5% of the dataset
		// (100 cases x 20x30x25 voxels x 0.05 / 17920 = 4.19) caps it at 4.
		Plan p = plan(8, oneCase(new double[] { 1, 1, 1 }, new int[] { 20, 30, 25 }), dataset("MRI", 2, 100))
			.configuration("3d_fullres");
		assertArrayEquals(new int[] { 20, 32, 28 }, p.patchSize());
		assertEquals(3, p.stages());
		assertArrayEquals(new int[][] { { 1, 1, 1 }, { 2, 2, 2 }, { 2, 2, 2 } }, p.strides());
		assertEquals(3691520L, p.estimatedFeatureMapElements());
		assertEquals(4, p.batchSize());
	}

	// ---- 2D microscopy

	@Test
	void twoDimensionalImagesGetOnlyA2dPlan() {
		// A 512 x 512 image: the fingerprint stores z spacing 999 and z size 1 (like nnU-Net's 2D reader).
		// z has the largest spacing -> transpose (0, 1, 2); the median shape has z = 1 -> no 3D plan.
		// 2D: spacing (0.5, 0.5), initial 2048^2 clipped to 512^2; 512 pools 7 times (-> 4): 8 stages,
		// features 32 ... 512 (2D cap 512). Estimate: encoder 32849920 + decoder 49250304 + head 524288 =
		// 82624512; 82624512 / 12 x 2 < 85e6. Batch round(85e6 / 82624512 x 12) = round(12.35) = 12;
		// 5% of 1000 cases x 512^2 / 512^2 = 50: no cap.
		Fingerprint f = oneCase(new double[] { 999, 0.5, 0.5 }, new int[] { 1, 512, 512 });
		Plans plans = plan(8, f, dataset("fluorescence", 2, 1000));
		assertNull(plans.configuration("3d_fullres"));
		assertEquals(List.of("2d"), List.copyOf(plans.configurations().keySet()));
		Plan p = plans.configuration("2d");
		assertArrayEquals(new int[] { 512, 512 }, p.patchSize());
		assertArrayEquals(new double[] { 0.5, 0.5 }, p.spacing(), EPS);
		assertEquals(8, p.stages());
		assertArrayEquals(new int[] { 32, 64, 128, 256, 512, 512, 512, 512 }, p.featuresPerStage());
		assertEquals(82624512L, p.estimatedFeatureMapElements());
		assertEquals(12, p.batchSize());
		assertEquals("torch.nn.modules.conv.Conv2d", com.google.gson.JsonParser.parseString(p.toJson())
			.getAsJsonObject().getAsJsonObject("architecture").getAsJsonObject("arch_kwargs").get("conv_op")
			.getAsString());
	}

	@Test
	void twoDimensionalBatchIsCappedAt5PercentWithFloor2() {
		Fingerprint f = oneCase(new double[] { 999, 0.5, 0.5 }, new int[] { 1, 512, 512 });
		// 100 images: 5% of 100 x 512^2 voxels = 5 patches of 512^2 -> batch min(12, 5) = 5
		assertEquals(5, plan(8, f, dataset("DAPI", 2, 100)).configuration("2d").batchSize());
		// 20 images: 5% = 1 patch -> the floor of 2 wins
		assertEquals(2, plan(8, f, dataset("DAPI", 2, 20)).configuration("2d").batchSize());
	}

	// ---- anisotropic data

	@Test
	void anisotropicSpacingTakesThe10thPercentileOfTheCoarseAxis() {
		// Median spacing (3, 0.78, 0.78): 3 > 3 x 0.78 = 2.34, and median size 40 x 3 = 120 < 512 -> the
		// anisotropy rule applies: z takes the 10th percentile of (2.5, 3, 3, 3, 5): rank 0.4 ->
		// 2.5 + 0.4 x 0.5 = 2.7 (>= 0.78, kept).
		double[] z = { 2.5, 3, 3, 3, 5 };
		List<double[]> spacings = new java.util.ArrayList<>();
		List<int[]> shapes = new java.util.ArrayList<>();
		for (double s : z) {
			spacings.add(new double[] { s, 0.78, 0.78 });
			shapes.add(new int[] { 40, 512, 512 });
		}
		assertArrayEquals(new double[] { 2.7, 0.78, 0.78 }, Planner.targetSpacing(spacings, shapes), 1e-12);
		// Not enough slices-to-pixels contrast (200 x 3 > 512): the median 3 stays.
		shapes.replaceAll(s -> new int[] { 200, 512, 512 });
		assertArrayEquals(new double[] { 3, 0.78, 0.78 }, Planner.targetSpacing(spacings, shapes), 1e-12);
	}

	@Test
	void anisotropicPercentileNeverGoesBelowTheOtherAxes() {
		// z spacings (0.1, 0.1, 3, 3, 3): median 3 triggers the rule, the 10th percentile is 0.1 < 0.78,
		// so z becomes max(0.78, 0.1) + 1e-5 (nnU-Net adds the 1e-5).
		List<double[]> spacings = new java.util.ArrayList<>();
		List<int[]> shapes = new java.util.ArrayList<>();
		for (double s : new double[] { 0.1, 0.1, 3, 3, 3 }) {
			spacings.add(new double[] { s, 0.78, 0.78 });
			shapes.add(new int[] { 40, 512, 512 });
		}
		assertArrayEquals(new double[] { 0.78 + 1e-5, 0.78, 0.78 }, Planner.targetSpacing(spacings, shapes), 1e-15);
	}

	@Test
	void anisotropicTopologyPoolsInPlaneFirstWithKernel1AlongZ() {
		// spacing (3, 0.78, 0.78), patch (40, 224, 224):
		// round 1: z/min = 3.85 >= 2 -> only y, x pool; kernel (1,3,3); sizes (40,112,112), spacing (3,1.56,1.56)
		// round 2: 3/1.56 = 1.92 < 2 -> all pool, z kernel becomes 3; (20,56,56), (6,3.12,3.12)
		// rounds 3, 4: all pool -> (10,28,28) -> (5,14,14)
		// round 5: z = 5 < 8 is no candidate; y, x pool -> (5,7,7); round 6: nothing >= 8 -> stop.
		// pools (3,5,5): 6 stages; the bottleneck kernel is 3; the patch is already a multiple of (8,32,32).
		Topology t = Topology.of(new double[] { 3, 0.78, 0.78 }, new int[] { 40, 224, 224 });
		assertArrayEquals(new int[] { 3, 5, 5 }, t.poolsPerAxis());
		assertArrayEquals(new int[][] { { 1, 1, 1 }, { 1, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 }, { 1, 2, 2 } },
			t.strides());
		assertArrayEquals(new int[][] { { 1, 3, 3 }, { 3, 3, 3 }, { 3, 3, 3 }, { 3, 3, 3 }, { 3, 3, 3 }, { 3, 3,
			3 } }, t.kernelSizes());
		assertArrayEquals(new int[] { 40, 224, 224 }, t.patchSize());
		assertArrayEquals(new int[] { 8, 32, 32 }, t.mustBeDivisibleBy());
	}

	@Test
	void anisotropicPlanKeepsKernel1InTheFirstStage() {
		// One case, spacing (3, 0.78, 0.78), shape 40 x 512 x 512. With a single case the 10th percentile
		// is 3 itself. Initial patch: 1/spacing = (0.333, 1.282, 1.282) scaled to 256^3 -> (104, 401, 401),
		// clipped to (40, 401, 401); the shrink loop ends at (24, 320, 256) with 7 stages; z is pooled
		// only twice ((1,2,2) strides first, while its spacing is > 2x the in-plane one).
		Plan p = plan(8, oneCase(new double[] { 3, 0.78, 0.78 }, new int[] { 40, 512, 512 }), dataset("MRI", 2, 1000))
			.configuration("3d_fullres");
		assertArrayEquals(new int[] { 24, 320, 256 }, p.patchSize());
		assertArrayEquals(new int[] { 1, 3, 3 }, p.kernelSizes()[0]);
		assertArrayEquals(new int[] { 1, 2, 2 }, p.strides()[1]);
		assertArrayEquals(new double[] { 40, 512, 512 }, p.medianImageSize(), EPS);
		assertEquals(2, p.batchSize());
	}

	@Test
	void initialPatchFollowsInverseSpacingRoundedHalfEven() {
		// (3, 0.78, 0.78): 1/s = (0.3333, 1.2821, 1.2821), product 0.5479, scale (256^3 / 0.5479)^(1/3)
		// = 312.9 -> (104.3, 401.2, 401.2) -> (104, 401, 401); clipping to a fractional median keeps
		// the fraction (nnU-Net pads it up later).
		assertArrayEquals(new double[] { 104, 401, 401 }, Planner.initialPatch(new double[] { 3, 0.78, 0.78 },
			new double[] { 1000, 1000, 1000 }), EPS);
		assertArrayEquals(new double[] { 40.5, 401, 401 }, Planner.initialPatch(new double[] { 3, 0.78, 0.78 },
			new double[] { 40.5, 1000, 1000 }), EPS);
		// a fractional size pads to the next multiple: 326.5 -> 384 with 2^6
		assertEquals(384, Topology.padToMultiple(326.5, 64));
		assertEquals(320, Topology.padToMultiple(320, 64));
	}

	@Test
	void transposePutsTheCoarsestAxisFirst() {
		// largest target spacing on x (axis 2): forward (2, 0, 1), backward is its inverse (1, 2, 0)
		int[][] t = Planner.transpose(new double[] { 1, 1, 4 });
		assertArrayEquals(new int[] { 2, 0, 1 }, t[0]);
		assertArrayEquals(new int[] { 1, 2, 0 }, t[1]);
		// ties: the first largest axis (np.argmax)
		assertArrayEquals(new int[] { 0, 1, 2 }, Planner.transpose(new double[] { 2, 2, 1 })[0]);
	}

	@Test
	void transposedDataPlansInTransposedOrder() {
		// x spacing 5 mm, y/z 1 mm: transpose (2, 0, 1); the 3D spacing and shape are in that order and
		// the 2D plan uses the last two transposed axes (z, y).
		Plans plans = plan(8, oneCase(new double[] { 1, 1, 5 }, new int[] { 160, 200, 30 }), dataset("MRI", 2, 100));
		assertArrayEquals(new int[] { 2, 0, 1 }, plans.transposeForward());
		assertArrayEquals(new int[] { 1, 2, 0 }, plans.transposeBackward());
		assertArrayEquals(new double[] { 5, 1, 1 }, plans.configuration("3d_fullres").spacing(), EPS);
		assertArrayEquals(new double[] { 30, 160, 200 }, plans.configuration("3d_fullres").medianImageSize(), EPS);
		assertArrayEquals(new double[] { 160, 200 }, plans.configuration("2d").medianImageSize(), EPS);
		assertArrayEquals(new int[] { 30, 160, 200 }, plans.originalMedianShapeAfterTransp());
	}

	@Test
	void medianShapeIsTakenAfterResamplingEachCase() {
		// target spacing = median (1, 1, 1) of (0.5, 1, 2) per axis; case shapes resampled: round(s / 1 x n):
		// z: 0.5 x 100 = 50, 1 x 60 = 60, 2 x 40 = 80 -> median 60
		List<double[]> spacings = List.of(new double[] { 0.5, 1, 1 }, new double[] { 1, 1, 1 }, new double[] { 2, 1,
			1 });
		List<int[]> shapes = List.of(new int[] { 100, 10, 10 }, new int[] { 60, 10, 10 }, new int[] { 40, 10, 10 });
		double[] target = Planner.targetSpacing(spacings, shapes);
		assertArrayEquals(new double[] { 1, 1, 1 }, target, EPS);
		assertArrayEquals(new double[] { 60, 10, 10 }, Planner.medianShapeAfterResampling(spacings, shapes, target),
			EPS);
	}

	// ---- normalization

	@Test
	void normalizationFollowsChannelNamesAndCropping() {
		assertEquals(List.of("CTNormalization", "ZScoreNormalization", "ZScoreNormalization"), Planner
			.normalizationSchemes(List.of("CT", "T2", "ct")));
		List<String> schemes = List.of("CTNormalization", "ZScoreNormalization");
		// cropping kept 0.6 < 0.75 of the volume: z-score inside the nonzero mask; CT never uses the mask
		assertArrayEquals(new boolean[] { false, true }, Planner.useMaskForNorm(schemes, 0.6, null));
		assertArrayEquals(new boolean[] { false, false }, Planner.useMaskForNorm(schemes, 0.75, null));
		assertArrayEquals(new boolean[] { false, true }, Planner.useMaskForNorm(schemes, 1, true));

		Plans plans = plan(8, fingerprint(0.5, new CaseFingerprint(new double[] { 1, 1, 1 }, new int[] { 64, 64, 64 },
			0.5)), dataset("MRI", 2, 10));
		assertArrayEquals(new boolean[] { true }, plans.configuration("3d_fullres").useMaskForNorm());
		assertArrayEquals(new boolean[] { true }, plans.configuration("2d").useMaskForNorm());
	}

	@Test
	void mismatchedChannelsAreRefusedWithAClearMessage() {
		DatasetJson twoChannels = new DatasetJson(Map.of("0", "CT", "1", "PET"), Map.of("background", 0, "tumor", 1),
			10, ".tif");
		var e = org.junit.jupiter.api.Assertions.assertThrows(io.segkit.SegKitException.class, () -> plan(8, oneCase(
			new double[] { 1, 1, 1 }, new int[] { 64, 64, 64 }), twoChannels));
		assertTrue(e.getMessage().contains("1 channel(s) but dataset.json names 2"), e.getMessage());
	}
}
