package io.segkit.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;

/** The user's patch and batch sizes: parsing, and what a change does to a planned configuration. */
class PlanOverridesTest {

	/** Spacing 1 mm, one 128^3 case, 2 classes, 1000 cases: 3d_fullres 128^3, 6 stages, batch 2 (PlannerTest). */
	private static Plans isotropic3d() {
		return PlannerTest.plan(8, PlannerTest.oneCase(new double[] { 1, 1, 1 }, new int[] { 128, 128, 128 }),
			PlannerTest.dataset("MRI", 2, 1000));
	}

	/** 2D images (one slice): only a 2d configuration. */
	private static Plans only2d() {
		return PlannerTest.plan(8, PlannerTest.oneCase(new double[] { 999, 0.5, 0.5 }, new int[] { 1, 512, 512 }),
			PlannerTest.dataset("DAPI", 2, 100));
	}

	// ---- parsing

	@Test
	void patchAcceptsTheThreeSeparatorsAndSpacesAroundThem() {
		assertArrayEquals(new int[] { 32, 96, 80 }, PlanOverrides.parsePatch("32x96x80", 3, "Patch"));
		assertArrayEquals(new int[] { 32, 96, 80 }, PlanOverrides.parsePatch("32,96,80", 3, "Patch"));
		assertArrayEquals(new int[] { 32, 96, 80 }, PlanOverrides.parsePatch("32 96 80", 3, "Patch"));
		assertArrayEquals(new int[] { 32, 96, 80 }, PlanOverrides.parsePatch("  32 x 96 , 80 ", 3, "Patch"));
		assertArrayEquals(new int[] { 256, 128 }, PlanOverrides.parsePatch("256X128", 2, "Patch"));
	}

	@Test
	void blankPatchOrBatchMeansAutomatic() {
		assertNull(PlanOverrides.parsePatch(null, 3, "Patch"));
		assertNull(PlanOverrides.parsePatch("", 3, "Patch"));
		assertNull(PlanOverrides.parsePatch("   ", 2, "Patch"));
		assertNull(PlanOverrides.parseBatch(null, "Batch"));
		assertNull(PlanOverrides.parseBatch(" ", "Batch"));
		assertEquals(7, PlanOverrides.parseBatch(" 7 ", "Batch"));
	}

	@Test
	void patchWithTheWrongCountIsRefusedWithAnExampleOfItsAxes() {
		SegKitException e = assertThrows(SegKitException.class, () -> PlanOverrides.parsePatch("96x96", 3,
			"Patch size 3D"));
		assertEquals("Patch size 3D needs 3 numbers like 32x128x128, not '96x96'.", e.getMessage());
		e = assertThrows(SegKitException.class, () -> PlanOverrides.parsePatch("1x2x3", 2, "Patch size 2D"));
		assertEquals("Patch size 2D needs 2 numbers like 256x256, not '1x2x3'.", e.getMessage());
	}

	@Test
	void nonNumbersZeroAndNegativesAreRefused() {
		for (String bad : new String[] { "32xaxb96", "32x0x96", "32x-4x96", "32x9.5x96" }) {
			SegKitException e = assertThrows(SegKitException.class, () -> PlanOverrides.parsePatch(bad, 3, "Patch"),
				bad);
			assertEquals("Patch must be whole numbers of at least 1, not '" + bad + "'.", e.getMessage());
		}
		assertEquals("Batch must be whole numbers of at least 1, not '0'.", assertThrows(SegKitException.class,
			() -> PlanOverrides.parseBatch("0", "Batch")).getMessage());
		assertEquals("Batch must be whole numbers of at least 1, not 'two'.", assertThrows(SegKitException.class,
			() -> PlanOverrides.parseBatch("two", "Batch")).getMessage());
	}

	// ---- apply

	@Test
	void noChangeGivesTheSamePlans() {
		Plans plans = isotropic3d();
		assertSame(plans, PlanOverrides.apply(plans, "3d_fullres", null, null, 1000, 2));
	}

