package io.segkit.bench;

import io.segkit.Progress;
import io.segkit.classic.distance.DistanceTransform;
import io.segkit.image.Volume;

/**
 * The flood cases of bench/skimage_reference.py and skimage_scale.py, computed the same way, so that Region Growing's
 * fixed mode ("Compare with" = seed value) floods exactly what {@code skimage.segmentation.flood} floods there:
 * the threshold is scikit-image 0.19's Otsu of an integer image (one bin per integer value, mask = value &gt; t);
 * the nucleus seed is the first voxel of largest calibrated distance to the background, with the tolerance down
 * to t; the background seed is the first voxel outside the mask closest to the median outside it, with the
 * tolerance up to t. For integer images (the benchmark volume is 16-bit).
 */
final class FloodCases {

	final double threshold;
	final int nucleusSeed, backgroundSeed;
	final double nucleusTolerance, backgroundTolerance;

	private FloodCases(double threshold, int nucleusSeed, double nucleusTolerance, int backgroundSeed,
		double backgroundTolerance)
	{
		this.threshold = threshold;
		this.nucleusSeed = nucleusSeed;
		this.nucleusTolerance = nucleusTolerance;
		this.backgroundSeed = backgroundSeed;
		this.backgroundTolerance = backgroundTolerance;
	}

	static FloodCases of(Volume volume) {
		if (!volume.isIntegerType()) throw new IllegalArgumentException("the flood cases need an integer image");
		int n = volume.size();
		double t = otsu(volume);
		byte[] mask = new byte[n];
		for (int i = 0; i < n; i++) if (volume.get(i) > t) mask[i] = 1;
		float[] edt = DistanceTransform.compute(mask, volume.width(), volume.height(), volume.depth(), volume.spacing(),
			Progress.NONE);
		int deepest = 0;
		for (int i = 1; i < n; i++) if (edt[i] > edt[deepest]) deepest = i;
		double median = medianOutside(volume, mask);
		int background = -1;
		double closest = Double.POSITIVE_INFINITY;
		for (int i = 0; i < n; i++) if (mask[i] == 0) {
			double distance = Math.abs(volume.get(i) - median);
			if (distance < closest) {
				closest = distance;
				background = i;
			}
		}
		return new FloodCases(t, deepest, volume.get(deepest) - t, background, t - volume.get(background));
	}

	/** skimage.filters.threshold_otsu of an integer image: one bin per value from the min to the max. */
	private static double otsu(Volume volume) {
		int n = volume.size();
		int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
		for (int i = 0; i < n; i++) {
			int v = (int) volume.get(i);
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		long[] hist = new long[max - min + 1];
		for (int i = 0; i < n; i++) hist[(int) volume.get(i) - min]++;
		int bins = hist.length;
		double[] weight1 = new double[bins], mean1 = new double[bins], weight2 = new double[bins], mean2 = new double[bins];
		double w = 0, s = 0;
		for (int b = 0; b < bins; b++) {
			w += hist[b];
			s += hist[b] * (double) (b + min);
			weight1[b] = w;
			mean1[b] = s / w;
		}
		w = 0;
		s = 0;
		for (int b = bins - 1; b >= 0; b--) {
			w += hist[b];
			s += hist[b] * (double) (b + min);
			weight2[b] = w;
			mean2[b] = s / w;
		}
		int best = 0;
		double bestVariance = Double.NEGATIVE_INFINITY;
		for (int b = 0; b < bins - 1; b++) {
			double d = mean1[b] - mean2[b + 1];
			double variance = weight1[b] * weight2[b + 1] * d * d;
			if (variance > bestVariance) { // NaN (empty sides) never wins, as NumPy's argmax would not skip it
				bestVariance = variance;
				best = b;
			}
		}
		return best + min;
	}

	/** NumPy's median of the voxels outside the mask (the mean of the two middle values for an even count). */
	private static double medianOutside(Volume volume, byte[] mask) {
		int[] counts = new int[65536];
		long total = 0;
		for (int i = 0; i < mask.length; i++) if (mask[i] == 0) {
			counts[(int) volume.get(i)]++;
			total++;
		}
		long lowRank = (total - 1) / 2, highRank = total / 2;
		double low = Double.NaN, high = Double.NaN;
		long seen = 0;
		for (int v = 0; v < counts.length && Double.isNaN(high); v++) {
			long next = seen + counts[v];
			if (Double.isNaN(low) && lowRank < next) low = v;
			if (highRank < next) high = v;
			seen = next;
		}
		return (low + high) / 2;
	}

	String describe(Volume volume) {
		int w = volume.width(), plane = volume.planeSize();
		return String.format("otsu=%s flood_seed=(%d, %d, %d) tolerance=%s background_seed=(%d, %d, %d) " +
			"background_tolerance=%s", (long) threshold, nucleusSeed / plane, nucleusSeed % plane / w, nucleusSeed % w,
			nucleusTolerance, backgroundSeed / plane, backgroundSeed % plane / w, backgroundSeed % w, backgroundTolerance);
	}
}
