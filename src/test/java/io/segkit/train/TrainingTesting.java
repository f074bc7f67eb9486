package io.segkit.train;

import java.util.ArrayList;
import java.util.List;

import io.segkit.model.ChannelNormalization;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.testdata.SyntheticImage;
import io.segkit.testdata.SyntheticNuclei;

/** Small synthetic data sets and model templates for the training tests. */
final class TrainingTesting {

	private TrainingTesting() {}

	/** Synthetic nuclei (mask labels 0/1), z-scored as the preprocessor would. */
	static PreparedCase nuclei(String name, long seed, int width, int height, int depth, int count) {
		SyntheticImage image = SyntheticNuclei.builder().size(width, height, depth).count(count).radius(4, 7).seed(seed)
			.generate();
		float[] normalised = ChannelNormalization.zScore().apply(image.pixels());
		return new PreparedCase(name, new float[][] {normalised}, image.mask(), new int[] {depth, height, width});
	}

	static List<PreparedCase> nuclei2D(int cases, int size, int count) {
		List<PreparedCase> list = new ArrayList<>();
		for (int i = 0; i < cases; i++) list.add(nuclei("case" + i, 100 + i, size, size, 1, count));
		return list;
	}

	/** A model description with 1 channel and the given classes; its network and patch are placeholders. */
	/**
	 * A plain U-Net with these features for a 1-channel image at spacing 1, laid out by {@link ModelDesign} for the
	 * patch (nnU-Net's topology, deep supervision), the patch rounded to its down-sampling.
	 */
	static ModelSpec spec(int classes, int[] features, int... patch) {
		double[] spacing = new double[patch.length];
		java.util.Arrays.fill(spacing, 1);
		NetworkConfig network = ModelDesign.network(Architecture.PLAIN_UNET, 1, classes, features, spacing, patch);
		List<String> names = new ArrayList<>(List.of("background", "nucleus", "nucleolus", "other"));
		return new ModelSpec("nuclei", network, List.of("DAPI"), names.subList(0, classes), ModelDesign.roundedPatch(
			patch, network), spacing, "pixel", List.of(ChannelNormalization.zScore()), null, ModelBundle
				.segkitVersion());
	}

	static ModelSpec template(int dims, int classes) {
		int[] one = dims == 2 ? new int[] {1, 1} : new int[] {1, 1, 1};
		int[] two = dims == 2 ? new int[] {2, 2} : new int[] {2, 2, 2};
		int[] three = dims == 2 ? new int[] {3, 3} : new int[] {3, 3, 3};
		NetworkConfig placeholder = new NetworkConfig(Architecture.PLAIN_UNET, dims, 1, classes, new int[] {4, 8},
			new int[][] {three, three}, new int[][] {one, two}, false);
		List<String> names = new ArrayList<>(List.of("background", "nucleus", "nucleolus", "other"));
		double[] spacing = dims == 2 ? new double[] {1, 1} : new double[] {1, 1, 1};
		return new ModelSpec("nuclei", placeholder, List.of("DAPI"), names.subList(0, classes), two, spacing,
			"pixel", List.of(ChannelNormalization.zScore()), null, ModelBundle.segkitVersion());
	}
}
