package io.segkit.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.distance.DistanceTransform;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;

/**
 * Per-case, per-class scores of a predicted label image against its reference: Dice, IoU and the
 * 95th-percentile Hausdorff distance (HD95).
 * <p>
 * Conventions (nnU-Net's for Dice/IoU, the common one for HD95):
 * <ul>
 * <li>A class absent from both prediction and reference has Dice, IoU and HD95 NaN; means skip NaN
 * (nnU-Net reports NaN and takes nanmean), so an empty-and-correct case neither helps nor hurts.</li>
 * <li>A class absent from exactly one of them has Dice 0, IoU 0 and HD95 equal to the image diagonal
 * (the largest distance the image allows), so the miss counts against the mean instead of vanishing.</li>
 * <li>The surface of a class is its voxels with a face neighbour outside the class; outside the image
 * counts as outside. HD95 is symmetric: the larger of the two directed 95th percentiles (prediction
 * surface to the nearest reference surface voxel and back), in calibrated units of the spacing, with
 * numpy's linear percentile. In 2D (depth 1) only x and y matter.</li>
 * </ul>
 */
public final class SegmentationMetrics {

	/** The not-annotated value of a dense reference: no voxel has it. */
	public static final int NONE = Integer.MIN_VALUE;

	private SegmentationMetrics() {}

	/** Dice, IoU and (if {@code withHd95}) HD95 of every class in {@code classes}. */
	public static CaseMetrics evaluate(String caseName, Labels predicted, Labels reference, int[] classes,
		boolean withHd95, Progress progress)
	{
		requireSameShape(caseName, predicted, reference);
		long[][] counts = counts(predicted.data(), reference.data(), classes, NONE);
		List<ClassMetrics> out = new ArrayList<>();
		for (int c = 0; c < classes.length; c++) {
			progress.checkCancelled();
			long tp = counts[c][0], fp = counts[c][1], fn = counts[c][2];
			double hd = withHd95 ? hd95(predicted, reference, classes[c], tp + fp, tp + fn, progress) : Double.NaN;
			out.add(ClassMetrics.of(classes[c], tp, fp, fn, hd));
		}
		return new CaseMetrics(caseName, out);
	}

	/** Dice per class (NaN where the class is absent from both); no distances, so it is fast. */
	public static double[] dice(int[] predicted, int[] reference, int[] classes) {
		return dice(predicted, reference, classes, NONE);
	}

	/**
	 * Dice per class over the annotated voxels only: voxels whose reference is {@code notAnnotated} (sparse
	 * annotation; {@link #NONE} for dense references) count for no class.
	 */
	public static double[] dice(int[] predicted, int[] reference, int[] classes, int notAnnotated) {
		if (predicted.length != reference.length) throw new IllegalArgumentException("Sizes differ");
		long[][] counts = counts(predicted, reference, classes, notAnnotated);
		double[] out = new double[classes.length];
		for (int c = 0; c < classes.length; c++) out[c] = ClassMetrics.of(classes[c], counts[c][0], counts[c][1],
			counts[c][2], Double.NaN).dice();
		return out;
	}

	/**
	 * {TP, FP, FN} per class, in one pass over the voxels. Values that are not in {@code classes} count
	 * as background for every class.
	 */
	static long[][] counts(int[] predicted, int[] reference, int[] classes, int notAnnotated) {
		int[] index = classIndex(classes);
		long[][] counts = new long[classes.length][3];
		for (int i = 0; i < predicted.length; i++) {
			if (reference[i] == notAnnotated) continue;
			int p = indexOf(index, predicted[i]);
			int r = indexOf(index, reference[i]);
			if (p == r) {
				if (p >= 0) counts[p][0]++;
				continue;
			}
			if (p >= 0) counts[p][1]++;
			if (r >= 0) counts[r][2]++;
		}
		return counts;
	}

	private static int[] classIndex(int[] classes) {
		int max = 0;
		for (int c : classes) {
			if (c < 1) throw new IllegalArgumentException("Classes are label values >= 1, not " + c);
			max = Math.max(max, c);
		}
		int[] index = new int[max + 1];
		Arrays.fill(index, -1);
		for (int c = 0; c < classes.length; c++) index[classes[c]] = c;
		return index;
	}

