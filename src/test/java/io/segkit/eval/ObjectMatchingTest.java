package io.segkit.eval;

import static io.segkit.eval.SegmentationMetricsTest.box;
import static io.segkit.eval.SegmentationMetricsTest.wrap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;

/** Hand-computed object scores: merged, split, missed and extra objects, exact thresholds, empty images, 3D. */
class ObjectMatchingTest {

	private static final double EPS = 1e-12;

	private static ObjectScores match(int[] predicted, int[] truth) {
		return ObjectMatching.match(predicted, truth, Progress.NONE);
	}

	private static int[] truePositives(ObjectScores s) {
		return s.byThreshold().stream().mapToInt(ObjectScores.AtThreshold::truePositives).toArray();
	}

	/** TP at 0.5, 0.55, ..., 0.9: {@code n} for the first {@code matched} thresholds, 0 after. */
	private static int[] firstMatched(int matched, int n) {
		int[] tp = new int[9];
		for (int k = 0; k < matched; k++) tp[k] = n;
		return tp;
	}

	@Test
	void thresholdsRunFromHalfToNineTenthsInStepsOfFiveHundredths() {
		assertEquals(List.of(0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9), ObjectMatching.THRESHOLDS);
	}

	@Test
	void identicalObjectsWhateverTheNumberingScorePerfectlyAtEveryThreshold() {
		ObjectScores s = match(new int[] {7, 7, 0, 9, 9, 9, 0, 1000}, new int[] {1, 1, 0, 2, 2, 2, 0, 3});
		assertArrayEquals(firstMatched(9, 3), truePositives(s));
		assertEquals(1.0, s.f1());
		assertEquals(1.0, s.meanF1());
		assertEquals(1.0, s.meanMatchedIoU());
		assertEquals(1.0, s.panopticQuality());
	}

