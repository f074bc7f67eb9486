package io.segkit.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.segkit.SegKitException;
import io.segkit.dataset.DatasetJson;
import io.segkit.dataset.Dimensions;
import io.segkit.nn.NetworkConfig;

/**
 * Turns a dataset fingerprint into plans the way nnU-Net v2's default {@code ExperimentPlanner} does
 * (nnunet-rules.md section 2): target spacing with the anisotropy rule, transpose, median shape after
 * resampling, initial patch, topology, VRAM-style estimate against the scaled reference, the shrink
 * loop, batch size, normalization and resampling. Numbers are rounded like Python/numpy: round() is
 * round-half-even ({@link Math#rint}), medians and percentiles interpolate linearly.
 */
public final class Planner {

	static final double ANISOTROPY_THRESHOLD = 3;
	static final double REFERENCE_3D = 560_000_000;
	static final double REFERENCE_2D = 85_000_000;
	static final double REFERENCE_GIGABYTES = 8;
	static final int REFERENCE_BATCH_3D = 2;
	static final int REFERENCE_BATCH_2D = 12;
	static final int BASE_FEATURES = 32;
	static final int CONVS_PER_STAGE = 2;
	static final int MIN_BATCH_SIZE = 2;
	static final double MAX_DATASET_COVERED = 0.05;
	static final double LOWRES_CREATION_THRESHOLD = 0.25;
	static final double LOWRES_SPACING_INCREASE = 1.03;

	private final MemoryBudget budget;
	private final boolean includeLowres;

	/** A planner for the budget; the low-resolution (cascade) configuration is left out. */
	public Planner(MemoryBudget budget) {
		this(budget, false);
	}

	/**
	 * @param includeLowres also put nnU-Net's "3d_lowres" configuration into the plans when nnU-Net
	 *        would make one (it is always computed, since it decides 3d_fullres's batch Dice)
	 */
	public Planner(MemoryBudget budget, boolean includeLowres) {
		this.budget = budget == null ? MemoryBudget.DEFAULT : budget;
		this.includeLowres = includeLowres;
	}

	public MemoryBudget budget() {
		return budget;
	}

	/** Plans "2d" and, unless the data are 2D, "3d_fullres" (and "3d_lowres" if asked and needed). */
	public Plans plan(Fingerprint fingerprint, DatasetJson dataset) {
		List<double[]> spacings = fingerprint.spacings();
		List<int[]> shapes = fingerprint.shapesAfterCrop();
		if (spacings.get(0).length != 3) throw new SegKitException("The fingerprint has " + spacings.get(0).length +
			" axes per case; the planner needs (z, y, x), with z size 1 for 2D images.");
		if (dataset.numTraining() < 1) throw new SegKitException(
			"dataset.json says numTraining = " + dataset.numTraining() + "; it must count the training cases.");
		if (fingerprint.intensityPerChannel().size() != dataset.numberOfChannels()) throw new SegKitException(
			"The fingerprint has intensities for " + fingerprint.intensityPerChannel().size() +
				" channel(s) but dataset.json names " + dataset.numberOfChannels() + ". Use files of the same dataset.");

		double[] target = targetSpacing(spacings, shapes);
		int[][] transpose = transpose(target);
		int[] forward = transpose[0];
		double[] spacingT = permute(target, forward);
		double[] medianShapeT = permute(medianShapeAfterResampling(spacings, shapes, target), forward);
		double approximateVoxels = product(medianShapeT) * dataset.numTraining();

		List<String> schemes = normalizationSchemes(dataset.channelNameList());
		boolean[] mask = useMaskForNorm(schemes, fingerprint.medianRelativeSizeAfterCropping(), dataset
			.useMaskForNorm());
		int classes = dataset.numberOfLabels();
		List<String> notes = new ArrayList<>();
		if (budget.device() == MemoryBudget.Device.CPU) notes.add("Planned for " + budget.gigabytes() +
			" GB of CPU memory: nnU-Net's GPU reference values (8 GB) were scaled to that RAM budget.");

		Map<String, Plan> configurations = new LinkedHashMap<>();
		Plan fullres = null;
		Plan lowres = null;
		if (Dimensions.isVolumetric(medianShapeT[0])) {
			Draft full = search(spacingT, medianShapeT, approximateVoxels, classes);
			Draft low = lowresSearch(full, spacingT, medianShapeT, dataset.numTraining(), classes);
			if (low != null) lowres = low.toPlan("3d_lowres", schemes, mask, false, "3d_cascade_fullres");
			fullres = full.toPlan("3d_fullres", schemes, mask, low != null, null);
			if (low != null && !includeLowres) notes.add(
				"nnU-Net would add a 3d_lowres (cascade) configuration here; SegKit leaves it out for now.");
		}
		Draft flat = search(Arrays.copyOfRange(spacingT, 1, 3), Arrays.copyOfRange(medianShapeT, 1, 3),
			approximateVoxels, classes);
		configurations.put("2d", flat.toPlan("2d", schemes, mask, true, null));
		if (lowres != null && includeLowres) configurations.put("3d_lowres", lowres);
		if (fullres != null) configurations.put("3d_fullres", fullres);

		double[] medianSpacing = new double[3];
		int[] medianShape = new int[3];
		for (int a = 0; a < 3; a++) {
			medianSpacing[a] = Stats.median(column(spacings, forward[a]));
			medianShape[a] = (int) Math.rint(Stats.median(shapeColumn(shapes, forward[a])));
		}
		String name = dataset.name() != null ? dataset.name() : "";
		return new Plans(name, medianSpacing, medianShape, readerWriterFor(dataset.fileEnding()), forward,
			transpose[1], configurations, fingerprint.intensityPerChannel(), budget, notes);
	}

