package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;
import io.segkit.dataset.TrainingFolder;
import io.segkit.model.ChannelNormalization;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.plan.Fingerprint;
import io.segkit.plan.FingerprintExtractor;
import io.segkit.plan.FolderPlanning;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.Plan;
import io.segkit.plan.Planner;
import io.segkit.plan.Plans;

class ModelDesignTest {

	private static Plans plans(String images, String labels) {
		TrainingFolder folder = TrainingFolder.of(Path.of("test-images", images), Path.of("test-images", labels));
		Fingerprint f = new FingerprintExtractor().extract(folder, io.segkit.Progress.NONE);
		return new Planner(MemoryBudget.cpu(2)).plan(f, FolderPlanning.datasetJson(folder, f));
	}

	@Test
	void twoDPlanOfTheTestNucleiBecomesA2DModelAtTheirPixelSize() {
		Plans plans = plans("2d/images", "2d/classes");
		Plan plan = plans.configuration("2d");
		ModelSpec spec = ModelDesign.fromPlan(plans, "2d", Architecture.ATTENTION_UNET, NetworkSize.AS_PLANNED, "nuclei", List.of("DAPI"),
			List.of("background", "nucleus", "nucleolus"), "micron");
		assertEquals(2, spec.dims());
		assertEquals(Architecture.ATTENTION_UNET, spec.network().architecture());
		assertArrayEquals(plan.patchSize(), spec.patchSize());
		assertArrayEquals(new double[] {0.5, 0.5}, spec.spacing(), 1e-9);
		assertArrayEquals(plan.featuresPerStage(), spec.network().features());
		assertEquals(3, spec.network().classes());
		assertEquals(List.of(ChannelNormalization.zScore()), spec.normalization());
	}

	@Test
	void threeDPlanKeepsZYXOrder() {
		Plans plans = plans("3d/images", "3d/labels");
		ModelSpec spec = ModelDesign.fromPlan(plans, "3d_fullres", Architecture.PLAIN_UNET, NetworkSize.AS_PLANNED, "n", List.of("DAPI"),
			List.of("background", "nucleus"), "micron");
		assertEquals(3, spec.dims());
		double[] s = spec.spacing();
		// test volumes have z 2.0 or 1.0 and x/y 0.5 micron: z is the coarse axis and stays first
		assertEquals(0.5, s[1], 1e-9);
		assertEquals(0.5, s[2], 1e-9);
		assertEquals(true, s[0] >= 1.0);
		int[] firstDown = spec.network().strides()[1];
		assertEquals(1, firstDown[0]); // the coarse z axis is not down-sampled at first (anisotropy)
	}

	@Test
	void unknownConfigurationIsExplained() {
		Plans plans = plans("2d/images", "2d/classes");
		SegKitException e = assertThrows(SegKitException.class, () -> ModelDesign.fromPlan(plans, "3d_fullres",
			Architecture.PLAIN_UNET, NetworkSize.AS_PLANNED, "n", List.of("a"), List.of("bg", "fg"), "micron"));
		assertEquals(true, e.getMessage().contains("available"));
	}

	@Test
	void twoDPlanNeedsZAsTheCoarseAxis() {
		assertArrayEquals(new int[] {0, 1}, ModelDesign.originalAxes(new int[] {0, 1, 2}, 2));
		assertArrayEquals(new int[] {1, 0}, ModelDesign.originalAxes(new int[] {0, 2, 1}, 2));
		assertThrows(SegKitException.class, () -> ModelDesign.originalAxes(new int[] {2, 0, 1}, 2));
	}

	private static List<io.segkit.dataset.TrainingCase> volumes(int depth, double zSpacing) {
		List<io.segkit.dataset.TrainingCase> out = new java.util.ArrayList<>();
		io.segkit.image.Spacing s = new io.segkit.image.Spacing(0.5, 0.5, zSpacing, "micron");
		for (int i = 0; i < 2; i++) {
			byte[] labels = new byte[40 * 40 * depth];
			labels[i] = 1;
			out.add(new io.segkit.dataset.TrainingCase("v" + i, List.of(io.segkit.image.Volume.ofBytes(new byte[40 * 40
				* depth], 40, 40, depth, s)), io.segkit.image.Volume.ofBytes(labels, 40, 40, depth, s)));
		}
		return out;
	}

