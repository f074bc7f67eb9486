package io.segkit.autotrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.TrainingCase;
import io.segkit.eval.ValidationReport;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

/** Cross-validation probabilities to class maps, references, reports and ensemble means. */
class EvaluationTest {

	private static final Spacing SPACING = new Spacing(0.5, 0.25, 2, "micron");

	/** A 2x2x1 volume with the given values (x fastest). */
	private static Volume volume(int... values) {
		short[] data = new short[values.length];
		for (int i = 0; i < values.length; i++) data[i] = (short) values[i];
		return Volume.ofShorts(data, 2, 2, 1, SPACING);
	}

	@Test
	void sparseReferencesAreScoredOnTheirAnnotatedVoxels() {
		Volume like = volume(0, 0, 0, 0);
		Labels reference = Labels.of(new int[] { 1, 0, 255, 255 }, like); // the right column not annotated
		Labels predicted = Labels.of(new int[] { 1, 0, 1, 0 }, like);
		assertEquals(1.0, Evaluation.metrics("c", predicted, reference, new int[] { 1 }, true, Progress.NONE)
			.classes().get(0).dice(), 1e-12);
		Labels dense = Labels.of(new int[] { 1, 0, 0, 0 }, like);
		assertEquals(2.0 / 3, Evaluation.metrics("c", predicted, dense, new int[] { 1 }, false, Progress.NONE)
			.classes().get(0).dice(), 1e-12);
		assertEquals(255, Evaluation.notAnnotated(new int[] { 1, 2 }));
	}

	@Test
	void foregroundClassesLeaveOutTheBackground() {
		assertArrayEquals(new int[] { 1, 2, 3 }, Evaluation.foregroundClasses(4));
		assertArrayEquals(new int[0], Evaluation.foregroundClasses(1));
	}

	@Test
	void labelsAreTheArgMaxWithTheLowestClassOnTiesAndTheGeometryOfTheTemplate() {
		float[][] p = { { 0.7f, 0.2f, 0.1f, 0.4f }, { 0.2f, 0.7f, 0.1f, 0.4f }, { 0.1f, 0.1f, 0.8f, 0.2f } };
		Labels l = Evaluation.labels(p, 3, volume(0, 0, 0, 0));
		assertArrayEquals(new int[] { 0, 1, 2, 0 }, l.data()); // voxel 3: tie 0.4 / 0.4 -> class 0
		assertArrayEquals(new int[] { 0, 1, 0, 0 }, Evaluation.labels(p, 2, volume(0, 0, 0, 0)).data(),
			"rows after the class count (a distance head's map) are no class");
		assertEquals(2, l.width());
		assertEquals(2, l.height());
		assertEquals(1, l.depth());
		assertEquals(SPACING, l.spacing());
		assertEquals(2, l.count());
	}

	@Test
	void classesAbove127AreReadUnsigned() {
		float[][] p = new float[201][4];
		p[200][1] = 1;
		assertArrayEquals(new int[] { 0, 200, 0, 0 }, Evaluation.labels(p, 201, volume(0, 0, 0, 0)).data());
	}

	@Test
	void theReferenceIsTheCasesLabelImageAsClasses() {
		Volume labels = volume(0, 2, 1, 0);
		TrainingCase c = new TrainingCase("a", List.of(volume(5, 6, 7, 8)), labels);
		Labels r = Evaluation.reference(c);
		assertArrayEquals(new int[] { 0, 2, 1, 0 }, r.data());
		assertEquals(SPACING, r.spacing());
		assertEquals(2, r.count());
		TrainingCase tooMany = new TrainingCase("b", List.of(volume(5, 6, 7, 8)), volume(0, 300, 0, 0));
		SegKitException e = assertThrows(SegKitException.class, () -> Evaluation.reference(tooMany));
		assertTrue(e.getMessage().contains("at most 255 classes"), e.getMessage());
	}

	@Test
	void theReportKeepsTheOrderOfThePredictionsAndScoresEachAgainstItsOwnReference() {
		Map<String, Labels> predicted = new LinkedHashMap<>();
		predicted.put("b", Labels.of(new int[] { 0, 1, 1, 0 }, volume(0, 0, 0, 0)));
		predicted.put("a", Labels.of(new int[] { 1, 1, 0, 0 }, volume(0, 0, 0, 0)));
		Map<String, Labels> references = new LinkedHashMap<>();
		references.put("a", Labels.of(new int[] { 1, 1, 0, 0 }, volume(0, 0, 0, 0)));
		references.put("b", Labels.of(new int[] { 0, 1, 0, 0 }, volume(0, 0, 0, 0)));
		ValidationReport report = Evaluation.report(predicted, references, new int[] { 1 }, false, "micron",
			Progress.NONE);
		assertEquals(List.of("b", "a"), report.cases().stream().map(c -> c.caseName()).toList());
		// b: TP 1, FP 1, FN 0 -> Dice 2/3; a: perfect
		assertEquals(2.0 / 3, report.cases().get(0).of(1).dice(), 1e-12);
		assertEquals(1, report.cases().get(1).of(1).dice(), 1e-12);
		assertEquals((2.0 / 3 + 1) / 2, report.foregroundMeanDice(), 1e-12);
		assertEquals("micron", report.unit());
		assertArrayEquals(new int[] { 1 }, report.classes());
	}

	@Test
	void theMeanOfProbabilityMapsIsVoxelWiseAndLeavesTheInputsAlone() {
		float[][] a = { { 1, 0 }, { 0, 1 } };
		float[][] b = { { 0, 0 }, { 1, 1 } };
		float[][] c = { { 0.5f, 0 }, { 0.5f, 1 } };
		float[][] mean = Evaluation.mean(List.of(a, b, c));
		assertArrayEquals(new float[] { 0.5f, 0 }, mean[0], 1e-6f);
		assertArrayEquals(new float[] { 0.5f, 1 }, mean[1], 1e-6f);
		assertArrayEquals(new float[] { 1, 0 }, a[0], 0);
		assertArrayEquals(new float[] { 0, 1 }, a[1], 0);
		float[][] single = Evaluation.mean(List.<float[][]>of(a));
		assertArrayEquals(a[0], single[0], 0);
		assertNotSame(a[0], single[0]);
	}

	@Test
	void mapsOfDifferentSizesAreRefused() {
		float[][] a = { { 1, 0 }, { 0, 1 } };
		float[][] b = { { 1, 0, 0 }, { 0, 1, 1 } };
		assertThrows(IllegalArgumentException.class, () -> Evaluation.mean(List.of(a, b)));
	}
}
