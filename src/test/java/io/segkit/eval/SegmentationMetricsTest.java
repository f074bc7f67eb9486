package io.segkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;

class SegmentationMetricsTest {

	@TempDir
	Path folder;

	/** A w x h x d volume with the box [x0, x0+sx) x [y0, y0+sy) x [z0, z0+sz) set to value. */
	static int[] box(int[] data, int w, int h, int x0, int y0, int z0, int sx, int sy, int sz, int value) {
		for (int z = z0; z < z0 + sz; z++) for (int y = y0; y < y0 + sy; y++) for (int x = x0; x < x0 + sx; x++)
			data[(z * h + y) * w + x] = value;
		return data;
	}

	static Labels wrap(int[] data, int w, int h, int d, Spacing s) {
		int max = 0;
		for (int v : data) max = Math.max(max, v);
		return new Labels(data, w, h, d, s, max);
	}

	private static CaseMetrics evaluate(int[] p, int[] r, int w, int h, int d, Spacing s, int... classes) {
		return SegmentationMetrics.evaluate("case", wrap(p, w, h, d, s), wrap(r, w, h, d, s), classes, true,
			Progress.NONE);
	}

	@Test
	void squaresOffsetByThreePixelsHaveHd95ThreeTimesTheSpacing() {
		int w = 40, h = 30;
		int[] p = box(new int[w * h], w, h, 5, 5, 0, 10, 10, 1, 1);
		int[] r = box(new int[w * h], w, h, 8, 5, 0, 10, 10, 1, 1);
		ClassMetrics unit = evaluate(p, r, w, h, 1, Spacing.UNIT, 1).of(1);
		assertEquals(3.0, unit.hd95(), 1e-6);
		assertEquals(70, unit.truePositives());
		assertEquals(30, unit.falsePositives());
		assertEquals(30, unit.falseNegatives());
		assertEquals(140.0 / 200, unit.dice(), 1e-12);
		assertEquals(70.0 / 130, unit.iou(), 1e-12);
		ClassMetrics calibrated = evaluate(p, r, w, h, 1, new Spacing(0.5, 0.5, 1, "µm"), 1).of(1);
		assertEquals(1.5, calibrated.hd95(), 1e-6);
	}

	@Test
	void anisotropicSpacingWeighsEachAxis() {
		int w = 20, h = 20, d = 12;
		Spacing s = new Spacing(0.5, 0.5, 2.0, "µm");
		int[] r = box(new int[w * h * d], w, h, 4, 4, 2, 8, 8, 5, 1);
		int[] shiftedInZ = box(new int[w * h * d], w, h, 4, 4, 4, 8, 8, 5, 1); // 2 slices of 2 µm
		assertEquals(4.0, evaluate(shiftedInZ, r, w, h, d, s, 1).of(1).hd95(), 1e-5);
		int[] shiftedInX = box(new int[w * h * d], w, h, 7, 4, 2, 8, 8, 5, 1); // 3 pixels of 0.5 µm
		assertEquals(1.5, evaluate(shiftedInX, r, w, h, d, s, 1).of(1).hd95(), 1e-5);
	}

	@Test
	void identicalMasksScorePerfectly() {
		int w = 16, h = 16, d = 4;
		int[] r = box(new int[w * h * d], w, h, 2, 2, 1, 6, 6, 2, 1);
		ClassMetrics m = evaluate(r.clone(), r, w, h, d, Spacing.UNIT, 1).of(1);
		assertEquals(1.0, m.dice());
		assertEquals(1.0, m.iou());
		assertEquals(0.0, m.hd95());
	}

	@Test
	void hd95IgnoresTheWorstFivePercent() {
		// reference: a 1-pixel-wide line of 100 pixels; prediction: the same line plus 1 far pixel
		int w = 120, h = 40;
		int[] r = box(new int[w * h], w, h, 10, 5, 0, 100, 1, 1, 1);
		int[] p = r.clone();
		p[35 * w + 10] = 1; // 30 pixels below the line's first pixel
		ClassMetrics m = evaluate(p, r, w, h, 1, Spacing.UNIT, 1).of(1);
		// directed p->r: 100 zeros and one 30 -> p95 = 0; r->p: all 0 -> HD95 0 although the HD is 30
		assertEquals(0.0, m.hd95(), 1e-9);
		assertTrue(m.dice() < 1);
	}

