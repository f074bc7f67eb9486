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
 * {@link Method}), choosing the same threshold bin as ImageJ's Threshold tool and the macro function
 * {@code setAutoThreshold("Otsu dark")} on a 2D image (ImageJ 1.54g,
 * {@code ImageProcessor.setAutoThreshold(String)}), on a 256-bin histogram built as ImageJ builds it
 * (see {@link Binning}, which also says how the bounds differ from ImageJ's by up to half a bin for
 * 16- and 32-bit data): 8-bit values directly,
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
	 * The mask and the real-valued bounds of the object bins (see {@link Binning}; inclusive; the open
	 * side is 255 or 65535 for 8/16-bit as ImageJ shows it, the data's max or min for 32-bit where
	 * ImageJ shows 1e30), one entry for a stack histogram or one per slice; a slice with nothing to
	 * threshold (constant or all NaN) has NaN bounds and an empty mask.
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
		Binning[] binning = new Binning[depth]; // per slice; the same one for a stack histogram
		int[] fromBin = new int[depth], toBin = new int[depth];
		if (stackHistogram) {
			Binning stack = new Binning(volume.bitDepth(), range[0], range[1]);
			int[] bins = objectBins(histogram(volume, stack, 0, depth, progress), method, brightObjects);
			for (int z = 0; z < depth; z++) {
				binning[z] = stack;
				fromBin[z] = bins[0];
				toBin[z] = bins[1];
			}
		} else {
			for (int z = 0; z < depth; z++) {
				progress.checkCancelled();
				double[] sliceRange = finiteRange(volume, z, z + 1);
				if (!(sliceRange[0] < sliceRange[1])) continue; // constant or all NaN: no objects
				binning[z] = new Binning(volume.bitDepth(), sliceRange[0], sliceRange[1]);
				int[] bins = objectBins(histogram(volume, binning[z], z, z + 1, progress), method, brightObjects);
				fromBin[z] = bins[0];
				toBin[z] = bins[1];
				progress.update("Thresholding", z + 1, depth);
			}
		}
		int slices = stackHistogram ? 1 : depth;
		double[] lower = new double[slices], upper = new double[slices];
		for (int i = 0; i < slices; i++) {
			double[] bounds = binning[i] == null ? new double[] { Double.NaN, Double.NaN } : binning[i].bounds(fromBin[i],
				toBin[i]);
			lower[i] = bounds[0];
			upper[i] = bounds[1];
		}
		return new Result(maskByBins(volume, binning, fromBin, toBin, progress), lower, upper);
	}

	/** The mask of the voxels whose bin lies within [fromBin, toBin] of their slice. */
	private static byte[] maskByBins(Volume volume, Binning[] binning, int[] fromBin, int[] toBin,
		Progress progress)
	{
		int plane = volume.planeSize();
		byte[] mask = new byte[volume.size()];
		IntStream.range(0, volume.depth()).parallel().forEach(z -> {
			progress.checkCancelled();
			Binning b = binning[z];
			if (b == null) return;
			int from = fromBin[z], to = toBin[z], offset = z * plane;
			Object raw = volume.rawPlane(z);
			if (!(raw instanceof float[] values)) { // integer data: one table lookup per voxel
				byte[] inside = insideTable(b, raw instanceof byte[] ? 256 : 65536, from, to);
				if (raw instanceof byte[] bytes) for (int i = 0; i < plane; i++) mask[offset + i] = inside[bytes[i] & 0xff];
				else {
					short[] shorts = (short[]) raw;
					for (int i = 0; i < plane; i++) mask[offset + i] = inside[shorts[i] & 0xffff];
				}
				return;
			}
			for (int i = 0; i < plane; i++) {
				float v = values[i];
				if (Float.isNaN(v)) continue;
				int bin = b.bin(v);
				if (bin >= from && bin <= to) mask[offset + i] = 1;
			}
		});
		return mask;
	}

	/** The bin of each integer value 0..size-1 (one division per value, not per voxel). */
	private static int[] binTable(Binning binning, int size) {
		int[] table = new int[size];
		for (int v = 0; v < size; v++) table[v] = binning.bin(v);
		return table;
	}

	/** For each integer value 0..size-1: 1 if its bin lies within [from, to]. */
	private static byte[] insideTable(Binning binning, int size, int from, int to) {
		byte[] table = new byte[size];
		for (int v = 0; v < size; v++) {
			int bin = binning.bin(v);
			if (bin >= from && bin <= to) table[v] = 1;
		}
		return table;
	}

	/** The 256-bin histogram of slices [zFrom, zTo) of {@code volume} (NaN left out). */
	static int[] histogram(Volume volume, Binning binning, int zFrom, int zTo, Progress progress) {
		int[][] perPlane = new int[zTo - zFrom][];
		int[] shortBins = volume.rawPlane(zFrom) instanceof short[] ? binTable(binning, 65536) : null;
		IntStream.range(zFrom, zTo).parallel().forEach(z -> {
			progress.checkCancelled();
			int[] h = new int[256];
			Object raw = volume.rawPlane(z);
			if (raw instanceof byte[] b) for (byte v : b) h[v & 0xff]++;
			else if (raw instanceof short[] s) for (short v : s) h[shortBins[v & 0xffff]]++;
			else for (float v : (float[]) raw) if (!Float.isNaN(v)) h[binning.bin(v)]++;
			perPlane[z - zFrom] = h;
		});
		int[] total = new int[256];
		for (int[] h : perPlane) for (int i = 0; i < 256; i++) total[i] += h[i];
		return total;
	}

	/**
	 * The object bins {from, to} for a histogram, as ImageJ's Threshold tool and setAutoThreshold("Method
	 * dark") choose them: bright objects are bins t+1..255 (at least bin 255), dark objects 0..t.
	 */
	static int[] objectBins(int[] histogram, Method method, boolean brightObjects) {
		// A histogram with only two occupied bins splits between them (ImageJ's "bilevel" rule with
		// subtract-one, as setAutoThreshold(String) uses). Some methods change their input: pass a copy.
		AutoThresholder thresholder = new AutoThresholder();
		thresholder.setBilevelSubractOne(true);
		int t = thresholder.getThreshold(method, Arrays.copyOf(histogram, histogram.length));
		return brightObjects ? new int[] { Math.min(255, t + 1), 255 } : new int[] { 0, t };
	}

	/** {min, max} over the finite values of slices [zFrom, zTo); {NaN, NaN} when there are none. */
	static double[] finiteRange(Volume volume, int zFrom, int zTo) {
		double[][] perPlane = new double[zTo - zFrom][];
		IntStream.range(zFrom, zTo).parallel().forEach(z -> perPlane[z - zFrom] = planeRange(volume.rawPlane(z)));
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (double[] r : perPlane) {
			min = Math.min(min, r[0]);
			max = Math.max(max, r[1]);
		}
		return min > max ? new double[] { Double.NaN, Double.NaN } : new double[] { min, max };
	}

	private static double[] planeRange(Object raw) {
		if (raw instanceof byte[] b) {
			int min = 255, max = 0;
			for (byte v : b) {
				min = Math.min(min, v & 0xff);
				max = Math.max(max, v & 0xff);
			}
			return new double[] { min, max };
		}
		if (raw instanceof short[] s) {
			int min = 65535, max = 0;
			for (short v : s) {
				min = Math.min(min, v & 0xffff);
				max = Math.max(max, v & 0xffff);
			}
			return new double[] { min, max };
		}
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (float v : (float[]) raw) {
			if (Float.isNaN(v) || Float.isInfinite(v)) continue;
			if (v < min) min = v;
			if (v > max) max = v;
		}
		return new double[] { min, max };
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