	@Test
	void aNewPatchGetsItsOwnTopologyFeaturesAndBatch() {
		Plans plans = isotropic3d();
		Plan before = plans.configuration("3d_fullres");
		Plans changed = PlanOverrides.apply(plans, "3d_fullres", new int[] { 64, 64, 64 }, null, 1000, 2);
		Plan p = changed.configuration("3d_fullres");
		// 64 -> 32 -> 16 -> 8 -> 4: 4 poolings per axis, 5 stages (128^3 had 5 poolings, 6 stages)
		assertArrayEquals(new int[] { 64, 64, 64 }, p.patchSize());
		assertEquals(5, p.stages());
		assertArrayEquals(new int[][] { { 1, 1, 1 }, { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 } }, p
			.strides());
		assertArrayEquals(PlannerTest.repeat(new int[] { 3, 3, 3 }, 5), p.kernelSizes());
		assertArrayEquals(new int[] { 32, 64, 128, 256, 320 }, p.featuresPerStage());
		assertArrayEquals(new int[] { 2, 2, 2, 2, 2 }, p.convsPerStage());
		assertArrayEquals(new int[] { 2, 2, 2, 2 }, p.convsPerStageDecoder());
		// voxels per stage 262144, 32768, 4096, 512, 64:
		// encoder 2 x (32x262144 + 64x32768 + 128x4096 + 256x512 + 320x64) = 22323200
		// decoder 3 x (256x512 + 128x4096 + 64x32768 + 32x262144) = 33423360; head 2 x 262144 = 524288
		assertEquals(56270848L, p.estimatedFeatureMapElements());
		// planner's batch for it: round(560e6 / 56270848 x 2) = round(19.90) = 20 (5% cap: 400)
		assertEquals(20, p.batchSize());
		// the rest of the configuration is kept
		assertArrayEquals(before.spacing(), p.spacing());
		assertArrayEquals(before.medianImageSize(), p.medianImageSize());
		assertEquals(before.normalizationSchemes(), p.normalizationSchemes());
		assertEquals(before.batchDice(), p.batchDice());
		// the original plans are not changed, other configurations are kept, and the change is noted
		assertArrayEquals(new int[] { 128, 128, 128 }, plans.configuration("3d_fullres").patchSize());
		assertSame(plans.configuration("2d"), changed.configuration("2d"));
		assertEquals(List.copyOf(plans.configurations().keySet()), List.copyOf(changed.configurations().keySet()));
		assertTrue(changed.notes().contains("3d_fullres: patch size 64x64x64 set by the user."), changed.notes()
			.toString());
	}

	@Test
	void aNewPatchWithABatchKeepsTheBatch() {
		Plan p = PlanOverrides.apply(isotropic3d(), "3d_fullres", new int[] { 64, 64, 64 }, 3, 1000, 2)
			.configuration("3d_fullres");
		assertEquals(3, p.batchSize());
		assertEquals(5, p.stages());
	}

	@Test
	void aPatchNotDivisibleByItsTopologyIsRefusedWithAValidPatchNearIt() {
		// 60x64x64 pools 4 times on every axis (60 -> 30 -> 15 -> 8 -> 4): each axis must be divisible by 16
		SegKitException e = assertThrows(SegKitException.class, () -> PlanOverrides.apply(isotropic3d(),
			"3d_fullres", new int[] { 60, 64, 64 }, null, 1000, 2));
		assertEquals("The 3d_fullres patch size 60x64x64 does not fit the network: with 4x4x4 poolings per axis " +
			"each axis must be divisible by 16x16x16. Try 64x64x64.", e.getMessage());
	}

	@Test
	void validPatchNearRoundsUpUntilThePatchFitsItsOwnTopology() {
		double[] spacing = { 1, 1, 1 };
		assertArrayEquals(new int[] { 64, 64, 64 }, PlanOverrides.validPatchNear(spacing, new int[] { 64, 64, 64 }));
		assertArrayEquals(new int[] { 64, 64, 64 }, PlanOverrides.validPatchNear(spacing, new int[] { 60, 64, 64 }));
		// 33: 33 -> 17 -> 9 -> 5 = 3 poolings -> 40; 40 -> 20 -> 10 -> 5 = 3 poolings: fits
		assertArrayEquals(new int[] { 40, 40 }, PlanOverrides.validPatchNear(new double[] { 1, 1 }, new int[] { 33,
			33 }));
		int[] near = PlanOverrides.validPatchNear(spacing, new int[] { 33, 70, 100 });
		assertArrayEquals(near, Topology.of(spacing, near).patchSize(), "the suggestion must itself be accepted");
	}