	private static int indexOf(int[] index, int value) {
		return value > 0 && value < index.length ? index[value] : -1;
	}

	// ---- HD95

	private static double hd95(Labels predicted, Labels reference, int label, long predictedVoxels,
		long referenceVoxels, Progress progress)
	{
		if (predictedVoxels == 0 && referenceVoxels == 0) return Double.NaN;
		if (predictedVoxels == 0 || referenceVoxels == 0) return diagonal(reference);
		int w = reference.width(), h = reference.height(), d = reference.depth();
		byte[] a = surface(mask(predicted.data(), label), w, h, d);
		byte[] b = surface(mask(reference.data(), label), w, h, d);
		return hd95(a, b, w, h, d, reference.spacing(), progress);
	}

	/**
	 * Symmetric HD95 between two non-empty surfaces (1 = surface voxel): the larger of the two directed
	 * 95th percentiles of the distance from a surface voxel to the nearest voxel of the other surface.
	 */
	public static double hd95(byte[] surfaceA, byte[] surfaceB, int w, int h, int d, Spacing spacing,
		Progress progress)
	{
		return Math.max(directedPercentile(surfaceA, surfaceB, w, h, d, spacing, progress), directedPercentile(
			surfaceB, surfaceA, w, h, d, spacing, progress));
	}

	private static double directedPercentile(byte[] from, byte[] to, int w, int h, int d, Spacing spacing,
		Progress progress)
	{
		byte[] awayFromTarget = new byte[to.length];
		for (int i = 0; i < to.length; i++) awayFromTarget[i] = (byte) (to[i] == 0 ? 1 : 0);
		float[] distance = DistanceTransform.compute(awayFromTarget, w, h, d, spacing, progress);
		int n = 0;
		for (byte v : from) n += v;
		float[] values = new float[n];
		for (int i = 0, k = 0; i < from.length; i++) if (from[i] != 0) values[k++] = distance[i];
		return Means.percentile(values, 95);
	}

	static byte[] mask(int[] labels, int label) {
		byte[] mask = new byte[labels.length];
		for (int i = 0; i < labels.length; i++) if (labels[i] == label) mask[i] = 1;
		return mask;
	}

	/** The voxels of {@code mask} with a face neighbour outside it (the image border counts as outside). */
	public static byte[] surface(byte[] mask, int w, int h, int d) {
		byte[] out = new byte[mask.length];
		int plane = w * h;
		IntStream.range(0, d).parallel().forEach(z -> {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int i = z * plane + y * w + x;
					if (mask[i] != 0 && touchesOutside(mask, i, x, y, z, w, h, d)) out[i] = 1;
				}
			}
		});
		return out;
	}

	private static boolean touchesOutside(byte[] mask, int i, int x, int y, int z, int w, int h, int d) {
		if (x == 0 || x == w - 1 || y == 0 || y == h - 1) return true;
		if (mask[i - 1] == 0 || mask[i + 1] == 0 || mask[i - w] == 0 || mask[i + w] == 0) return true;
		if (d == 1) return false;
		int plane = w * h;
		return z == 0 || z == d - 1 || mask[i - plane] == 0 || mask[i + plane] == 0;
	}

	/** The largest distance between two voxel centres of the image, in calibrated units. */
	static double diagonal(Labels image) {
		Spacing s = image.spacing();
		double x = (image.width() - 1) * s.x(), y = (image.height() - 1) * s.y();
		double z = image.depth() > 1 ? (image.depth() - 1) * s.z() : 0;
		return Math.sqrt(x * x + y * y + z * z);
	}

	private static void requireSameShape(String caseName, Labels predicted, Labels reference) {
		if (predicted.width() != reference.width() || predicted.height() != reference.height() || predicted
			.depth() != reference.depth()) throw new SegKitException("In case '" + caseName + "' the prediction is " +
				predicted.width() + " x " + predicted.height() + " x " + predicted.depth() + " but the reference is " +
				reference.width() + " x " + reference.height() + " x " + reference.depth() +
				". Compare images of the same size.");
	}
}
