package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Patch sampling and augmentation on hand-made cases. */
class SamplingTest {

	/** A 2D case with a bright square [lo, hi) x [lo, hi) labelled 1. */
	private static PreparedCase square(int size, int lo, int hi) {
		float[] image = new float[size * size];
		byte[] labels = new byte[size * size];
		for (int y = lo; y < hi; y++) {
			for (int x = lo; x < hi; x++) {
				image[y * size + x] = 1;
				labels[y * size + x] = 1;
			}
		}
		return new PreparedCase("square", new float[][] {image}, labels, new int[] {1, size, size});
	}

	private static boolean hasForeground(byte[] labels) {
		for (byte b : labels) if (b != 0) return true;
		return false;
	}

	@Test
	void forcedForegroundCountFollowsNnUNet() {
		assertEquals(0, PatchSampler.forcedPerBatch(1));
		assertEquals(1, PatchSampler.forcedPerBatch(2));
		assertEquals(1, PatchSampler.forcedPerBatch(3));
		assertEquals(1, PatchSampler.forcedPerBatch(4));
		assertEquals(2, PatchSampler.forcedPerBatch(6));
		assertEquals(4, PatchSampler.forcedPerBatch(12));
	}

	@Test
	void forcedSamplesAlwaysContainForeground() {
		// a 4x4 object in a corner of 96x96: random 16x16 patches rarely see it
		PatchSampler sampler = new PatchSampler(List.of(square(96, 2, 6)), new int[] {16, 16}, 2, false);
		SplittableRandom rng = new SplittableRandom(5);
		int withForeground = 0, batches = 200;
		for (int k = 0; k < batches; k++) {
			List<PatchSampler.Sample> batch = sampler.batch(6, rng);
			for (int b = 0; b < 6; b++) {
				boolean fg = hasForeground(batch.get(b).labels());
				if (b >= 4) assertTrue(fg, "forced sample " + b + " has no foreground");
				if (fg) withForeground++;
			}
		}
		double share = withForeground / (6.0 * batches);
		assertTrue(share >= 1 / 3.0 && share < 0.4, "share with foreground " + share);
	}

	@Test
	void randomPatchesStayInsideAndCopyTheCase() {
		PreparedCase c = TrainingTesting.nuclei("n", 3, 50, 40, 1, 5);
		PatchSampler sampler = new PatchSampler(List.of(c), new int[] {16, 16}, 2, false);
		SplittableRandom rng = new SplittableRandom(9);
		for (int k = 0; k < 100; k++) {
			double[] centre = sampler.centre(0, k % 2 == 0, rng);
			int y0 = (int) (centre[1] - 7.5), x0 = (int) (centre[2] - 7.5);
			assertTrue(y0 >= 0 && y0 + 16 <= 40 && x0 >= 0 && x0 + 16 <= 50, "patch at " + y0 + ", " + x0);
			float[][] image = {new float[256]};
			byte[] labels = new byte[256];
			SpatialTransform.identity().sample(c, centre, sampler.patch3(), image, labels);
			for (int y = 0; y < 16; y++) {
				for (int x = 0; x < 16; x++) {
					int source = (y0 + y) * 50 + x0 + x;
					assertEquals(c.channels()[0][source], image[0][y * 16 + x]);
					assertEquals(c.labels()[source], labels[y * 16 + x]);
				}
			}
		}
	}

	@Test
	void smallCasesArePaddedWithZeroAndBackground() {
		PreparedCase c = square(10, 0, 10); // all foreground, value 1
		PatchSampler sampler = new PatchSampler(List.of(c), new int[] {16, 16}, 2, false);
		PatchSampler.Sample s = sampler.sample(new SplittableRandom(1), false);
		double sum = 0;
		int labelled = 0;
		for (int i = 0; i < 256; i++) {
			sum += s.images()[0][i];
			labelled += s.labels()[i];
		}
		assertEquals(100, sum, 1e-6); // the whole case, centred, and zeros around it
		assertEquals(100, labelled);
		assertEquals(0, s.images()[0][0]);
		assertEquals(1, s.images()[0][3 * 16 + 3]);
	}

