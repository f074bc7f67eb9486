package io.segkit.autotrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sharing Auto-Train's time budget over the folds, fold by fold. Times in nanoseconds as System.nanoTime gives. */
class TimeShareTest {

	private static final long S = 1_000_000_000L;

	@Test
	void eachFoldGetsTheTimeLeftOverTheFoldsLeftLessItsPrediction() {
		long start = 5 * S; // nanoTime's origin is arbitrary
		TimeShare share = new TimeShare(100, 4, start);
		assertEquals(100.0 / 4 - 5, share.nextFold(start, 5), 1e-9);
		share.foldDone();
		// the first fold (training + prediction) took exactly its 25 s: the next gets the same
		assertEquals(75.0 / 3 - 5, share.nextFold(start + 25 * S, 5), 1e-9);
		share.foldDone();
		assertEquals(50.0 / 2 - 5, share.nextFold(start + 50 * S, 5), 1e-9);
		share.foldDone();
		// the last fold gets all that is left
		assertEquals(25.0 - 5, share.nextFold(start + 75 * S, 5), 1e-9);
	}

	@Test
	void aShortFoldsSavingsGoToTheFollowingFolds() {
		TimeShare share = new TimeShare(100, 4, 0);
		assertEquals(25, share.nextFold(0, 0), 1e-9);
		share.foldDone();
		// the first fold stopped early after 10 s: 90 s are left for 3 folds
		assertEquals(30, share.nextFold(10 * S, 0), 1e-9);
		share.foldDone();
		// the second ran 10 s long (50 s in): 50 s for 2 folds, less 2 s of prediction
		assertEquals(23, share.nextFold(50 * S, 2), 1e-9);
	}

	@Test
	void aZeroOrNegativeBudgetMeansNoLimit() {
		assertEquals(0, new TimeShare(0, 5, 0).nextFold(1000 * S, 3), 0);
		assertEquals(0, new TimeShare(-1, 5, 0).nextFold(0, 0), 0);
	}

	@Test
	void anOverrunBudgetStillGivesTheSmallestShareNotNoLimit() {
		TimeShare share = new TimeShare(10, 2, 0);
		assertEquals(TimeShare.MINIMUM_SECONDS, share.nextFold(30 * S, 0), 0);
		// prediction longer than the share
		assertEquals(TimeShare.MINIMUM_SECONDS, new TimeShare(10, 2, 0).nextFold(0, 6), 0);
		assertEquals(1e-3, TimeShare.MINIMUM_SECONDS, 0);
	}

	@Test
	void moreFoldsDoneThanPlannedLeaveAllTheRestToTheNext() {
		TimeShare share = new TimeShare(60, 1, 0);
		share.foldDone();
		share.foldDone(); // folds left below 1 count as 1
		assertEquals(40, share.nextFold(20 * S, 0), 1e-9);
	}
}
