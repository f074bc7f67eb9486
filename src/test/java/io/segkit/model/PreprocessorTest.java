package io.segkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;

class PreprocessorTest {

	private static ModelSpec model(int dims, double[] spacing, String unit, int channels) {
		int[][] k = new int[2][];
		int[][] s = new int[2][];
		for (int i = 0; i < 2; i++) {
			k[i] = dims == 3 ? new int[] {3, 3, 3} : new int[] {3, 3};
			s[i] = dims == 3 ? new int[] {i + 1, i + 1, i + 1} : new int[] {i + 1, i + 1};
		}
		NetworkConfig net = new NetworkConfig(Architecture.PLAIN_UNET, dims, channels, 2, new int[] {4, 8}, k, s, false);
		List<String> names = channels == 1 ? List.of("a") : List.of("a", "b");
		List<ChannelNormalization> norms = channels == 1 ? List.of(ChannelNormalization.zScore())
			: List.of(ChannelNormalization.zScore(), ChannelNormalization.none());
		return new ModelSpec("m", net, names, List.of("bg", "fg"), dims == 3 ? new int[] {8, 8, 8}
			: new int[] {8, 8}, spacing, unit, norms, null, "");
	}

	private static Volume volume(int w, int h, int d, Spacing spacing) {
		float[] v = new float[w * h * d];
		for (int i = 0; i < v.length; i++) v[i] = i % 7;
		return Volume.ofFloats(v, w, h, d, spacing);
	}

	@Test
	void threeDModelResamplesAllAxesAndConvertsUnits() {
		ModelSpec spec = model(3, new double[] {1, 0.5, 0.5}, "micron", 1);
		Volume v = volume(40, 30, 10, new Spacing(250, 250, 2000, "nm")); // 0.25 x 0.25 x 2 micron
		Preprocessor.Prepared p = Preprocessor.prepareImage(List.of(v), spec);
		assertArrayEquals(new int[] {20, 15, 20}, p.shape());
		assertEquals(20 * 15 * 20, p.channels()[0].length);
	}

	@Test
	void twoDModelKeepsSlicesAndUncalibratedImagesAreNotResampled() {
		ModelSpec spec = model(2, new double[] {0.5, 0.5}, "micron", 1);
		Volume calibrated = volume(40, 30, 5, new Spacing(0.25, 0.25, 3, "micron"));
		assertArrayEquals(new int[] {5, 15, 20}, Preprocessor.prepareImage(List.of(calibrated), spec).shape());
		Volume plain = volume(40, 30, 5, Spacing.UNIT);
		assertArrayEquals(new int[] {5, 30, 40}, Preprocessor.prepareImage(List.of(plain), spec).shape());
	}

	@Test
	void channelsAreNormalisedEachByTheirScheme() {
		ModelSpec spec = model(2, new double[] {1, 1}, "pixel", 2);
		Volume v = volume(8, 8, 1, Spacing.UNIT);
		Preprocessor.Prepared p = Preprocessor.prepareImage(List.of(v, v), spec);
		double mean = 0;
		for (float x : p.channels()[0]) mean += x;
		assertEquals(0, mean / 64, 1e-6);
		assertArrayEquals(v.toFloatArray(), p.channels()[1]);
	}

	@Test
	void wrongChannelCountSaysWhatTheModelExpects() {
		ModelSpec spec = model(2, new double[] {1, 1}, "pixel", 2);
		SegKitException e = assertThrows(SegKitException.class, () -> Preprocessor.prepareImage(List.of(volume(8, 8,
			1, Spacing.UNIT)), spec));
		assertTrue(e.getMessage().contains("expects 2 channel(s) (a, b) but the image has 1"), e.getMessage());
	}

	@Test
	void labelsMustBeSmallWholeNumbers() {
		ModelSpec spec = model(2, new double[] {1, 1}, "pixel", 1);
		Volume bad = Volume.ofFloats(new float[] {0, 1.5f, 0, 1}, 2, 2, 1, Spacing.UNIT);
		SegKitException e = assertThrows(SegKitException.class, () -> Preprocessor.prepareLabels(bad, spec, 2));
		assertTrue(e.getMessage().contains("whole numbers"), e.getMessage());
		Volume good = Volume.ofFloats(new float[] {0, 1, 0, 1}, 2, 2, 1, Spacing.UNIT);
		assertArrayEquals(new byte[] {0, 1, 0, 1}, Preprocessor.prepareLabels(good, spec, 2));
	}

	@Test
	void objectLabelsBecomeForeground() {
		ModelSpec spec = model(2, new double[] {1, 1}, "pixel", 1);
		Volume objects = Volume.ofFloats(new float[] {0, 300, 7, 1}, 2, 2, 1, Spacing.UNIT);
		assertArrayEquals(new byte[] {0, 1, 1, 1}, Preprocessor.prepareLabels(objects, LabelMode.FOREGROUND, spec, 2));
		SegKitException e = assertThrows(SegKitException.class, () -> Preprocessor.prepareLabels(objects, spec, 2));
		assertTrue(e.getMessage().contains("label images = objects"), e.getMessage());
	}

	@Test
	void theLogIsToldWhenTheVoxelSizeCannotBeTrusted() {
		ModelSpec m = model(2, new double[] {0.5, 0.5}, "micron", 1);
		assertNull(Preprocessor.spacingNote(new io.segkit.image.Spacing(0.4, 0.4, 1, "um"), "a", m));
		assertNull(Preprocessor.spacingNote(new io.segkit.image.Spacing(0.0005, 0.0005, 1, "mm"), "a", m));
		String none = Preprocessor.spacingNote(new io.segkit.image.Spacing(1, 1, 1, "pixel"), "raw", m);
		assertTrue(none.startsWith("'raw' has no calibration, so it is taken to have the model's voxel size (0.5 x 0.5 "
			+ "micron)."), none);
		String unknown = Preprocessor.spacingNote(new io.segkit.image.Spacing(0.5, 0.5, 1, "inch"), "b", m);
		assertTrue(unknown.contains("cannot convert to the model's 'micron'"), unknown);
		String coarse = Preprocessor.spacingNote(new io.segkit.image.Spacing(2.5, 2.5, 1, "um"), "c", m);
		assertTrue(coarse.startsWith("'c' has voxels 5.00 times the size") && coarse.contains("smaller"), coarse);
		String fine = Preprocessor.spacingNote(new io.segkit.image.Spacing(0.1, 0.1, 1, "um"), "d", m);
		assertTrue(fine.startsWith("'d' has voxels 0.200 times") && fine.contains("larger"), fine);
	}
}
