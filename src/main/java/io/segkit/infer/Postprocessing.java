package io.segkit.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.labels.LabelTools;
import io.segkit.eval.SegmentationMetrics;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;

/**
 * Connected-component postprocessing of predicted label maps (0 = background, 1, 2, ... = classes)
 * and nnU-Net's rule for choosing it on cross-validation (nnunet-rules.md section 4).
 * <p>
 * Operations, each returning a new array (the input is never changed):
 * <ul>
 * <li>{@link #keepLargestForeground}: only the largest connected component of all foreground stays
 * (with its classes); every other foreground voxel becomes background.</li>
 * <li>{@link #keepLargestPerClass}: for each given class only its largest component stays.</li>
 * <li>{@link #removeSmallComponents}: components (of one class each) below a size become background.</li>
 * </ul>
 * Label maps come as {@link Labels}, or as byte/short arrays of shape {Z, Y, X} or {Y, X} (values
 * read unsigned). Components are found by {@link ConnectedComponents}; the default connectivity is
 * the faces one (6, in 2D 4), as scipy's {@code label} uses by default. Ties between equally large
 * components keep the first in raster order.
 */
public final class Postprocessing {

	/** Face connectivity: 6 in 3D, which acts as 4 on a single plane. */
	public static final Connectivity DEFAULT_CONNECTIVITY = Connectivity.C6;

	private Postprocessing() {}

	// ---- the operations on Labels

	public static Labels keepLargestForeground(Labels labels, Connectivity connectivity) {
		return withData(labels, keepLargest(labels, v -> v > 0, connectivity));
	}

	public static Labels keepLargestPerClass(Labels labels, int[] classes, Connectivity connectivity) {
		int[] data = labels.data();
		for (int c : classes) data = keepLargest(withData(labels, data), v -> v == c, connectivity);
		return withData(labels, data);
	}

	/** Removes every component (of one class) with fewer than {@code minimumVoxels} voxels. */
	public static Labels removeSmallComponents(Labels labels, long minimumVoxels, Connectivity connectivity) {
		if (minimumVoxels < 0) throw new SegKitException("The minimum size must be 0 or more voxels, not " +
			minimumVoxels + ".");
		int[] data = labels.data();
		for (int c : presentClasses(data)) data = removeSmall(withData(labels, data), c, minimumVoxels, connectivity);
		return withData(labels, data);
	}

	/**
	 * Removes every component smaller than {@code minimumSize} in calibrated units (area in 2D,
	 * volume in 3D), measured as {@link LabelTools#filterBySize} measures.
	 */
	public static Labels removeSmallComponentsCalibrated(Labels labels, double minimumSize,
		Connectivity connectivity)
	{
		LabelTools.checkSizeRange(minimumSize, Double.POSITIVE_INFINITY);
		double voxels = minimumSize / LabelTools.voxelSize(labels);
		return removeSmallComponents(labels, (long) Math.ceil(voxels - 1e-9), connectivity);
	}

	/** Applies a decision (largest foreground first, then per class). */
	public static Labels apply(PostprocessingDecision decision, Labels labels) {
		Connectivity c = decision.connectivity();
		Labels out = decision.keepLargestForeground() ? keepLargestForeground(labels, c) : labels;
		return decision.keepLargestClasses().length == 0 ? out : keepLargestPerClass(out, decision
			.keepLargestClasses(), c);
	}

	// ---- the same on byte/short arrays of shape {Z, Y, X} or {Y, X}

	public static byte[] keepLargestForeground(byte[] labels, int[] shape, Connectivity connectivity) {
		return LabelArrays.toBytes(keepLargestForeground(LabelArrays.of(labels, shape), connectivity));
	}

	public static short[] keepLargestForeground(short[] labels, int[] shape, Connectivity connectivity) {
		return LabelArrays.toShorts(keepLargestForeground(LabelArrays.of(labels, shape), connectivity));
	}

	public static byte[] keepLargestPerClass(byte[] labels, int[] shape, int[] classes, Connectivity connectivity) {
		return LabelArrays.toBytes(keepLargestPerClass(LabelArrays.of(labels, shape), classes, connectivity));
	}

	public static short[] keepLargestPerClass(short[] labels, int[] shape, int[] classes,
		Connectivity connectivity)
	{
		return LabelArrays.toShorts(keepLargestPerClass(LabelArrays.of(labels, shape), classes, connectivity));
	}

