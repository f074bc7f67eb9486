package io.segkit.plan;

import java.util.Arrays;

/** numpy's median and percentile (default 'linear' method), reproduced to the last bit. */
final class Stats {

	private Stats() {}

	/** numpy.median: the middle value, or the mean (a + b) / 2 of the two middle values. */
	static double median(double[] values) {
		if (values.length == 0) throw new IllegalArgumentException("No values");
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/** numpy.percentile with linear interpolation between the two nearest ranks. */
	static double percentile(double[] values, double percent) {
		if (values.length == 0) throw new IllegalArgumentException("No values");
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double rank = (sorted.length - 1) * (percent / 100.0);
		int below = (int) Math.floor(rank);
		int above = Math.min(below + 1, sorted.length - 1);
		return lerp(sorted[below], sorted[above], rank - below);
	}

	/** numpy's _lerp: from the nearer end, so that t = 0.5 gives b - (b - a) / 2 exactly as numpy does. */
	static double lerp(double a, double b, double t) {
		double diff = b - a;
		return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
	}
}
