package io.segkit.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.segkit.SegKitException;
import io.segkit.dataset.TrainingCase;
import io.segkit.dataset.TrainingCases;
import io.segkit.image.Resampling;
import io.segkit.image.Volume;
import io.segkit.model.ChannelNormalization;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.model.TrainingSummary;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.plan.IntensityStats;
import io.segkit.plan.Plan;
import io.segkit.plan.Planner;
import io.segkit.plan.Plans;
import io.segkit.plan.Topology;

/**
 * The one place where the description of a model to train ({@link ModelSpec}: network, patch, voxel size,
 * normalization) is made, from a planned nnU-Net configuration (Auto-Train, a plans file) or from the choices of
 * Train Segmentation Model. {@link Trainer} trains exactly the description it is given.
 */
public final class ModelDesign {

	/** The largest patch "automatic" picks: (y, x) for 2D, (z, y, x) for 3D, sized for a CPU. */
	static final int[] LARGEST_AUTOMATIC_PATCH_2D = {128, 128}, LARGEST_AUTOMATIC_PATCH_3D = {32, 64, 64};

	/** Patches below this size per axis are too small to train on. */
	public static final int MIN_PATCH = 8;

	/**
	 * What Train Segmentation Model lets the user choose about the network.
	 *
	 * @param dims 2 (slice by slice) or 3
	 * @param baseFeatures features of the first stage; they double at every stage up to the cap
	 * @param stages resolution stages
	 * @param patch (y, x) or (z, y, x), or null for an automatic patch
	 */
	public record Choices(int dims, Architecture architecture, int baseFeatures, int stages, int[] patch) {}

	private ModelDesign() {}

	/**
	 * A configuration of a plan as a model: its kernels, strides, patch and spacing exactly, its features narrowed
	 * by {@code width}, its normalization. The planner works in its transposed axis order (coarsest axis first);
	 * the model is described in the image's own (z, y, x) order, the same network with its per-axis values
	 * permuted back.
	 */
	public static ModelSpec fromPlan(Plans plans, String configuration, Architecture architecture, NetworkSize width,
			String name, List<String> channelNames, List<String> classNames, String unit) {
		Plan plan = plans.configuration(configuration);
		if (plan == null) throw new SegKitException("There is no '" + configuration + "' configuration in the plan "
			+ "(available: " + plans.configurations().keySet() + ").");
		int[] axes = originalAxes(plans.transposeForward(), plan.dimensions());
		int stages = plan.stages();
		int[][] kernels = new int[stages][];
		int[][] strides = new int[stages][];
		for (int s = 0; s < stages; s++) {
			kernels[s] = untranspose(plan.kernelSizes()[s], axes);
			strides[s] = untranspose(plan.strides()[s], axes);
		}
		NetworkConfig network = new NetworkConfig(architecture, plan.dimensions(), channelNames.size(),
			classNames.size(), width.apply(plan.featuresPerStage()), kernels, strides, true);
		return new ModelSpec(name, network, channelNames, classNames, untranspose(plan.patchSize(), axes),
			untranspose(plan.spacing(), axes), unit, normalizations(plan, plans), TrainingSummary.none(),
			ModelBundle.segkitVersion());
	}

	/**
	 * The model Train Segmentation Model's choices describe: voxel size = nnU-Net's target spacing of the cases,
	 * the given or an automatic patch, nnU-Net's topology for that patch and spacing (its first {@code stages}
	 * stages, the last with 3-wide kernels), features doubling from the base, z-score normalization per channel.
	 * The patch is rounded up to a multiple of the network's down-sampling.
	 */
	public static ModelSpec fromChoices(String name, List<TrainingCase> cases, List<String> classNames, Choices c) {
		int channels = TrainingCases.channels(cases);
		double[] spacing = targetSpacing(cases, c.dims());
		int[] patch = c.patch() != null ? requirePatch(c.patch(), c.dims()) : automaticPatch(cases, spacing, c
			.dims() == 3 ? LARGEST_AUTOMATIC_PATCH_3D : LARGEST_AUTOMATIC_PATCH_2D);
		int[] features = NetworkConfig.doublingFeatures(c.baseFeatures(), c.stages(), c.dims());
		NetworkConfig network = network(c.architecture(), channels, classNames.size(), features, spacing, patch);
		List<String> channelNames = new ArrayList<>();
		List<ChannelNormalization> norms = new ArrayList<>();
		for (int k = 1; k <= channels; k++) {
			channelNames.add("channel " + k);
			norms.add(ChannelNormalization.zScore());
		}
		String unit = cases.get(0).channels().get(0).spacing().unit();
		return new ModelSpec(name, network, channelNames, classNames, roundedPatch(patch, network), spacing, unit,
			norms, null, ModelBundle.segkitVersion());
	}

