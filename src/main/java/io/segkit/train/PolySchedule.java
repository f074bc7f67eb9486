package io.segkit.train;

/**
 * nnU-Net's learning-rate schedule, stepped per epoch: lr = lr0 (1 - epoch / epochs)^0.9. Under a time budget the
 * schedule runs over the epochs that will fit ({@link #horizon}), not over the maximum, so the rate still decays to
 * near zero by the time the budget ends.
 */
public final class PolySchedule {

	public static final double EXPONENT = 0.9;

	private PolySchedule() {}

	/** The learning rate of 0-based {@code epoch} out of {@code epochs}. */
	public static double learningRate(double initial, int epoch, int epochs) {
		return initial * Math.pow(1 - (double) epoch / epochs, EXPONENT);
	}

	/**
	 * The number of epochs the schedule runs over: {@code maxEpochs}, or with a time budget the epochs done plus
	 * those that fit into the remaining time at the mean epoch duration so far (at least one more). Before the
	 * first epoch has been timed ({@code meanEpochSeconds <= 0}) it is {@code maxEpochs}.
	 */
	public static int horizon(int epochsDone, int maxEpochs, double budgetSeconds, double elapsedSeconds,
			double meanEpochSeconds) {
		if (budgetSeconds <= 0 || meanEpochSeconds <= 0) return maxEpochs;
		double fitting = Math.floor((budgetSeconds - elapsedSeconds) / meanEpochSeconds);
		return (int) Math.min(maxEpochs, epochsDone + Math.max(1, fitting));
	}
}
