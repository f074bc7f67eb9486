package io.segkit.classic.threshold;

import ij.process.AutoThresholder;
import ij.process.AutoThresholder.Method;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Volume;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Global automatic thresholds with ImageJ's own methods ({@link AutoThresholder}, all of
 * {@link Method}), giving the same bounds as ImageJ's Threshold tool and the macro function
 * {@code setAutoThreshold("Otsu dark")} on a 2D image (ImageJ 1.54g,
 * {@code ImageProcessor.setAutoThreshold(String)}), on a 256-bin histogram built as ImageJ builds it
 * (see {@link Binning}): 8-bit values directly,
 * 16- and 32-bit data in 256 bins between the data's min and max. This is also what Image &gt;
 * Adjust &gt; Threshold does by default; Fiji's "Auto Threshold" plugin instead uses the full 16-bit
 * histogram, so its 16-bit values can differ slightly.
 * <p>
 * The histogram covers the whole volume ("stack histogram", one threshold) or each z-slice on its
 * own (one threshold per slice). Bright objects (ImageJ's "dark background") are the voxels above
 * the threshold bin, dark objects those at or below it. NaN voxels are left out of the histogram
 * and are never inside the mask.
 */
public final class AutoThreshold {

	private AutoThreshold() {}

	/**
	 * The mask and the real-valued bounds used: {@code lower[i]..upper[i]} inclusive (ImageJ's values;
	 * for 32-bit data the open side is the data's max or min where ImageJ shows 1e30), one entry for a
	 * stack histogram or one per slice; a slice with nothing to threshold (constant or all NaN) has
	 * NaN bounds and an empty mask.
	 */
	public record Result(byte[] mask, double[] lower, double[] upper) {

		public boolean perSlice() {
			return lower.length > 1;
		}
	}

	/**
	 * Thresholds {@code volume} (never modified) with {@code method}.
	 *
	 * @param brightObjects true: objects brighter than the threshold (ImageJ's "dark background")
	 * @param stackHistogram true: one histogram and threshold for the whole volume; false: per slice
	 */
	public static Result apply(Volume volume, Method method, boolean brightObjects, boolean stackHistogram,
		Progress progress)
	{
		if (method == null) throw new SegKitException("Choose a threshold method.");
		double[] range = finiteRange(volume, 0, volume.depth());
		requireSomethingToThreshold(range);
		int depth = volume.depth();
		int slices = stackHistogram ? 1 : depth;
		double[] lower = new double[slices], upper = new double[slices];
		if (stackHistogram) {
			Binning binning = new Binning(volume.bitDepth(), range[0], range[1]);
			double[] bounds = threshold(histogram(volume, binning, 0, depth, progress), binning, method,
				brightObjects);
			lower[0] = bounds[0];
			upper[0] = bounds[1];
		} else {
			for (int z = 0; z < depth; z++) {
				progress.checkCancelled();
				double[] sliceRange = finiteRange(volume, z, z + 1);
				double[] bounds = { Double.NaN, Double.NaN };
				if (sliceRange[0] < sliceRange[1]) {
					Binning binning = new Binning(volume.bitDepth(), sliceRange[0], sliceRange[1]);
					bounds = threshold(histogram(volume, binning, z, z + 1, progress), binning, method,
						brightObjects);
				}
				lower[z] = bounds[0];
				upper[z] = bounds[1];
				progress.update("Thresholding", z + 1, depth);
			}
		}
		// The open side of the range takes everything beyond it (also infinite values).
		double[] maskLower = lower.clone(), maskUpper = upper.clone();
		for (int i = 0; i < slices; i++) {
			if (Double.isNaN(lower[i])) continue;
			if (brightObjects) maskUpper[i] = Double.POSITIVE_INFINITY;
			else maskLower[i] = Double.NEGATIVE_INFINITY;
		}
		byte[] mask = stackHistogram ? ManualThreshold.mask(volume, maskLower[0], maskUpper[0], progress)
			: ManualThreshold.maskPerSlice(volume, maskLower, maskUpper, progress);
		return new Result(mask, lower, upper);
	}

	/** The 256-bin histogram of slices [zFrom, zTo) of {@code volume} (NaN left out). */
	static int[] histogram(Volume volume, Binning binning, int zFrom, int zTo, Progress progress) {
		int[][] perPlane = new int[zTo - zFrom][];
		IntStream.range(zFrom, zTo).parallel().forEach(z -> {
			progress.checkCancelled();
			int[] h = new int[256];
			Object raw = volume.rawPlane(z);
			if (raw instanceof byte[] b) for (byte v : b) h[v & 0xff]++;
			else if (raw instanceof short[] s) for (short v : s) h[binning.bin(v & 0xffff)]++;
			else for (float v : (float[]) raw) if (!Float.isNaN(v)) h[binning.bin(v)]++;
			perPlane[z - zFrom] = h;
		});
		int[] total = new int[256];
		for (int[] h : perPlane) for (int i = 0; i < 256; i++) total[i] += h[i];
		return total;
	}

	/** ImageJ's real bounds {lower, upper} for a histogram. */
	static double[] threshold(int[] histogram, Binning binning, Method method, boolean brightObjects) {
		// As ImageJ's Threshold tool and setAutoThreshold("Method dark"): bright objects start at bin t + 1,
		// and a histogram with only two occupied bins splits between them. Some methods change the
		// array they are given, so they get a copy.
		AutoThresholder thresholder = new AutoThresholder();
		thresholder.setBilevelSubractOne(true);
		int t = thresholder.getThreshold(method, Arrays.copyOf(histogram, histogram.length));
		return binning.bounds(t, brightObjects);
	}

	/** {min, max} over the finite values of slices [zFrom, zTo); {NaN, NaN} when there are none. */
	static double[] finiteRange(Volume volume, int zFrom, int zTo) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		float[] buffer = new float[volume.planeSize()];
		for (int z = zFrom; z < zTo; z++) {
			volume.copyPlane(z, buffer);
			for (float v : buffer) {
				if (Float.isNaN(v) || Float.isInfinite(v)) continue;
				if (v < min) min = v;
				if (v > max) max = v;
			}
		}
		return min > max ? new double[] { Double.NaN, Double.NaN } : new double[] { min, max };
	}

	/** Refuses an all-NaN or constant volume: a threshold cannot separate anything there. */
	static void requireSomethingToThreshold(double[] range) {
		if (Double.isNaN(range[0])) throw new SegKitException("Nothing to threshold: every value of the image " +
			"is NaN (not-a-number). Check that you selected the right image, channel and frame.");
		if (!(range[0] < range[1])) throw new SegKitException("Nothing to threshold: the image has the same " +
			"value (" + format(range[0]) + ") everywhere. Check that you selected the right image, channel and frame.");
	}

	static String format(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}
}