	/**
	 * As many stages as feature counts; strides and kernels from nnU-Net's topology rule for the patch and spacing
	 * (its first stages), the bottleneck kernel 3.
	 */
	static NetworkConfig network(Architecture architecture, int inChannels, int classes, int[] features,
			double[] spacing, int[] patch) {
		int stages = features.length;
		int dims = patch.length;
		Topology t = Topology.of(spacing, patch);
		if (t.stages() < stages) {
			throw new SegKitException("The patch " + Arrays.toString(patch) + " is too small for " + stages
				+ " network stages (it can be halved only " + (t.stages() - 1) + " times). Use a larger patch or fewer "
				+ "stages.");
		}
		int[][] strides = Arrays.copyOf(t.strides(), stages);
		int[][] kernels = Arrays.copyOf(t.kernelSizes(), stages);
		kernels[stages - 1] = new int[dims];
		Arrays.fill(kernels[stages - 1], 3);
		return new NetworkConfig(architecture, dims, inChannels, classes, features, kernels, strides,
			architecture != Architecture.UNET_2015);
	}

	/** The patch rounded up to a multiple of the network's total stride. */
	static int[] roundedPatch(int[] patch, NetworkConfig network) {
		int[] p = patch.clone();
		int[] stride = network.totalStride();
		for (int a = 0; a < p.length; a++) p[a] = (p[a] + stride[a] - 1) / stride[a] * stride[a];
		return p;
	}

	private static int[] requirePatch(int[] patch, int dims) {
		if (patch.length != dims) throw new SegKitException("A " + dims + "D network needs a patch of " + dims
			+ " sizes (" + (dims == 3 ? "z, y, x" : "y, x") + "), not " + Arrays.toString(patch) + ".");
		for (int size : patch) if (size < MIN_PATCH) throw new SegKitException("Patch sizes below " + MIN_PATCH
			+ " are too small to train on: " + Arrays.toString(patch) + ".");
		return patch.clone();
	}

	/** The voxel size the model works at: nnU-Net's target spacing of the cases, (z, y, x) or (y, x). */
	public static double[] targetSpacing(List<TrainingCase> cases, int dims) {
		List<double[]> spacings = new ArrayList<>();
		List<int[]> shapes = new ArrayList<>();
		for (TrainingCase c : cases) {
			Volume v = c.labels();
			spacings.add(c.channels().get(0).spacing().zyx());
			shapes.add(new int[] {v.depth(), v.height(), v.width()});
		}
		double[] zyx = Planner.targetSpacing(spacings, shapes);
		return dims == 3 ? zyx : new double[] {zyx[1], zyx[2]};
	}

	/**
	 * A patch no larger than {@code largest} nor than the cases' median size at the target spacing (rounded up to
	 * a multiple of 16 per axis, so that a few down-sampling stages fit).
	 */
	static int[] automaticPatch(List<TrainingCase> cases, double[] spacing, int[] largest) {
		int dims = largest.length;
		int[][] sizes = new int[dims][cases.size()];
		for (int i = 0; i < cases.size(); i++) {
			Volume v = cases.get(i).labels();
			int[] shape = {v.depth(), v.height(), v.width()};
			double[] target = dims == 3 ? spacing : new double[] {v.spacing().z(), spacing[0], spacing[1]};
			int[] resampled = Resampling.shapeAtSpacing(shape, v.spacing().zyx(), target);
			for (int a = 0; a < dims; a++) sizes[a][i] = resampled[a + 3 - dims];
		}
		int[] patch = new int[dims];
		for (int a = 0; a < dims; a++) {
			Arrays.sort(sizes[a]);
			int median = sizes[a][sizes[a].length / 2];
			patch[a] = Math.min(largest[a], Math.max(16, (median + 15) / 16 * 16));
		}
		return patch;
	}

	/** nnU-Net's normalization schemes as SegKit's, CT statistics from the dataset's foreground intensities. */
	static List<ChannelNormalization> normalizations(Plan plan, Plans plans) {
		List<ChannelNormalization> out = new ArrayList<>();
		List<String> schemes = plan.normalizationSchemes();
		for (int c = 0; c < schemes.size(); c++) {
			out.add(switch (schemes.get(c)) {
				case "CTNormalization" -> {
					IntensityStats s = plans.foregroundIntensityPerChannel().get(c);
					yield ChannelNormalization.ct(s.mean(), Math.max(s.std(), 1e-8), s.percentile00_5(),
						s.percentile99_5());
				}
				case "NoNormalization" -> ChannelNormalization.none();
				default -> ChannelNormalization.zScore();
			});
		}
		return out;
	}

	/**
	 * For each axis of the plan's arrays, the position in SegKit's (z, y, x) or (y, x) order. A 2D plan uses the
	 * last two transposed axes; SegKit's 2D models run over z slices, so those must be y and x.
	 */
	static int[] originalAxes(int[] forward, int dims) {
		if (dims == 3) return forward.clone();
		if (forward[0] != 0) {
			throw new SegKitException("The planner put the coarsest axis on " + (forward[0] == 1 ? "y" : "x")
				+ ", but SegKit's 2D models work on z slices. Reslice the images (Image > Stacks > Reslice) so that "
				+ "the coarse axis is z.");
		}
		return new int[] {forward[1] - 1, forward[2] - 1};
	}

	private static int[] untranspose(int[] values, int[] axes) {
		int[] out = new int[values.length];
		for (int a = 0; a < values.length; a++) out[axes[a]] = values[a];
		return out;
	}

	private static double[] untranspose(double[] values, int[] axes) {
		double[] out = new double[values.length];
		for (int a = 0; a < values.length; a++) out[axes[a]] = values[a];
		return out;
	}
}
