package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** nnU-Net's pseudo-Dice: counts summed over predictions, then 2 TP / (2 TP + FP + FN) per foreground class. */
class DiceCountsTest {

	private static byte[] bytes(int... v) {
		byte[] b = new byte[v.length];
		for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
		return b;
	}

	@Test
	void meanOverForegroundClassesOfTheirDice() {
		DiceCounts d = new DiceCounts(3, -1);
		// class 1: TP 1 (voxel 1), FP 1 (voxel 2), FN 0 -> 2/3; class 2: TP 2 -> 1; background not counted
		d.add(bytes(0, 1, 1, 2, 2, 0), bytes(0, 1, 0, 2, 2, 0));
		assertEquals((2.0 / 3 + 1) / 2, d.meanForegroundDice(), 1e-12);
	}

	@Test
	void aWrongClassIsAFalsePositiveOfOneAndAFalseNegativeOfTheOther() {
		DiceCounts d = new DiceCounts(3, -1);
		// voxel 0: truth 1, predicted 2 -> FN of 1, FP of 2; voxel 1: both 1; voxel 2: both 2
		d.add(bytes(2, 1, 2), bytes(1, 1, 2));
		// class 1: 2x1 / (2 + 0 + 1) = 2/3; class 2: 2x1 / (2 + 1 + 0) = 2/3
		assertEquals(2.0 / 3, d.meanForegroundDice(), 1e-12);
	}

	@Test
	void countsAreSummedOverPredictionsNotAveraged() {
		DiceCounts d = new DiceCounts(2, -1);
		d.add(bytes(1, 0), bytes(1, 0)); // alone: Dice 1
		d.add(new int[] { 1, 1, 1 }, bytes(0, 0, 0)); // alone: Dice 0
		// TP 1, FP 3: 2 / (2 + 3) = 0.4, not (1 + 0) / 2
		assertEquals(0.4, d.meanForegroundDice(), 1e-12);
	}

	@Test
	void classesAbsentFromTruthAndPredictionAreLeftOut() {
		DiceCounts d = new DiceCounts(4, -1);
		d.add(bytes(0, 1, 1, 0), bytes(0, 1, 1, 1)); // class 1: 4 / 5; classes 2 and 3 nowhere
		assertEquals(0.8, d.meanForegroundDice(), 1e-12);
	}

	@Test
	void aClassPresentOnlyInTruthCountsAsZero() {
		DiceCounts d = new DiceCounts(3, -1);
		d.add(bytes(1, 0), bytes(1, 2)); // class 1: 1; class 2: FN only -> 0
		assertEquals(0.5, d.meanForegroundDice(), 1e-12);
	}

	@Test
	void noForegroundAnywhereIsNaN() {
		DiceCounts d = new DiceCounts(3, -1);
		assertTrue(Double.isNaN(d.meanForegroundDice()));
		d.add(bytes(0, 0), bytes(0, 0));
		assertTrue(Double.isNaN(d.meanForegroundDice()));
	}

	@Test
	void ignoredVoxelsAreNotCountedWhateverThePrediction() {
		DiceCounts d = new DiceCounts(2, 255);
		// truth 255 is the ignore value (read unsigned): the predicted 1s there are no false positives
		d.add(bytes(1, 1, 1, 0), bytes(1, 255, 255, 0));
		assertEquals(1, d.meanForegroundDice(), 0);
		DiceCounts ints = new DiceCounts(2, 255);
		ints.add(new int[] { 1, 1, 0 }, bytes(255, 1, 255));
		assertEquals(1, ints.meanForegroundDice(), 0);
	}
}
