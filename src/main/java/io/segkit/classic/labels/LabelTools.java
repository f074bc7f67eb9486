package io.segkit.classic.labels;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Labels;
import io.segkit.image.ImageChecks;

/**
 * Label clean-up: size filter, removal of labels touching the image border, sequential
 * relabeling. Every method returns new {@link Labels} and leaves its input untouched; removed
 * labels become background (0). 2D and 3D by the same code (depth 1 = 2D).
 */
public final class LabelTools {

	/** Numbering used by {@link #relabel}. */
	public enum Order {
		/** Old label values ascending: the smallest old label becomes 1 (relative order kept). */
		LABEL_VALUE,
		/** Raster order of each label's first voxel (x fastest, then y, then z), as labeling gives. */
		FIRST_APPEARANCE
	}

	/** Relative slack when comparing calibrated sizes, so 3 x 0.1 counts as 0.3. */
	private static final double SIZE_TOLERANCE = 1e-9;

	private LabelTools() {}

	/** Voxel count of every label value 0..labels.count() (index = label value). */
	public static long[] voxelCounts(Labels labels, Progress progress) {
		long[] counts = newLabelArray(labels);
		int[] data = labels.data();
		int plane = labels.planeSize();
		for (int z = 0; z < labels.depth(); z++) {
			progress.checkCancelled();
			for (int i = z * plane, end = i + plane; i < end; i++) counts[data[i]]++;
		}
		return counts;
	}

	/**
	 * Calibrated size of one voxel as sizes are measured: pixel area for a 2D image, voxel volume
	 * for a 3D one.
	 */
	public static double voxelSize(Labels labels) {
		return labels.is3D() ? labels.spacing().voxelVolume() : labels.spacing().pixelArea();
	}

	/**
	 * Keeps the labels whose calibrated size (area in 2D, volume in 3D, in the spacing's units)
	 * lies within [minSize, maxSize], both inclusive; the others become 0. Kept labels keep their
	 * values (use {@link #relabel} for 1..n). {@code maxSize} may be infinite for "no limit".
	 */
	public static Labels filterBySize(Labels labels, double minSize, double maxSize, Progress progress) {
		checkSizeRange(minSize, maxSize);
		long[] counts = voxelCounts(labels, progress);
		double voxel = voxelSize(labels);
		boolean[] remove = new boolean[counts.length];
		for (int l = 1; l < counts.length; l++) {
			if (counts[l] == 0) continue;
			double size = counts[l] * voxel;
			remove[l] = size < minSize * (1 - SIZE_TOLERANCE) || size > maxSize * (1 + SIZE_TOLERANCE);
		}
		return without(labels, remove, progress);
	}

	/** Refuses a size range a user cannot mean; commands call it before any work. */
	public static void checkSizeRange(double minSize, double maxSize) {
		if (Double.isNaN(minSize) || Double.isNaN(maxSize) || minSize < 0 || maxSize < 0) throw new SegKitException(
			"The minimum and maximum size must be numbers of 0 or more (got " + minSize + " and " + maxSize + ").");
		if (minSize > maxSize) throw new SegKitException("The minimum size (" + minSize +
			") is larger than the maximum size (" + maxSize + "), so every label would be removed. " +
			"Swap them, or set the maximum to Infinity for no upper limit.");
	}

	/**
	 * Removes every label with a voxel on the image border: the first/last column and row, and for
	 * a 3D image also the first/last slice when {@code zBordersCount} (turn it off for stacks whose
	 * objects are routinely cut by the top and bottom slice).
	 */
	public static Labels removeBorderLabels(Labels labels, boolean zBordersCount, Progress progress) {
		int w = labels.width(), h = labels.height(), d = labels.depth();
		int[] data = labels.data();
		boolean[] touching = new boolean[labels.count() + 1];
		for (int z = 0; z < d; z++) {
			progress.checkCancelled();
			int offset = z * w * h;
			if (d > 1 && zBordersCount && (z == 0 || z == d - 1)) {
				for (int i = 0; i < w * h; i++) touching[data[offset + i]] = true;
				continue;
			}
			for (int x = 0; x < w; x++) {
				touching[data[offset + x]] = true;
				touching[data[offset + (h - 1) * w + x]] = true;
			}
			for (int y = 0; y < h; y++) {
				touching[data[offset + y * w]] = true;
				touching[data[offset + y * w + w - 1]] = true;
			}
		}
		touching[0] = false;
		return without(labels, touching, progress);
	}

	/** Renumbers the labels present to 1..n in the given order; background stays 0. */
	public static Labels relabel(Labels labels, Order order, Progress progress) {
		int[] data = labels.data();
		int[] newValue = new int[labels.count() + 1];
		int next = 0;
		if (order == Order.LABEL_VALUE) {
			long[] counts = voxelCounts(labels, progress);
			for (int l = 1; l < counts.length; l++) if (counts[l] > 0) newValue[l] = ++next;
		} else {
			int plane = labels.planeSize();
			for (int z = 0; z < labels.depth(); z++) {
				progress.checkCancelled();
				for (int i = z * plane, end = i + plane; i < end; i++) {
					int l = data[i];
					if (l != 0 && newValue[l] == 0) newValue[l] = ++next;
				}
			}
		}
		int[] out = map(data, newValue, labels.planeSize(), progress);
		return new Labels(out, labels.width(), labels.height(), labels.depth(), labels.spacing(), next);
	}

	/** A copy of {@code labels} with the flagged label values set to 0. */
	static Labels without(Labels labels, boolean[] remove, Progress progress) {
		int[] keep = new int[remove.length];
		int max = 0;
		boolean[] present = new boolean[remove.length];
		for (int v : labels.data()) present[v] = true;
		for (int l = 1; l < remove.length; l++) {
			keep[l] = remove[l] ? 0 : l;
			if (present[l] && !remove[l]) max = l;
		}
		int[] out = map(labels.data(), keep, labels.planeSize(), progress);
		return new Labels(out, labels.width(), labels.height(), labels.depth(), labels.spacing(), max);
	}

	private static int[] map(int[] data, int[] lookup, int plane, Progress progress) {
		int[] out = new int[data.length];
		for (int start = 0; start < data.length; start += plane) {
			progress.checkCancelled();
			for (int i = start, end = Math.min(data.length, start + plane); i < end; i++) out[i] = lookup[data[i]];
		}
		return out;
	}

	private static long[] newLabelArray(Labels labels) {
		ImageChecks.requireMemory(8L * (labels.count() + 1L), "Counting labels up to " + labels.count());
		return new long[labels.count() + 1];
	}
}
