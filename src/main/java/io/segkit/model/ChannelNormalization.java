package io.segkit.model;

import io.segkit.SegKitException;

/**
 * How one input channel's intensities are normalised before the network sees them (nnU-Net's schemes).
 * <ul>
 * <li>{@code ZScore}: each image by its own mean and standard deviation (microscopy, MR);</li>
 * <li>{@code CT}: clip to the training foreground's [p0.5, p99.5] ({@code lower}, {@code upper}), subtract the
 * foreground mean, divide by its standard deviation, all fixed at training time;</li>
 * <li>{@code NoNorm}: values are used as they are.</li>
 * </ul>
 * NaN voxels become 0 after normalisation (the mean), so one bad voxel cannot poison a whole tile.
 */
public record ChannelNormalization(String scheme, double mean, double std, double lower, double upper) {

	public static final String ZSCORE = "ZScore";
	public static final String CT = "CT";
	public static final String NONE = "NoNorm";

	public ChannelNormalization {
		if (!ZSCORE.equals(scheme) && !CT.equals(scheme) && !NONE.equals(scheme)) {
			throw new SegKitException("Unknown intensity normalization '" + scheme + "': use " + ZSCORE + ", " + CT
				+ " or " + NONE + ".");
		}
		if (CT.equals(scheme) && (!(std > 0) || !(upper >= lower))) {
			throw new SegKitException("CT normalization needs a positive standard deviation and lower <= upper.");
		}
	}

	public static ChannelNormalization zScore() {
		return new ChannelNormalization(ZSCORE, 0, 1, 0, 0);
	}

	public static ChannelNormalization ct(double mean, double std, double lower, double upper) {
		return new ChannelNormalization(CT, mean, std, lower, upper);
	}

	public static ChannelNormalization none() {
		return new ChannelNormalization(NONE, 0, 1, 0, 0);
	}

	/** A normalised copy of {@code values} (which are not changed). */
	public float[] apply(float[] values) {
		float[] out = new float[values.length];
		switch (scheme) {
			case ZSCORE -> {
				double[] ms = meanAndStd(values);
				scale(values, out, ms[0], Math.max(ms[1], 1e-8), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
			}
			case CT -> scale(values, out, mean, std, lower, upper);
			default -> scale(values, out, 0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
		}
		return out;
	}

	private static void scale(float[] in, float[] out, double mean, double std, double lo, double hi) {
		double inv = 1 / std;
		for (int i = 0; i < in.length; i++) {
			float v = in[i];
			out[i] = Float.isNaN(v) ? 0f : (float) ((Math.min(hi, Math.max(lo, v)) - mean) * inv);
		}
	}

	/** Mean and standard deviation of the finite values (0 and 1 when there are none). */
	static double[] meanAndStd(float[] values) {
		double sum = 0;
		long n = 0;
		for (float v : values) {
			if (Float.isFinite(v)) {
				sum += v;
				n++;
			}
		}
		if (n == 0) return new double[] {0, 1};
		double mean = sum / n;
		double sq = 0;
		for (float v : values) {
			if (Float.isFinite(v)) sq += (v - mean) * (v - mean);
		}
		return new double[] {mean, Math.sqrt(sq / n)};
	}
}