	@Test
	void twoDimensionalPatchesComeFromSlicesOfStacks() {
		int depth = 5, size = 8;
		float[] image = new float[depth * size * size];
		for (int i = 0; i < image.length; i++) image[i] = i / (size * size);
		PreparedCase stack = new PreparedCase("stack", new float[][] {image}, new byte[image.length], new int[] {depth,
			size, size});
		PatchSampler sampler = new PatchSampler(List.of(stack), new int[] {8, 8}, 2, false);
		BitSet seen = new BitSet();
		SplittableRandom rng = new SplittableRandom(2);
		for (int k = 0; k < 50; k++) {
			float[] patch = sampler.sample(rng, false).images()[0];
			assertEquals(64, patch.length);
			for (float v : patch) assertEquals(patch[0], v); // one slice
			seen.set((int) patch[0]);
		}
		assertEquals(depth, seen.cardinality());
	}

	@Test
	void spatialTransformsKeepImageAndLabelsAligned() {
		PreparedCase c = square(64, 20, 44);
		int[] patch = {1, 48, 48};
		double[] centre = {0, 31.5, 31.5};
		for (int seed = 0; seed < 40; seed++) {
			SplittableRandom rng = new SplittableRandom(seed);
			double[] m = SpatialTransform.multiply(SpatialTransform.rotation(1, 2, SpatialTransform.uniform(rng, -Math.PI,
				Math.PI)), new double[] {1, 0, 0, 0, -1.2, 0, 0, 0, 1.2});
			assertAligned(c, new SpatialTransform(m), centre, patch);
		}
		PreparedCase cube = cube(24, 6, 18);
		for (int seed = 0; seed < 10; seed++) {
			SpatialTransform t = SpatialTransform.draw(new SplittableRandom(seed), 3);
			assertAligned(cube, t, new double[] {11.5, 11.5, 11.5}, new int[] {20, 20, 20});
		}
	}

	private static PreparedCase cube(int size, int lo, int hi) {
		float[] image = new float[size * size * size];
		byte[] labels = new byte[image.length];
		for (int z = lo; z < hi; z++) {
			for (int y = lo; y < hi; y++) {
				for (int x = lo; x < hi; x++) {
					image[(z * size + y) * size + x] = 1;
					labels[(z * size + y) * size + x] = 1;
				}
			}
		}
		return new PreparedCase("cube", new float[][] {image}, labels, new int[] {size, size, size});
	}

	/** Bright voxels are labelled and labelled voxels are bright (up to the interpolated edge). */
	private static void assertAligned(PreparedCase c, SpatialTransform t, double[] centre, int[] patch) {
		int n = patch[0] * patch[1] * patch[2];
		float[][] image = {new float[n]};
		byte[] labels = new byte[n];
		t.sample(c, centre, patch, image, labels);
		int bright = 0, brightLabelled = 0, labelled = 0, labelledBright = 0;
		for (int i = 0; i < n; i++) {
			if (image[0][i] > 0.75f) {
				bright++;
				if (labels[i] == 1) brightLabelled++;
			}
			if (labels[i] == 1) {
				labelled++;
				if (image[0][i] > 0.25f) labelledBright++;
			}
		}
		assertTrue(bright > 50, "the object left the patch");
		// nearest-neighbour labels and interpolated images may differ only at corners of the object
		assertTrue(brightLabelled >= 0.98 * bright, "bright but not labelled: " + (bright - brightLabelled));
		assertTrue(labelledBright >= 0.98 * labelled, "labelled but dark: " + (labelled - labelledBright));
	}

