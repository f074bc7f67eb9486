package io.segkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segkit.SegKitException;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;

import org.junit.jupiter.api.Test;

class SegmentationScoresTest {

	private static Labels labels(int w, int h, int... values) {
		int max = 0;
		for (int v : values) max = Math.max(max, v);
		return new Labels(values, w, h, 1, Spacing.UNIT, max);
	}

	@Test
	void identicalLabelsScorePerfectlyWhateverTheNumbering() {
		Labels a = labels(4, 1, 1, 1, 0, 2);
		Labels b = labels(4, 1, 5, 5, 0, 3);
		SegmentationScores s = SegmentationScores.compare(a, b);
		assertEquals(1.0, s.foregroundDice());
		assertEquals(2, s.matchedObjects());
		assertEquals(1.0, s.f1());
	}

	@Test
	void mergedObjectsKeepDiceButLoseObjectMatches() {
		// truth: two objects of 2 voxels; prediction: one object of 5 over both (IoU 2/5 each)
		Labels truth = labels(5, 1, 1, 1, 0, 2, 2);
		Labels merged = labels(5, 1, 1, 1, 1, 1, 1);
		SegmentationScores s = SegmentationScores.compare(merged, truth);
		assertEquals(2.0 * 4 / (5 + 4), s.foregroundDice(), 1e-12);
		assertEquals(4.0 / 5, s.foregroundIoU(), 1e-12);
		assertEquals(0, s.matchedObjects());
		assertEquals(0.0, s.f1());
	}

	@Test
	void emptyVersusEmptyIsPerfect() {
		SegmentationScores s = SegmentationScores.compare(labels(2, 1, 0, 0), labels(2, 1, 0, 0));
		assertEquals(1.0, s.foregroundDice());
		assertEquals(1.0, s.foregroundIoU());
		assertEquals(1.0, s.f1());
		assertEquals(1.0, s.meanF1());
		assertEquals(1.0, s.panopticQuality());
	}

	@Test
	void objectScoresAreThoseOfObjectMatching() {
		// truth: objects of 4 and 3 voxels; prediction: the first one voxel short (IoU 3/4), the second exact
		Labels truth = labels(9, 1, 1, 1, 1, 1, 0, 2, 2, 2, 0);
		Labels predicted = labels(9, 1, 0, 1, 1, 1, 0, 2, 2, 2, 0);
		SegmentationScores s = SegmentationScores.compare(predicted, truth);
		ObjectScores o = ObjectMatching.match(predicted, truth, io.segkit.Progress.NONE);
		assertEquals(o, s.objects());
		assertEquals(2, s.matchedObjects());
		assertEquals(2, s.predictedObjects());
		assertEquals(2, s.trueObjects());
		assertEquals(1.0, s.precision());
		assertEquals(1.0, s.recall());
		assertEquals(1.0, s.f1());
		assertEquals((6 + 3 * 0.5) / 9, s.meanF1(), 1e-12, "F1 1 up to IoU 0.75, then 1/2");
		assertEquals((0.75 + 1) / 2, s.meanMatchedIoU(), 1e-12);
		assertEquals((0.75 + 1) / 2, s.panopticQuality(), 1e-12);
		assertEquals(2.0 * 6 / 13, s.foregroundDice(), 1e-12);
	}

	@Test
	void differentSizesAreRefused() {
		assertThrows(SegKitException.class, () -> SegmentationScores.compare(labels(2, 1, 0, 1), labels(3, 1, 0, 1,
			1)));
	}
}