	// ---- target spacing, transpose, median shape

	/**
	 * Per-axis median spacing; for strongly anisotropic data (largest spacing &gt; 3x the next AND that
	 * axis's median size x 3 &lt; the smallest other median size) the coarse axis takes the 10th
	 * percentile of its spacings, but at least the largest other spacing + 1e-5 (nnU-Net adds the 1e-5).
	 */
	public static double[] targetSpacing(List<double[]> spacings, List<int[]> shapes) {
		int dim = spacings.get(0).length;
		double[] target = new double[dim];
		double[] targetSize = new double[dim];
		for (int a = 0; a < dim; a++) {
			target[a] = Stats.percentile(column(spacings, a), 50); // np.percentile, not np.median
			targetSize[a] = Stats.percentile(shapeColumn(shapes, a), 50);
		}
		int worst = argmaxFirst(target);
		double maxOtherSpacing = Double.NEGATIVE_INFINITY;
		double minOtherSize = Double.POSITIVE_INFINITY;
		for (int a = 0; a < dim; a++) {
			if (a == worst) continue;
			maxOtherSpacing = Math.max(maxOtherSpacing, target[a]);
			minOtherSize = Math.min(minOtherSize, targetSize[a]);
		}
		boolean anisotropicSpacing = target[worst] > ANISOTROPY_THRESHOLD * maxOtherSpacing;
		boolean anisotropicVoxels = targetSize[worst] * ANISOTROPY_THRESHOLD < minOtherSize;
		if (anisotropicSpacing && anisotropicVoxels) {
			double t = Stats.percentile(column(spacings, worst), 10);
			if (t < maxOtherSpacing) t = Math.max(maxOtherSpacing, t) + 1e-5;
			target[worst] = t;
		}
		return target;
	}

	/**
	 * {forward, backward}: the axis with the largest target spacing first (first one on ties), the others
	 * in their order; backward is the inverse permutation.
	 */
	public static int[][] transpose(double[] targetSpacing) {
		int dim = targetSpacing.length;
		int first = argmaxFirst(targetSpacing);
		int[] forward = new int[dim];
		forward[0] = first;
		for (int a = 0, i = 1; a < dim; a++) {
			if (a != first) forward[i++] = a;
		}
		int[] backward = new int[dim];
		for (int i = 0; i < dim; i++) backward[forward[i]] = i;
		return new int[][] { forward, backward };
	}

