package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.eval.ObjectMatching;
import io.segkit.eval.SegmentationScores;

import org.junit.jupiter.api.Test;

class CompareToGroundTruthCommandTest {

	/**
	 * 12 x 4 x 3, 16-bit. Truth: object 1 a 4x2x3 box (24 voxels), object 2 a 2x2x3 box (12), object 3 a 2x2x1
	 * box (4). Prediction: object 1 whole (as 7), object 2 one plane short (as 8: IoU 8/12), object 3 missed, an extra
	 * object 9 of 6 voxels.
	 */
	private static ImagePlus truth() {
		return LabelCommandsTest.stack("truth", 16, 12, 4, 3, (x, y, z) -> x < 4 && y < 2 ? 1 : x >= 6 && x < 8
			&& y < 2 ? 2 : x >= 10 && y >= 2 && z == 0 ? 3 : 0);
	}

	private static ImagePlus predicted() {
		return LabelCommandsTest.stack("nuclei-labels", 16, 12, 4, 3, (x, y, z) -> x < 4 && y < 2 ? 7 : x >= 6
			&& x < 8 && y < 2 && z < 2 ? 8 : x < 2 && y == 3 ? 9 : 0);
	}

	private static CompareToGroundTruthCommand command(ImagePlus image, ImagePlus truth) {
		CompareToGroundTruthCommand c = new CompareToGroundTruthCommand();
		c.image = image;
		c.groundTruth = truth;
		c.progress = Progress.NONE;
		return c;
	}

	@Test
	void theTableHasTheObjectScoresAtEveryThreshold() {
		ImagePlus image = predicted(), truth = truth();
		Object[] before = LabelCommandsTest.pixelsCopy(image);
		CompareToGroundTruthCommand c = command(image, truth);
		c.run();
		ResultsTable t = c.scores;
		assertEquals(1, t.size());
		assertEquals("nuclei-labels", t.getStringValue("Image", 0));
		assertEquals("truth", t.getStringValue("Ground truth", 0));
		assertEquals(3, t.getValue("Objects", 0));
		assertEquals(3, t.getValue("True objects", 0));
		assertEquals(2, t.getValue("Matched (IoU>=0.5)", 0));
		assertEquals(2.0 / 3, t.getValue("Precision", 0), 1e-9);
		assertEquals(2.0 / 3, t.getValue("Recall", 0), 1e-9);
		assertEquals(2.0 / 3, t.getValue("F1", 0), 1e-9);
		// IoU 1 and 2/3: both matched up to 0.65, only the first from 0.7
		double[] f1 = {2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3};
		double mean = 0;
		for (int k = 0; k < f1.length; k++) {
			String column = CompareToGroundTruthCommand.f1Column(ObjectMatching.THRESHOLDS.get(k));
			assertEquals(f1[k], t.getValue(column, 0), 1e-9, column);
			mean += f1[k] / f1.length;
		}
		assertEquals("F1@0.5", CompareToGroundTruthCommand.f1Column(0.5));
		assertEquals("F1@0.55", CompareToGroundTruthCommand.f1Column(0.55));
		assertEquals(mean, t.getValue("Mean F1 (IoU 0.5-0.9)", 0), 1e-9);
		assertEquals((1 + 2.0 / 3) / 2, t.getValue("Mean matched IoU", 0), 1e-9);
		assertEquals((1 + 2.0 / 3) / 3, t.getValue("PQ", 0), 1e-9, "IoU sum / (TP + FP/2 + FN/2)");
		assertEquals(2.0 * 32 / (38 + 40), t.getValue("Foreground Dice", 0), 1e-9);
		LabelCommandsTest.assertPixelsUnchanged(before, image);
	}

	@Test
	void theLogLineSaysWhatWasFoundInWords() {
		SegmentationScores s = SegmentationScores.compare(predicted(), truth());
		assertEquals("SegKit scores for nuclei-labels: 2 of 3 true objects found (IoU >= 0.5), 1 extra; F1 0.667, "
			+ "mean F1 (IoU 0.5-0.9) 0.481, PQ 0.556; foreground Dice 0.821", CompareToGroundTruthCommand.logLine(
				"nuclei-labels", s));
	}

	@Test
	void imagesOfDifferentSizesAreRefusedBeforeAnyTable() {
		ImagePlus small = LabelCommandsTest.stack("small", 16, 6, 4, 3, (x, y, z) -> 1);
		CompareToGroundTruthCommand c = command(predicted(), small);
		SegKitException e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().contains("same width, height and number of slices"), e.getMessage());
		assertNull(c.scores);
	}
}
