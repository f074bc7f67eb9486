package io.segkit.plan;

import io.segkit.files.Json;
import com.google.gson.JsonObject;

/**
 * Foreground (label &gt; 0) intensity statistics of one channel, pooled over all cases: the entry of
 * nnU-Net's {@code foreground_intensity_properties_per_channel}. CT normalization uses them.
 */
public record IntensityStats(double mean, double median, double std, double min, double max,
	double percentile00_5, double percentile99_5) {

	/**
	 * Statistics of a sample, computed like numpy: population std (ddof 0), percentiles with linear
	 * interpolation between the two nearest ranks. Sorts {@code values} in place.
	 */
	public static IntensityStats of(float[] values) {
		if (values.length == 0) throw new IllegalArgumentException("No values");
		java.util.Arrays.sort(values);
		double sum = 0;
		for (float v : values) sum += v;
		double mean = sum / values.length;
		double squares = 0;
		for (float v : values) squares += (v - mean) * (v - mean);
		double std = Math.sqrt(squares / values.length);
		return new IntensityStats(mean, percentileOfSorted(values, 50), std, values[0],
			values[values.length - 1], percentileOfSorted(values, 0.5), percentileOfSorted(values, 99.5));
	}

	/** numpy.percentile (method 'linear') of ascending values. */
	static double percentileOfSorted(float[] sorted, double percent) {
		double rank = (sorted.length - 1) * (percent / 100.0);
		int below = (int) Math.floor(rank);
		int above = Math.min(below + 1, sorted.length - 1);
		return Stats.lerp(sorted[below], sorted[above], rank - below);
	}

	JsonObject toJson() {
		// nnU-Net's key names; the order is the one its fingerprint extractor builds the dict in
		JsonObject o = new JsonObject();
		o.addProperty("mean", mean);
		o.addProperty("median", median);
		o.addProperty("std", std);
		o.addProperty("min", min);
		o.addProperty("max", max);
		o.addProperty("percentile_99_5", percentile99_5);
		o.addProperty("percentile_00_5", percentile00_5);
		return o;
	}

	static IntensityStats fromJson(JsonObject o) {
		return new IntensityStats(Json.toDouble(o.get("mean")), Json.toDouble(o.get("median")),
			Json.toDouble(o.get("std")), Json.toDouble(o.get("min")), Json.toDouble(o.get("max")),
			Json.toDouble(o.get("percentile_00_5")), Json.toDouble(o.get("percentile_99_5")));
	}
}
