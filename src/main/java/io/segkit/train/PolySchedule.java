package io.segkit.train;

/** nnU-Net's learning-rate schedule, stepped per epoch: lr = lr0 (1 - epoch / epochs)^0.9. */
public final class PolySchedule {

	public static final double EXPONENT = 0.9;

	private PolySchedule() {}

	/** The learning rate of 0-based {@code epoch} out of {@code epochs}. */
	public static double learningRate(double initial, int epoch, int epochs) {
		return initial * Math.pow(1 - (double) epoch / epochs, EXPONENT);
	}
}