	@Test
	void batchesAreDeterministicPerIndex() {
		List<PreparedCase> cases = TrainingTesting.nuclei2D(2, 48, 6);
		PatchSampler sampler = new PatchSampler(cases, new int[] {32, 32}, 2, true);
		int[][] outputs = {{1, 32, 32}, {1, 16, 16}};
		BatchSource a = new BatchSource(sampler, 3, 42, outputs);
		BatchSource b = new BatchSource(new PatchSampler(cases, new int[] {32, 32}, 2, true), 3, 42, outputs);
		for (long k : new long[] {0, 1, 17}) {
			Batch x = a.batch(k), y = b.batch(k);
			assertArrayEquals(x.images(), y.images());
			assertArrayEquals(x.targets()[1], y.targets()[1]);
		}
		assertFalse(java.util.Arrays.equals(a.batch(0).images(), a.batch(1).images()));
	}

	@Test
	void deepSupervisionTargetsTakeEveryOtherVoxel() {
		byte[] labels = new byte[16];
		for (int i = 0; i < 16; i++) labels[i] = (byte) i;
		assertArrayEquals(new byte[] {0, 2, 8, 10}, Targets.resize(labels, 1, new int[] {1, 4, 4}, new int[] {1, 2, 2}));
		byte[] big = new byte[25];
		for (int i = 0; i < 25; i++) big[i] = (byte) i;
		// unpadded networks: the centre crop
		assertArrayEquals(new byte[] {6, 7, 8, 11, 12, 13, 16, 17, 18}, Targets.resize(big, 1, new int[] {1, 5, 5},
			new int[] {1, 3, 3}));
	}

	@Test
	void intensityAugmentationsKeepWhatTheyPromise() {
		SplittableRandom rng = new SplittableRandom(4);
		float[] v = new float[8 * 16 * 16];
		for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
		int[] shape = {8, 16, 16};
		float[] g = v.clone();
		IntensityAugmentation.gamma(g, 1.4, false);
		assertEquals(mean(v), mean(g), 1e-4);
		assertEquals(std(v), std(g), 1e-3);
		IntensityAugmentation.gamma(g = v.clone(), 0.8, true);
		assertEquals(mean(v), mean(g), 1e-4);
		float[] c = v.clone();
		IntensityAugmentation.contrast(c, 1.25);
		assertEquals(max(v), max(c), 0);
		float[] constant = new float[v.length];
		java.util.Arrays.fill(constant, 2.5f);
		IntensityAugmentation.blur(constant, shape, 3, rng);
		for (float f : constant) assertEquals(2.5f, f, 1e-5f);
		float[] lowConstant = IntensityAugmentation.lowResolution(constant, shape, 3, 0.6);
		assertEquals(constant.length, lowConstant.length);
		for (float f : lowConstant) assertEquals(2.5f, f, 1e-5f);
		float[] low = IntensityAugmentation.lowResolution(v, shape, 2, 0.5);
		assertEquals(v.length, low.length);
		assertTrue(variation(low, shape) < 0.8 * variation(v, shape)); // coarser: neighbours differ less
		float[][] a = {v.clone()}, b = {v.clone()};
		IntensityAugmentation.apply(a, shape, 3, new SplittableRandom(8));
		IntensityAugmentation.apply(b, shape, 3, new SplittableRandom(8));
		assertArrayEquals(a[0], b[0]);
	}

	/** Sum of absolute differences between x-neighbours. */
	private static double variation(float[] v, int[] shape) {
		double s = 0;
		for (int i = 0; i < v.length; i++) if (i % shape[2] != 0) s += Math.abs(v[i] - v[i - 1]);
		return s;
	}

	private static double mean(float[] v) {
		double s = 0;
		for (float f : v) s += f;
		return s / v.length;
	}

	private static double std(float[] v) {
		double m = mean(v), s = 0;
		for (float f : v) s += (f - m) * (f - m);
		return Math.sqrt(s / v.length);
	}

	private static float max(float[] v) {
		float m = Float.NEGATIVE_INFINITY;
		for (float f : v) m = Math.max(m, f);
		return m;
	}
}