	/** Per-axis median of the case shapes resampled to the target: round(spacing / target x size). */
	public static double[] medianShapeAfterResampling(List<double[]> spacings, List<int[]> shapes,
		double[] target)
	{
		int dim = target.length;
		double[] median = new double[dim];
		for (int a = 0; a < dim; a++) {
			double[] sizes = new double[shapes.size()];
			for (int i = 0; i < sizes.length; i++) {
				sizes[i] = Math.rint(spacings.get(i)[a] / target[a] * shapes.get(i)[a]);
			}
			median[a] = Stats.median(sizes);
		}
		return median;
	}

	// ---- one configuration

	/** The intermediate result of the patch/topology search for one configuration. */
	record Draft(double[] spacing, double[] medianShape, int[] patch, Topology topology, long estimate,
		int batchSize)
	{

		Plan toPlan(String name, List<String> schemes, boolean[] mask, boolean batchDice, String nextStage) {
			int stages = topology.stages();
			int[] convs = new int[stages];
			Arrays.fill(convs, CONVS_PER_STAGE);
			int[] convsDecoder = new int[stages - 1];
			Arrays.fill(convsDecoder, CONVS_PER_STAGE);
			return new Plan(name, batchSize, patch, medianShape, spacing, schemes, mask, features(stages,
				spacing.length), topology.kernelSizes(), topology.strides(), convs, convsDecoder, batchDice,
				nextStage, estimate);
		}
	}

	/**
	 * nnU-Net's get_plans_for_configuration without the bookkeeping: initial patch, topology, shrink
	 * while the estimate exceeds the budget, then the batch size.
	 */
	Draft search(double[] spacing, double[] medianShape, double approximateVoxels, int classes) {
		int dim = spacing.length;
		double[] patch = initialPatch(spacing, medianShape);
		Topology topology = Topology.of(spacing, patch);
		int[] current = topology.patchSize();
		long estimate = estimate(current, topology, dim, classes);
		double reference = referenceElements(dim, budget);
		int referenceBatch = referenceBatch(dim);
		// at least batch 2 must fit: nnU-Net compares estimate / ref_bs * 2 with the reference
		while (estimate / (double) referenceBatch * 2 > reference) {
			int axis = axisToShrink(current, medianShape);
			// shrink by the step valid AFTER shrinking (e.g. 256 -> 224, not 192): subtract the current
			// step, recompute the divisibility of that smaller patch, and subtract that step instead
			int[] trial = current.clone();
			trial[axis] -= topology.mustBeDivisibleBy()[axis];
			int step = Topology.of(spacing, trial).mustBeDivisibleBy()[axis];
			if (current[axis] - step < 1) throw new SegKitException("The memory budget of " + budget.gigabytes() +
				" GB is too small for even the smallest patch. Give more memory.");
			current[axis] -= step;
			topology = Topology.of(spacing, current);
			current = topology.patchSize();
			estimate = estimate(current, topology, dim, classes);
		}
		int batch = batchSize(estimate, current, approximateVoxels, budget);
		return new Draft(spacing.clone(), medianShape.clone(), current, topology, estimate, batch);
	}

	/** The reference feature-map elements scaled to the budget: 560e6 (3D) or 85e6 (2D) per 8 GB. */
	static double referenceElements(int dimensions, MemoryBudget budget) {
		return (dimensions == 3 ? REFERENCE_3D : REFERENCE_2D) * (budget.gigabytes() / REFERENCE_GIGABYTES);
	}

	static int referenceBatch(int dimensions) {
		return dimensions == 3 ? REFERENCE_BATCH_3D : REFERENCE_BATCH_2D;
	}

	/**
	 * round(reference / estimate x reference batch), at most round(5% of the dataset's voxels / patch
	 * voxels), at least 2.
	 */
	static int batchSize(long estimate, int[] patch, double approximateVoxels, MemoryBudget budget) {
		int dim = patch.length;
		int batch = (int) Math.rint(referenceElements(dim, budget) / estimate * referenceBatch(dim));
		int fivePercent = (int) Math.rint(approximateVoxels * MAX_DATASET_COVERED / product(patch));
		return Math.max(Math.min(batch, fivePercent), MIN_BATCH_SIZE);
	}

