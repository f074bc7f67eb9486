package io.segkit.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import ij.ImagePlus;
import ij.process.FloatProcessor;

import io.segkit.Progress;
import io.segkit.engine.Engines;
import io.segkit.model.ChannelNormalization;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.nn.Networks;

/** An ensemble of configurations is the voxel-wise mean of its configurations' probabilities in the image's grid. */
class ImageSegmenterEnsembleTest {

	private static ModelSpec spec(int[] features, double[] spacing) {
		int stages = features.length;
		int[][] kernels = new int[stages][], strides = new int[stages][];
		for (int s = 0; s < stages; s++) {
			kernels[s] = new int[] {3, 3};
			strides[s] = s == 0 ? new int[] {1, 1} : new int[] {2, 2};
		}
		NetworkConfig net = new NetworkConfig(Architecture.PLAIN_UNET, 2, 1, 3, features, kernels, strides, true);
		return new ModelSpec("m", net, List.of("DAPI"), List.of("background", "a", "b"), new int[] {16, 16}, spacing,
			"micron", List.of(ChannelNormalization.zScore()), null, "");
	}

	private static ImagePlus image() {
		Random r = new Random(5);
		float[] pixels = new float[40 * 28];
		for (int i = 0; i < pixels.length; i++) pixels[i] = (float) r.nextGaussian() + (i % 40 > 20 ? 2 : 0);
		ImagePlus image = new ImagePlus("cells", new FloatProcessor(40, 28, pixels));
		image.getCalibration().pixelWidth = 0.25;
		image.getCalibration().pixelHeight = 0.5;
		image.getCalibration().setUnit("micron");
		return image;
	}

	@Test
	void ensembleAveragesTheConfigurationsInTheImageGrid() {
		ImagePlus image = image();
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			ModelSpec atImageSpacing = spec(new int[] {4, 8}, new double[] {0.5, 0.25});
			ModelSpec coarser = spec(new int[] {4, 8, 8}, new double[] {1, 0.5}); // resampled there and back
			LoadedModel a = new LoadedModel(atImageSpacing, List.of(Networks.createInitialized(atImageSpacing
				.network(), manager, 1)));
			LoadedModel b = new LoadedModel(coarser, List.of(Networks.createInitialized(coarser.network(), manager,
				2)));
			var options = SlidingWindowPredictor.Options.defaults();
			float[][] pa = new ImageSegmenter(List.of(a), manager, options).segment(image, 1, Progress.NONE)
				.probabilities();
			float[][] pb = new ImageSegmenter(List.of(b), manager, options).segment(image, 1, Progress.NONE)
				.probabilities();
			ImageSegmenter.Frame both = new ImageSegmenter(List.of(a, b), manager, options).segment(image, 1,
				Progress.NONE);
			assertFalse(java.util.Arrays.equals(pa[1], pb[1]), "the two configurations must differ for this test");
			assertEquals(40, both.width());
			assertEquals(28, both.height());
			for (int c = 0; c < 3; c++) {
				float[] mean = new float[pa[c].length];
				for (int i = 0; i < mean.length; i++) mean[i] = (pa[c][i] + pb[c][i]) / 2;
				assertArrayEquals(mean, both.probabilities()[c], 1e-6f, "class " + c);
			}
		}
	}
}
