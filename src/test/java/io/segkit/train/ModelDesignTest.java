package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;
import io.segkit.model.ChannelNormalization;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.dataset.TrainingFolder;
import io.segkit.plan.Plans;
import io.segkit.plan.Plan;
import io.segkit.plan.Fingerprint;
import io.segkit.plan.Planner;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.FolderPlanning;
import io.segkit.plan.FingerprintExtractor;

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
}