	@Test
	void emptyClassesFollowNnUNetAndPenaliseMisses() {
		int w = 10, h = 10;
		int[] r = box(new int[w * h], w, h, 2, 2, 0, 3, 3, 1, 1);
		int[] p = new int[w * h];
		CaseMetrics m = evaluate(p, r, w, h, 1, new Spacing(2, 2, 1, "µm"), 1, 2);
		ClassMetrics missed = m.of(1);
		assertEquals(0.0, missed.dice());
		assertEquals(0.0, missed.iou());
		assertEquals(Math.hypot(18, 18), missed.hd95(), 1e-9, "the image diagonal");
		ClassMetrics absent = m.of(2);
		assertTrue(Double.isNaN(absent.dice()) && Double.isNaN(absent.iou()) && Double.isNaN(absent.hd95()));
		assertEquals(0.0, m.meanDice(), "NaN classes are skipped in the case mean");
	}

	@Test
	void classesAreScoredSeparatelyAndOtherValuesCountAsBackground() {
		int w = 10, h = 1;
		int[] r = { 1, 1, 2, 2, 0, 0, 7, 0, 0, 0 };
		int[] p = { 1, 2, 2, 2, 0, 7, 0, 0, 0, 0 };
		double[] dice = SegmentationMetrics.dice(p, r, new int[] { 1, 2 });
		assertEquals(2.0 / 3, dice[0], 1e-12);
		assertEquals(4.0 / 5, dice[1], 1e-12);
	}

	@Test
	void differentSizesAreRefused() {
		Labels a = wrap(new int[12], 4, 3, 1, Spacing.UNIT);
		Labels b = wrap(new int[12], 3, 4, 1, Spacing.UNIT);
		SegKitException e = assertThrows(SegKitException.class, () -> SegmentationMetrics.evaluate("c1", a, b,
			new int[] { 1 }, true, Progress.NONE));
		assertTrue(e.getMessage().contains("c1"), e.getMessage());
	}

	@Test
	void reportMeansSkipNaNAndGiveTableAndCsv() throws Exception {
		int w = 10, h = 10;
		int[] r1 = box(new int[w * h], w, h, 2, 2, 0, 4, 4, 1, 1);
		int[] p1 = box(new int[w * h], w, h, 2, 2, 0, 4, 2, 1, 1); // half: Dice 2*8/(8+16) = 2/3
		int[] r2 = box(new int[w * h], w, h, 1, 1, 0, 2, 2, 1, 2);
		CaseMetrics a = evaluate(p1, r1, w, h, 1, Spacing.UNIT, 1, 2);
		CaseMetrics b = evaluate(r2.clone(), r2, w, h, 1, Spacing.UNIT, 1, 2);
		ValidationReport report = new ValidationReport(new int[] { 1, 2 }, List.of(a, b), "pixel");
		assertEquals(2.0 / 3, report.meanDice(1), 1e-12, "case b has no class 1: NaN, skipped");
		assertEquals(1.0, report.meanDice(2), 1e-12, "case a has no class 2");
		assertEquals((2.0 / 3 + 1) / 2, report.foregroundMeanDice(), 1e-12);

		var table = report.toResultsTable();
		assertEquals(3, table.size());
		assertEquals("mean", table.getStringValue("Case", 2));
		assertEquals(2.0 / 3, table.getValue("Dice 1", 2), 1e-12);
		assertTrue(Double.isNaN(table.getValue("Dice 1", 1)));

		Path csv = folder.resolve("report.csv");
		report.writeCsv(csv);
		List<String> lines = Files.readAllLines(csv);
		assertEquals("Case,Dice 1,IoU 1,HD95 1,Dice 2,IoU 2,HD95 2,Mean Dice", lines.get(0));
		assertEquals(4, lines.size());
		assertTrue(lines.get(2).startsWith("case,NaN,NaN,NaN,1.0,1.0,0.0,1.0"), lines.get(2));
		assertEquals(1, Files.list(folder).count(), "no temporary file left");
	}
}
