package io.segkit.autotrain;

import java.util.Arrays;

/**
 * Shares Auto-Train's time budget over the folds still to train, as they come: each fold gets the time left in
 * proportion to its weight among the folds left, less what predicting its validation cases took last time, so the
 * whole-case predictions fit inside the budget too and a fold that ran short or long is made up by the ones after
 * it. A fold's weight is its configuration's estimated cost per epoch, so that every configuration trains about
 * the same number of epochs, as nnU-Net trains each the same 1000: an even split in seconds would leave a 3D
 * configuration, whose epochs cost several times a 2D one's, a fraction of the 2D epochs.
 */
final class TimeShare {

	/** The smallest share: the trainer still runs one epoch (a share of 0 would mean "no limit"). */
	static final double MINIMUM_SECONDS = 1e-3;

	private final double budgetSeconds;
	private final long start;
	private final double[] weights;
	private int foldsDone;

	/** Folds of equal weight; {@code budgetSeconds} 0 = no limit. */
	TimeShare(double budgetSeconds, int folds, long startNanos) {
		this(budgetSeconds, equalWeights(folds), startNanos);
	}

	/**
	 * @param budgetSeconds 0 = no limit
	 * @param foldWeights every fold's weight, in the order they train
	 */
	TimeShare(double budgetSeconds, double[] foldWeights, long startNanos) {
		for (double w : foldWeights) if (!(w > 0)) throw new IllegalArgumentException("fold weights must be positive");
		this.budgetSeconds = budgetSeconds;
		this.weights = foldWeights.clone();
		this.start = startNanos;
	}

	private static double[] equalWeights(int folds) {
		double[] w = new double[Math.max(0, folds)];
		Arrays.fill(w, 1);
		return w;
	}

	/** Training seconds for the next fold (0 = no limit); {@code predictionSeconds} is kept back for predicting. */
	double nextFold(long nowNanos, double predictionSeconds) {
		if (budgetSeconds <= 0) return 0;
		double left = budgetSeconds - (nowNanos - start) / 1e9;
		double share = left * shareOfNext() - predictionSeconds;
		return Math.max(MINIMUM_SECONDS, share);
	}

	/** The next fold's weight over the weights of the folds left; all that is left once every planned fold is done. */
	private double shareOfNext() {
		if (foldsDone >= weights.length - 1) return 1;
		double left = 0;
		for (int i = foldsDone; i < weights.length; i++) left += weights[i];
		return weights[foldsDone] / left;
	}

	void foldDone() {
		foldsDone++;
	}
}