	@Test
	void twoTouchingHalvesPredictedAsOneObjectMatchOnceAtExactlyOneHalf() {
		// truth: two touching objects of 4 voxels; prediction: one object over both, IoU exactly 0.5 with each
		ObjectScores s = match(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 0}, new int[] {1, 1, 1, 1, 2, 2, 2, 2, 0});
		assertArrayEquals(firstMatched(1, 1), truePositives(s), "IoU >= 0.5 matches; one of the two only");
		ObjectScores.AtThreshold half = s.atHalf();
		assertEquals(0, half.falsePositives());
		assertEquals(1, half.falseNegatives());
		assertEquals(1.0, s.precision());
		assertEquals(0.5, s.recall());
		assertEquals(2.0 / 3, s.f1(), EPS);
		assertEquals(2.0 / 3 / 9, s.meanF1(), EPS);
		assertEquals(0.5, s.meanMatchedIoU());
		assertEquals(0.5 / 1.5, s.panopticQuality(), EPS);
		assertEquals(s.segmentationQuality() * s.recognitionQuality(), s.panopticQuality(), EPS);
	}

	@Test
	void theSameTieTheOtherWayRoundAlsoMatchesOnce() {
		ObjectScores s = match(new int[] {1, 1, 1, 1, 2, 2, 2, 2}, new int[] {5, 5, 5, 5, 5, 5, 5, 5});
		assertEquals(1, s.matched());
		assertEquals(1, s.atHalf().falsePositives());
		assertEquals(0, s.atHalf().falseNegatives());
	}

	@Test
	void unequalTouchingObjectsPredictedMergedMatchTheLargerOneUpToItsIoU() {
		// truth 6 + 2 voxels, merged prediction of 8: IoU 0.75 with the larger, 0.25 with the smaller
		ObjectScores s = match(new int[] {3, 3, 3, 3, 3, 3, 3, 3}, new int[] {1, 1, 1, 1, 1, 1, 2, 2});
		assertArrayEquals(firstMatched(6, 1), truePositives(s), "matched at 0.5 to 0.75, not from 0.8");
		assertEquals(0.75, s.meanMatchedIoU());
		assertEquals(0.75 / 1.5, s.panopticQuality(), EPS);
		assertEquals((6 * 2.0 / 3) / 9, s.meanF1(), EPS);
	}

	@Test
	void anObjectSplitInTwoMatchesItsLargerPartWhileItsIoUReachesTheThreshold() {
		// truth 10 voxels; prediction 6 + 4: IoU 0.6 (matched at 0.5, 0.55 and exactly 0.6) and 0.4
		ObjectScores s = match(new int[] {1, 1, 1, 1, 1, 1, 2, 2, 2, 2}, new int[] {4, 4, 4, 4, 4, 4, 4, 4, 4, 4});
		assertArrayEquals(firstMatched(3, 1), truePositives(s));
		assertEquals(1, s.at(0.6).falsePositives());
		assertEquals(0, s.at(0.6).falseNegatives());
		assertEquals(0.5, s.at(0.6).precision());
		assertEquals(1.0, s.at(0.6).recall());
		assertEquals(2.0 / 3, s.at(0.6).f1(), EPS);
		assertEquals(0.0, s.at(0.65).f1());
		assertEquals(3 * (2.0 / 3) / 9, s.meanF1(), EPS);
		assertEquals(0.6, s.meanMatchedIoU(), EPS);
		assertEquals(0.6 / 1.5, s.panopticQuality(), EPS);
	}

	@Test
	void anIoUOfExactly55HundredthsMatchesAt055ButNot060() {
		int[] truth = new int[20], predicted = new int[20];
		java.util.Arrays.fill(truth, 1);
		for (int i = 0; i < 11; i++) predicted[i] = 1; // IoU 11/20
		assertArrayEquals(firstMatched(2, 1), truePositives(match(predicted, truth)));
	}

	@Test
	void aMissedObjectIsAFalseNegative() {
		ObjectScores s = match(new int[] {1, 1, 0, 0, 0}, new int[] {1, 1, 0, 2, 2});
		assertArrayEquals(firstMatched(9, 1), truePositives(s));
		assertEquals(0, s.atHalf().falsePositives());
		assertEquals(1, s.atHalf().falseNegatives());
		assertEquals(1.0, s.precision());
		assertEquals(0.5, s.recall());
		assertEquals(2.0 / 3, s.meanF1(), EPS);
		assertEquals(1.0, s.meanMatchedIoU());
		assertEquals(1 / 1.5, s.panopticQuality(), EPS);
	}

	@Test
	void anExtraObjectIsAFalsePositive() {
		ObjectScores s = match(new int[] {1, 1, 0, 2, 0}, new int[] {1, 1, 0, 0, 0});
		assertEquals(1, s.matched());
		assertEquals(1, s.atHalf().falsePositives());
		assertEquals(0, s.atHalf().falseNegatives());
		assertEquals(0.5, s.precision());
		assertEquals(1.0, s.recall());
		assertEquals(2.0 / 3, s.f1(), EPS);
		assertEquals(1 / 1.5, s.panopticQuality(), EPS);
	}

	@Test
	void twoEmptyImagesScoreOneEverywhere() {
		ObjectScores s = match(new int[4], new int[4]);
		assertEquals(0, s.predictedObjects());
		assertEquals(0, s.trueObjects());
		for (ObjectScores.AtThreshold a : s.byThreshold()) {
			assertEquals(1.0, a.precision());
			assertEquals(1.0, a.recall());
			assertEquals(1.0, a.f1());
		}
		assertEquals(1.0, s.meanF1());
		assertEquals(1.0, s.meanMatchedIoU());
		assertEquals(1.0, s.panopticQuality());
		assertEquals(1.0, s.recognitionQuality());
	}

	@Test
	void objectsInOnlyOneImageScoreZeroEverywhere() {
		for (ObjectScores s : List.of(match(new int[] {0, 3, 3}, new int[3]), match(new int[3], new int[] {0, 3,
			3})))
		{
			assertEquals(0, s.matched());
			assertEquals(0.0, s.precision());
			assertEquals(0.0, s.recall());
			assertEquals(0.0, s.f1());
			assertEquals(0.0, s.meanF1());
			assertEquals(0.0, s.meanMatchedIoU());
			assertEquals(0.0, s.panopticQuality());
		}
	}

	@Test
	void objectsThatNeverOverlapEnoughScoreZeroWithoutAnEmptyImage() {
		ObjectScores s = match(new int[] {1, 1, 1, 0}, new int[] {0, 0, 2, 2});
		assertEquals(0, s.matched());
		assertEquals(0.0, s.precision());
		assertEquals(0.0, s.meanMatchedIoU());
		assertEquals(0.0, s.panopticQuality());
	}

	@Test
	void boxesIn3DOverlapAcrossPlanes() {
		int w = 12, h = 10, d = 8;
		// object 1: a 4x4x4 box; predicted one plane deeper: shares 4x4x3 = 48 of 80 voxels, IoU 0.6
		int[] truth = box(new int[w * h * d], w, h, 1, 1, 1, 4, 4, 4, 1);
		int[] predicted = box(new int[w * h * d], w, h, 1, 1, 2, 4, 4, 4, 1);
		// object 2: a 3x3x6 column, exact
		box(truth, w, h, 7, 5, 1, 3, 3, 6, 2);
		box(predicted, w, h, 7, 5, 1, 3, 3, 6, 9);
		ObjectScores s = ObjectMatching.match(wrap(predicted, w, h, d, Spacing.UNIT), wrap(truth, w, h, d,
			new Spacing(0.5, 0.5, 2, "µm")), Progress.NONE);
		assertArrayEquals(new int[] {2, 2, 2, 1, 1, 1, 1, 1, 1}, truePositives(s));
		assertEquals((0.6 + 1) / 2, s.meanMatchedIoU(), EPS);
		assertEquals((3 + 6 * 0.5) / 9, s.meanF1(), EPS, "F1 1 up to 0.6, then 1 of 2 each way");
	}

	@Test
	void volumesOfManyChunksCountObjectsThatCrossTheChunks() {
		// 200,000 voxels: several chunks of the counting pass, each object in all of them
		int w = 50, h = 50, d = 80;
		int[] truth = box(new int[w * h * d], w, h, 10, 10, 0, 10, 10, d, 1);
		int[] predicted = box(new int[w * h * d], w, h, 11, 10, 0, 10, 10, d, 1); // shares 9x10 of 11x10 a plane
		box(truth, w, h, 30, 30, 0, 5, 5, d, 2);
		box(predicted, w, h, 30, 30, 0, 5, 5, d, 2);
		ObjectScores s = match(predicted, truth);
		assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 1, 1}, truePositives(s), "IoU 9/11 = 0.818 and 1");
		assertEquals((9.0 / 11 + 1) / 2, s.meanMatchedIoU(), EPS);
	}

	@Test
	void largeAndNegativeLabelValuesNeedNoArrayOfThatSize() {
		ObjectScores s = match(new int[] {2_000_000_000, 2_000_000_000, -5, 65_536}, new int[] {Integer.MAX_VALUE,
			Integer.MAX_VALUE, 0, 1});
		assertEquals(2, s.predictedObjects(), "-5 is background");
		assertEquals(2, s.trueObjects());
		assertEquals(2, s.matched());
	}

	@Test
	void scoresAtAThresholdNotScoredAreRefused() {
		ObjectScores s = match(new int[] {1}, new int[] {1});
		assertEquals(0.55, s.at(0.55).threshold());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.at(0.3));
		assertTrue(e.getMessage().contains("0.55"), e.getMessage());
	}

	@Test
	void differentSizesAreRefused() {
		Labels a = wrap(new int[6], 3, 2, 1, Spacing.UNIT), b = wrap(new int[6], 2, 3, 1, Spacing.UNIT);
		SegKitException e = assertThrows(SegKitException.class, () -> ObjectMatching.match(a, b, Progress.NONE));
		assertTrue(e.getMessage().contains("same size"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> match(new int[2], new int[3]));
	}

	@Test
	void aCancelledProgressStopsTheMatching() {
		Progress cancelled = new Progress() {

			@Override
			public void update(String step, long done, long total) {}

			@Override
			public boolean isCancelRequested() {
				return true;
			}
		};
		assertThrows(Cancelled.class, () -> ObjectMatching.match(new int[10], new int[10], cancelled));
	}
}