	public static byte[] removeSmallComponents(byte[] labels, int[] shape, long minimumVoxels,
		Connectivity connectivity)
	{
		return LabelArrays.toBytes(removeSmallComponents(LabelArrays.of(labels, shape), minimumVoxels,
			connectivity));
	}

	public static short[] removeSmallComponents(short[] labels, int[] shape, long minimumVoxels,
		Connectivity connectivity)
	{
		return LabelArrays.toShorts(removeSmallComponents(LabelArrays.of(labels, shape), minimumVoxels,
			connectivity));
	}

	public static byte[] apply(PostprocessingDecision decision, byte[] labels, int[] shape) {
		return LabelArrays.toBytes(apply(decision, LabelArrays.of(labels, shape)));
	}

	public static short[] apply(PostprocessingDecision decision, short[] labels, int[] shape) {
		return LabelArrays.toShorts(apply(decision, LabelArrays.of(labels, shape)));
	}

	// ---- nnU-Net's decision rule

	/**
	 * Chooses the postprocessing on validation predictions and their references: keep only the largest
	 * foreground component if that raises the mean foreground Dice (mean over classes of the per-class
	 * mean Dice) and lowers no class's mean Dice; then, on top of what was chosen, keep the largest
	 * component of a class if that raises that class's mean Dice (with one class only the first step,
	 * as in nnU-Net, since the two are the same). Improvements must be strict, so
	 * postprocessing that changes nothing is not chosen. Means skip cases where a class is absent from
	 * both prediction and reference.
	 */
	public static PostprocessingDecision decide(List<Labels> predictions, List<Labels> references, int[] classes,
		Connectivity connectivity, Progress progress)
	{
		return decide(predictions, references, classes, SegmentationMetrics.NONE, connectivity, progress);
	}

	/**
	 * As {@link #decide(List, List, int[], Connectivity, Progress)} for sparse references: Dice is counted only where
	 * the reference is not {@code notAnnotated}, while the components are those of the whole prediction.
	 */
	public static PostprocessingDecision decide(List<Labels> predictions, List<Labels> references, int[] classes,
		int notAnnotated, Connectivity connectivity, Progress progress)
	{
		requirePairs(predictions, references);
		List<Labels> current = predictions;
		double[] before = meanDicePerClass(current, references, classes, notAnnotated);
		double start = mean(before);
		List<Labels> largest = map(current, l -> keepLargestForeground(l, connectivity), progress);
		double[] after = meanDicePerClass(largest, references, classes, notAnnotated);
		boolean foreground = mean(after) > start && noneWorse(after, before);
		if (foreground) {
			current = largest;
			before = after;
		}
		List<Integer> chosen = new ArrayList<>();
		for (int c = 0; classes.length > 1 && c < classes.length; c++) {
			int[] one = { classes[c] };
			List<Labels> trial = map(current, l -> keepLargestPerClass(l, one, connectivity), progress);
			double[] trialDice = meanDicePerClass(trial, references, classes, notAnnotated);
			if (trialDice[c] > before[c]) {
				chosen.add(classes[c]);
				current = trial;
				before = trialDice;
			}
		}
		return new PostprocessingDecision(foreground, chosen.stream().mapToInt(Integer::intValue).toArray(),
			connectivity, start, mean(before));
	}

	/** Per class the mean Dice over the cases (NaN cases skipped). */
	static double[] meanDicePerClass(List<Labels> predictions, List<Labels> references, int[] classes,
		int notAnnotated)
	{
		double[] sum = new double[classes.length];
		int[] n = new int[classes.length];
		for (int i = 0; i < predictions.size(); i++) {
			double[] dice = SegmentationMetrics.dice(predictions.get(i).data(), references.get(i).data(), classes,
				notAnnotated);
			for (int c = 0; c < classes.length; c++) {
				if (Double.isNaN(dice[c])) continue;
				sum[c] += dice[c];
				n[c]++;
			}
		}
		double[] out = new double[classes.length];
		for (int c = 0; c < classes.length; c++) out[c] = n[c] == 0 ? Double.NaN : sum[c] / n[c];
		return out;
	}

	private static boolean noneWorse(double[] after, double[] before) {
		for (int c = 0; c < after.length; c++) {
			if (after[c] < before[c]) return false;
		}
		return true;
	}

	private static double mean(double[] values) {
		return Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
	}

	private static List<Labels> map(List<Labels> in, java.util.function.UnaryOperator<Labels> op,
		Progress progress)
	{
		List<Labels> out = new ArrayList<>();
		for (Labels l : in) {
			progress.checkCancelled();
			out.add(op.apply(l));
		}
		return out;
	}

