package io.segkit.autotrain;

/**
 * Shares Auto-Train's time budget over the folds still to train, as they come: each fold gets the time left divided
 * by the folds left, less what predicting its validation cases took last time, so the whole-case predictions fit
 * inside the budget too and a fold that ran short or long is made up by the ones after it.
 */
final class TimeShare {

	/** The smallest share: the trainer still runs one epoch (a share of 0 would mean "no limit"). */
	static final double MINIMUM_SECONDS = 1e-3;

	private final double budgetSeconds;
	private final long start;
	private int foldsLeft;

	/** @param budgetSeconds 0 = no limit */
	TimeShare(double budgetSeconds, int folds, long startNanos) {
		this.budgetSeconds = budgetSeconds;
		this.foldsLeft = folds;
		this.start = startNanos;
	}

	/** Training seconds for the next fold (0 = no limit); {@code predictionSeconds} is kept back for predicting. */
	double nextFold(long nowNanos, double predictionSeconds) {
		if (budgetSeconds <= 0) return 0;
		double left = budgetSeconds - (nowNanos - start) / 1e9;
		double share = left / Math.max(1, foldsLeft) - predictionSeconds;
		return Math.max(MINIMUM_SECONDS, share);
	}

	void foldDone() {
		foldsLeft--;
	}
}
