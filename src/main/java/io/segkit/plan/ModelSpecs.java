package io.segkit.plan;

import java.util.ArrayList;
import java.util.List;

import io.segkit.SegKitException;
import io.segkit.model.ChannelNormalization;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.model.TrainingSummary;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;

/**
 * Turns a planned configuration into the description of a model to train: the network (nnU-Net's topology with
 * deep supervision, in the chosen architecture), patch, spacing and per-channel normalization. The planner works
 * in its transposed axis order (coarsest axis first); the model is described in the image's own (z, y, x) order,
 * which for a 3D network is the same network with its per-axis values permuted back.
 */
public final class ModelSpecs {

	private ModelSpecs() {}

	public static ModelSpec fromPlan(Plans plans, String configuration, Architecture architecture, String name,
			List<String> channelNames, List<String> classNames, String unit) {
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
			classNames.size(), plan.featuresPerStage(), kernels, strides, true);
		return new ModelSpec(name, network, channelNames, classNames, untranspose(plan.patchSize(), axes),
			untranspose(plan.spacing(), axes), unit, normalizations(plan, plans), TrainingSummary.none(),
			ModelBundle.segkitVersion());
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