	@Test
	void aPatchWithTheWrongNumberOfAxesIsRefused() {
		SegKitException e = assertThrows(SegKitException.class, () -> PlanOverrides.apply(isotropic3d(),
			"3d_fullres", new int[] { 64, 64 }, null, 1000, 2));
		assertEquals("The 3d_fullres patch size needs 3 numbers, not 2.", e.getMessage());
	}

	@Test
	void aBatchOnlyChangeKeepsPatchAndTopologyAndNotesOverBudget() {
		Plans plans = isotropic3d();
		Plan before = plans.configuration("3d_fullres");
		Plans changed = PlanOverrides.apply(plans, "3d_fullres", null, 3, 1000, 2);
		Plan p = changed.configuration("3d_fullres");
		assertEquals(3, p.batchSize());
		assertArrayEquals(before.patchSize(), p.patchSize());
		assertArrayEquals(before.strides(), p.strides());
		assertArrayEquals(before.kernelSizes(), p.kernelSizes());
		assertArrayEquals(before.featuresPerStage(), p.featuresPerStage());
		assertEquals(before.estimatedFeatureMapElements(), p.estimatedFeatureMapElements());
		// 450699264 / 2 x 3 / 560e6 = 1.207
		List<String> added = changed.notes().subList(plans.notes().size(), changed.notes().size());
		assertEquals(List.of("3d_fullres: batch size 3 set by the user.", "3d_fullres: patch 128x128x128 with batch 3 "
			+ "needs about 1.2 x the memory budget of 8.0 GB; training may run out of memory."), added);
	}

	@Test
	void aChangeWithinTheBudgetHasNoMemoryNote() {
		Plans plans = isotropic3d();
		Plans changed = PlanOverrides.apply(plans, "3d_fullres", null, 1, 1000, 2);
		assertEquals(List.of("3d_fullres: batch size 1 set by the user."), changed.notes().subList(plans.notes()
			.size(), changed.notes().size()));
	}

	@Test
	void aPatchAndBatchOverBudgetAreKeptWithANoteSayingByHowMuch() {
		Plans plans = isotropic3d();
		Plans changed = PlanOverrides.apply(plans, "3d_fullres", new int[] { 128, 128, 128 }, 50, 1000, 2);
		assertEquals(50, changed.configuration("3d_fullres").batchSize());
		// 450699264 / 2 x 50 / 560e6 = 20.12
		assertEquals(List.of("3d_fullres: patch size 128x128x128 batch size 50 set by the user.",
			"3d_fullres: patch 128x128x128 with batch 50 needs about 20.1 x the memory budget of 8.0 GB; training "
				+ "may run out of memory."), changed.notes().subList(plans.notes().size(), changed.notes().size()));
	}

	@Test
	void anUnknownConfigurationIsNamed() {
		SegKitException e = assertThrows(SegKitException.class, () -> PlanOverrides.apply(only2d(), "3d_fullres",
			null, 4, 100, 2));
		assertEquals("There is no '3d_fullres' configuration to change: the images are 2D. Leave the 3D settings "
			+ "empty.", e.getMessage());
		e = assertThrows(SegKitException.class, () -> PlanOverrides.apply(only2d(), "2d_big", null, 4, 100, 2));
		assertEquals("There is no '2d_big' configuration to change.", e.getMessage());
	}

	@Test
	void a2dBatchChangeOnlyTouches2d() {
		Plans plans = only2d();
		Plans changed = PlanOverrides.apply(plans, "2d", null, 9, 100, 2);
		assertEquals(9, changed.configuration("2d").batchSize());
		assertEquals(5, plans.configuration("2d").batchSize());
	}
}