	@Test
	void trainChoicesGiveNnUNetsTopologyForThePatchAtTheTargetSpacing() {
		ModelSpec spec = ModelDesign.fromChoices("v", volumes(16, 2), List.of("bg", "fg"), new ModelDesign.Choices(3,
			Architecture.CE_NET, 8, 3, new int[] {8, 32, 32}));
		assertArrayEquals(new double[] {2, 0.5, 0.5}, spec.spacing(), 1e-12);
		io.segkit.plan.Topology t = io.segkit.plan.Topology.of(new double[] {2, 0.5, 0.5}, new int[] {8, 32, 32});
		assertArrayEquals(java.util.Arrays.copyOf(t.strides(), 3), spec.network().strides());
		assertArrayEquals(new int[][] {{1, 3, 3}, {1, 3, 3}, {3, 3, 3}}, spec.network().kernelSizes());
		assertArrayEquals(new int[] {8, 16, 32}, spec.network().features());
		assertEquals(Architecture.CE_NET, spec.network().architecture());
		assertEquals(true, spec.network().deepSupervision());
		assertArrayEquals(new int[] {8, 32, 32}, spec.patchSize());
		assertEquals(List.of(ChannelNormalization.zScore()), spec.normalization());
		assertEquals("micron", spec.unit());
	}

	@Test
	void featuresAreCappedAndPatchesRoundedOrRefused() {
		ModelSpec wide = ModelDesign.fromChoices("w", volumes(16, 0.5), List.of("bg", "fg"), new ModelDesign.Choices(
			3, Architecture.PLAIN_UNET, 256, 3, new int[] {12, 36, 36}));
		assertArrayEquals(new int[] {256, 320, 320}, wide.network().features(), "3D cap 320");
		assertArrayEquals(new int[] {12, 36, 36}, wide.patchSize(), "a multiple of the total stride 4 stays");
		ModelSpec odd = ModelDesign.fromChoices("o", volumes(16, 0.5), List.of("bg", "fg"), new ModelDesign.Choices(
			2, Architecture.PLAIN_UNET, 300, 2, new int[] {33, 30}));
		assertArrayEquals(new int[] {300, 512}, odd.network().features(), "2D cap 512");
		assertArrayEquals(new int[] {34, 30}, odd.patchSize(), "rounded up to the stride");
		assertEquals(2, odd.dims());
		SegKitException small = assertThrows(SegKitException.class, () -> ModelDesign.fromChoices("s", volumes(16,
			0.5), List.of("bg", "fg"), new ModelDesign.Choices(2, Architecture.PLAIN_UNET, 8, 2, new int[] {4, 32})));
		assertEquals(true, small.getMessage().contains("too small"), small.getMessage());
		SegKitException stages = assertThrows(SegKitException.class, () -> ModelDesign.fromChoices("s", volumes(16,
			0.5), List.of("bg", "fg"), new ModelDesign.Choices(2, Architecture.PLAIN_UNET, 8, 6, new int[] {16, 16})));
		assertEquals(true, stages.getMessage().contains("fewer stages"), stages.getMessage());
	}

	@Test
	void anAutomaticPatchFollowsTheMedianSizeUpToTheLargest() {
		ModelSpec spec = ModelDesign.fromChoices("a", volumes(16, 2), List.of("bg", "fg"), new ModelDesign.Choices(3,
			Architecture.PLAIN_UNET, 8, 2, null));
		assertArrayEquals(new int[] {16, 48, 48}, spec.patchSize(), "median 16x40x40 rounded up to multiples of 16");
		ModelSpec flat = ModelDesign.fromChoices("a", volumes(16, 2), List.of("bg", "fg"), new ModelDesign.Choices(2,
			Architecture.PLAIN_UNET, 8, 2, null));
		assertArrayEquals(new int[] {48, 48}, flat.patchSize());
	}
}
