package io.segkit.eval;

/** Means and percentiles that skip NaN, like numpy's nanmean and percentile (linear). */
final class Means {

	private Means() {}

	/** Mean of the non-NaN values; NaN if there are none. */
	static double nanMean(double[] values) {
		double sum = 0;
		int n = 0;
		for (double v : values) {
			if (!Double.isNaN(v)) {
				sum += v;
				n++;
			}
		}
		return n == 0 ? Double.NaN : sum / n;
	}

	/** numpy's default percentile: linear interpolation between the sorted values (sorts in place). */
	static double percentile(float[] values, double percent) {
		if (values.length == 0) return Double.NaN;
		java.util.Arrays.sort(values);
		double position = percent / 100 * (values.length - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(values.length - 1, below + 1);
		double fraction = position - below;
		return values[below] + fraction * ((double) values[above] - values[below]);
	}
}