	/**
	 * Aspect ratio 1/spacing scaled to the volume of a 256^3 (3D) or 2048^2 (2D) patch, rounded
	 * half-even, then clipped per axis to the (possibly fractional) median shape.
	 */
	static double[] initialPatch(double[] spacing, double[] medianShape) {
		int dim = spacing.length;
		double[] inverse = new double[dim];
		double product = 1;
		for (int a = 0; a < dim; a++) {
			inverse[a] = 1 / spacing[a];
			product *= inverse[a];
		}
		double scale = dim == 3 ? Math.pow(Math.pow(256, 3) / product, 1.0 / 3) : Math.pow(Math.pow(2048, 2) /
			product, 1.0 / 2);
		double[] patch = new double[dim];
		for (int a = 0; a < dim; a++) patch[a] = Math.min(Math.rint(inverse[a] * scale), medianShape[a]);
		return patch;
	}

	/**
	 * The axis whose patch is largest relative to the median shape; on ties the last one (numpy's
	 * argsort of a short array keeps tied axes in order and nnU-Net takes the last entry).
	 */
	static int axisToShrink(int[] patch, double[] medianShape) {
		int best = 0;
		double bestRatio = Double.NEGATIVE_INFINITY;
		for (int a = 0; a < patch.length; a++) {
			double ratio = patch[a] / medianShape[a];
			if (ratio >= bestRatio) {
				bestRatio = ratio;
				best = a;
			}
		}
		return best;
	}

	/** Features per stage: 32 doubling per stage, capped (NetworkConfig.maxFeatures: 320 in 3D, 512 in 2D). */
	static int[] features(int stages, int dim) {
		return NetworkConfig.doublingFeatures(BASE_FEATURES, stages, dim);
	}

	static long estimate(int[] patch, Topology topology, int dim, int classes) {
		return estimateFeatureMapElements(patch, topology.strides(), features(topology.stages(), dim), classes);
	}

	/** {@link #estimateFeatureMapElements(int[], int[][], int[], int[], int[], int)} with the planner's two convs. */
	public static long estimateFeatureMapElements(int[] patch, int[][] strides, int[] features, int classes) {
		int stages = strides.length;
		int[] convs = new int[stages];
		Arrays.fill(convs, CONVS_PER_STAGE);
		int[] convsDecoder = new int[Math.max(0, stages - 1)];
		Arrays.fill(convsDecoder, CONVS_PER_STAGE);
		return estimateFeatureMapElements(patch, strides, features, convs, convsDecoder, classes);
	}

	/**
	 * The plain U-Net's compute_conv_feature_map_size for one sample (deep supervision off, as nnU-Net
	 * builds the network for the estimate): every encoder convolution outputs features x voxels at its
	 * stage's resolution; each decoder stage adds its convolutions and its transposed convolution (both
	 * at the skip's resolution and width); the final 1x1 head adds classes x voxels at full resolution.
	 * Sizes are divided by the strides with floor division.
	 */
	public static long estimateFeatureMapElements(int[] patch, int[][] strides, int[] features, int[] convsPerStage,
		int[] convsPerStageDecoder, int classes)
	{
		int stages = strides.length;
		long[] voxels = new long[stages];
		long[] size = new long[patch.length];
		for (int a = 0; a < patch.length; a++) size[a] = patch[a];
		long total = 0;
		for (int s = 0; s < stages; s++) {
			long v = 1;
			for (int a = 0; a < size.length; a++) {
				size[a] /= strides[s][a];
				v *= size[a];
			}
			voxels[s] = v;
			total += (long) convsPerStage[s] * features[s] * v;
		}
		for (int s = 0; s < stages - 1; s++) {
			int skip = stages - 2 - s;
			total += (long) convsPerStageDecoder[s] * features[skip] * voxels[skip]; // convolutions
			total += (long) features[skip] * voxels[skip]; // transposed convolution
			if (s == stages - 2) total += (long) classes * voxels[skip]; // segmentation head
		}
		return total;
	}