	private static void requirePairs(List<Labels> predictions, List<Labels> references) {
		if (predictions.isEmpty() || predictions.size() != references.size()) throw new SegKitException(
			"Choosing the postprocessing needs one reference per prediction (got " + predictions.size() +
				" predictions and " + references.size() + " references).");
		for (int i = 0; i < predictions.size(); i++) {
			Labels p = predictions.get(i), r = references.get(i);
			if (p.width() != r.width() || p.height() != r.height() || p.depth() != r.depth()) throw new SegKitException(
				"Validation case " + (i + 1) + ": the prediction and its reference differ in size.");
		}
	}

	// ---- shared steps

	/**
	 * A copy of the data in which, of the voxels whose value passes {@code member}, only the largest
	 * component stays; the others become 0.
	 */
	private static int[] keepLargest(Labels labels, IntPredicate member, Connectivity connectivity) {
		int[] data = labels.data();
		Labels components = components(labels, member, connectivity);
		long[] sizes = LabelTools.voxelCounts(components, Progress.NONE);
		int largest = 0;
		long largestSize = 0;
		for (int l = 1; l < sizes.length; l++) {
			if (sizes[l] > largestSize) {
				largest = l;
				largestSize = sizes[l];
			}
		}
		int[] out = data.clone();
		int[] component = components.data();
		for (int i = 0; i < out.length; i++) if (component[i] != 0 && component[i] != largest) out[i] = 0;
		return out;
	}

	private static int[] removeSmall(Labels labels, int label, long minimumVoxels, Connectivity connectivity) {
		Labels components = components(labels, v -> v == label, connectivity);
		long[] sizes = LabelTools.voxelCounts(components, Progress.NONE);
		int[] out = labels.data().clone();
		int[] component = components.data();
		for (int i = 0; i < out.length; i++) if (component[i] != 0 && sizes[component[i]] < minimumVoxels) out[i] = 0;
		return out;
	}

	private static Labels components(Labels labels, IntPredicate member, Connectivity connectivity) {
		int[] data = labels.data();
		byte[] mask = new byte[data.length];
		for (int i = 0; i < data.length; i++) if (member.test(data[i])) mask[i] = 1;
		return ConnectedComponents.label(mask, labels.width(), labels.height(), labels.depth(), labels.spacing(),
			connectivity, Progress.NONE);
	}

	private static int[] presentClasses(int[] data) {
		return Arrays.stream(data).filter(v -> v > 0).distinct().sorted().toArray();
	}

	private static Labels withData(Labels like, int[] data) {
		return new Labels(data, like.width(), like.height(), like.depth(), like.spacing(), like.count());
	}

	/** Conversions between byte/short label arrays of shape {Z, Y, X} or {Y, X} and {@link Labels}. */
	static final class LabelArrays {

		private LabelArrays() {}

		static Labels of(byte[] values, int[] shape) {
			int[] data = new int[values.length];
			for (int i = 0; i < data.length; i++) data[i] = values[i] & 0xff;
			return wrap(data, shape);
		}

		static Labels of(short[] values, int[] shape) {
			int[] data = new int[values.length];
			for (int i = 0; i < data.length; i++) data[i] = values[i] & 0xffff;
			return wrap(data, shape);
		}

		static byte[] toBytes(Labels labels) {
			int[] data = labels.data();
			byte[] out = new byte[data.length];
			for (int i = 0; i < data.length; i++) out[i] = (byte) data[i];
			return out;
		}

		static short[] toShorts(Labels labels) {
			int[] data = labels.data();
			short[] out = new short[data.length];
			for (int i = 0; i < data.length; i++) out[i] = (short) data[i];
			return out;
		}

		private static Labels wrap(int[] data, int[] shape) {
			if (shape.length < 2 || shape.length > 3) throw new IllegalArgumentException(
				"Shape must be {Z, Y, X} or {Y, X}, not " + Arrays.toString(shape));
			int d = shape.length == 3 ? shape[0] : 1;
			int h = shape[shape.length - 2], w = shape[shape.length - 1];
			if ((long) w * h * d != data.length) throw new IllegalArgumentException("Shape " + Arrays.toString(shape) +
				" does not match " + data.length + " voxels");
			int max = Arrays.stream(data).max().orElse(0);
			return new Labels(data, w, h, d, Spacing.UNIT, max);
		}
	}
}