	// ---- 3d_lowres (nnU-Net's loop; decides whether 3d_fullres uses batch Dice)

	private Draft lowresSearch(Draft fullres, double[] fullresSpacing, double[] medianShape, int numTraining,
		int classes)
	{
		double medianVoxels = product(medianShape);
		double patchVoxels = product(fullres.patch());
		double[] spacing = fullresSpacing.clone();
		Draft lowres = null;
		while (patchVoxels / medianVoxels < LOWRES_CREATION_THRESHOLD) {
			// coarsen the fine axes first until they are within 2x of the coarsest, then all together
			double max = Arrays.stream(spacing).max().getAsDouble();
			boolean anyFarBelow = false;
			for (double s : spacing) anyFarBelow |= max / s > 2;
			for (int a = 0; a < spacing.length; a++) {
				if (!anyFarBelow || max / spacing[a] > 2) spacing[a] *= LOWRES_SPACING_INCREASE;
			}
			double[] shape = new double[spacing.length];
			medianVoxels = 1;
			for (int a = 0; a < spacing.length; a++) {
				double exact = fullresSpacing[a] / spacing[a] * medianShape[a];
				medianVoxels *= exact;
				shape[a] = Math.rint(exact);
			}
			lowres = search(spacing, shape, medianVoxels * numTraining, classes);
			patchVoxels = product(lowres.patch());
		}
		if (product(medianShape) / medianVoxels < 2) return null;
		return lowres;
	}

	// ---- normalization and helpers

	/** nnU-Net's channel name mapping: "CT" -> CT normalization, a few special names, else z-score. */
	public static List<String> normalizationSchemes(List<String> channelNames) {
		List<String> out = new ArrayList<>();
		for (String name : channelNames) {
			out.add(switch (name) {
				case "CT" -> "CTNormalization";
				case "noNorm" -> "NoNormalization";
				case "rescale_0_1" -> "RescaleTo01Normalization";
				case "rgb_to_0_1" -> "RGBTo01Normalization";
				default -> "ZScoreNormalization";
			});
		}
		return out;
	}

	/**
	 * Normalize inside the nonzero mask when cropping removed more than a quarter of the volume (median
	 * relative size &lt; 0.75) or dataset.json asks for it; only z-score leaves the outside at zero, so
	 * only z-score channels use the mask.
	 */
	public static boolean[] useMaskForNorm(List<String> schemes, double medianRelativeSize, Boolean forced) {
		boolean useMask = medianRelativeSize < 0.75 || Boolean.TRUE.equals(forced);
		boolean[] out = new boolean[schemes.size()];
		for (int c = 0; c < out.length; c++) out[c] = useMask && schemes.get(c).equals("ZScoreNormalization");
		return out;
	}

	static String readerWriterFor(String fileEnding) {
		String e = fileEnding == null ? "" : fileEnding.toLowerCase();
		if (e.endsWith(".tif") || e.endsWith(".tiff")) return "Tiff3DIO";
		if (e.endsWith(".png") || e.endsWith(".bmp") || e.endsWith(".jpg") || e.endsWith(".jpeg")) {
			return "NaturalImage2DIO";
		}
		return "SimpleITKIO";
	}

	private static double[] permute(double[] values, int[] order) {
		double[] out = new double[order.length];
		for (int i = 0; i < order.length; i++) out[i] = values[order[i]];
		return out;
	}

	private static double product(double[] values) {
		double p = 1;
		for (double v : values) p *= v;
		return p;
	}

	private static double product(int[] values) {
		double p = 1;
		for (int v : values) p *= v;
		return p;
	}

	private static int argmaxFirst(double[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) {
			if (values[i] > values[best]) best = i;
		}
		return best;
	}

	private static double[] column(List<double[]> rows, int axis) {
		double[] out = new double[rows.size()];
		for (int i = 0; i < out.length; i++) out[i] = rows.get(i)[axis];
		return out;
	}

	private static double[] shapeColumn(List<int[]> rows, int axis) {
		double[] out = new double[rows.size()];
		for (int i = 0; i < out.length; i++) out[i] = rows.get(i)[axis];
		return out;
	}
}
