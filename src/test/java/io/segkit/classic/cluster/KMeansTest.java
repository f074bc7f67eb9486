package io.segkit.classic.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class KMeansTest {

	private static final int W = 30, H = 20, D = 4, N = W * H * D;

	/** Class 0, 1 or 2 of each voxel, in a shuffled but fixed pattern. */
	private static int[] truth() {
		Random random = new Random(42);
		int[] t = new int[N];
		for (int i = 0; i < N; i++) t[i] = random.nextInt(3);
		return t;
	}

	/** Populations around 200, 40 and 120 (class 0, 1, 2): the darkest (class 1) must become label 1. */
	private static float[] intensities(int[] truth, double noise, long seed) {
		double[] centre = { 200, 40, 120 };
		Random random = new Random(seed);
		float[] v = new float[N];
		for (int i = 0; i < N; i++) v[i] = (float) Math.round(centre[truth[i]] + noise * (2 * random.nextDouble() - 1));
		return v;
	}

	private static final int[] EXPECTED_LABEL = { 3, 1, 2 };

	@Test
	void recoversThreePopulationsExactlyWithLabelsByAscendingMean() {
		int[] truth = truth();
		float[] v = intensities(truth, 10, 1);
		byte[] b = new byte[N];
		short[] s = new short[N];
		for (int i = 0; i < N; i++) {
			b[i] = (byte) v[i];
			s[i] = (short) (v[i] * 100);
		}
		List<Volume> inputs = List.of(Volume.ofFloats(v, W, H, D, Spacing.UNIT), Volume.ofBytes(b, W, H, D,
			Spacing.UNIT), Volume.ofShorts(s, W, H, D, Spacing.UNIT));
		for (Volume volume : inputs) {
			KMeans.Result r = KMeans.cluster(List.of(volume), null, KMeans.Settings.of(3), Progress.NONE);
			for (int i = 0; i < N; i++) assertEquals(EXPECTED_LABEL[truth[i]], r.labels()[i], volume.bitDepth() +
				"-bit at " + i);
			assertTrue(r.centres()[0][0] < r.centres()[1][0] && r.centres()[1][0] < r.centres()[2][0]);
			assertTrue(r.converged());
			long total = 0;
			for (long n : r.sizes()) total += n;
			assertEquals(N, total);
		}
	}

	@Test
	void sameSeedSameResultAndSeedsAgreeOnClearData() {
		int[] truth = truth();
		float[] v = intensities(truth, 25, 2);
		Volume volume = Volume.ofFloats(v, W, H, D, Spacing.UNIT);
		KMeans.Result a = KMeans.cluster(List.of(volume), null, KMeans.Settings.of(3).withSeed(5), Progress.NONE);
		KMeans.Result b = KMeans.cluster(List.of(volume), null, KMeans.Settings.of(3).withSeed(5), Progress.NONE);
		assertArrayEquals(a.labels(), b.labels());
		for (long seed = 0; seed < 5; seed++) {
			KMeans.Result c = KMeans.cluster(List.of(volume), null, KMeans.Settings.of(3).withSeed(seed), Progress.NONE);
			assertArrayEquals(a.labels(), c.labels(), "seed " + seed);
		}
	}

	@Test
	void multichannelWhereOnlyChannelTwoSeparatesTheClasses() {
		// Channel 1 has no contrast at all (it is left out of the distances); channel 2 holds the classes.
		// Labels follow channel 1's means, which tie, so channel 2's means decide.
		int[] truth = truth();
		float[] flat = new float[N];
		java.util.Arrays.fill(flat, 1000);
		float[] informative = intensities(truth, 5, 3);
		Volume c1 = Volume.ofFloats(flat, W, H, D, Spacing.UNIT), c2 = Volume.ofFloats(informative, W, H, D,
			Spacing.UNIT);
		KMeans.Result r = KMeans.cluster(List.of(c1, c2), null, KMeans.Settings.of(3), Progress.NONE);
		for (int i = 0; i < N; i++) assertEquals(EXPECTED_LABEL[truth[i]], r.labels()[i], "at " + i);
		assertEquals(2, r.centres()[0].length);
		assertEquals(1000, r.centres()[0][0], 1e-9);
		assertEquals(40, r.centres()[0][1], 1);
	}

	@Test
	void fourClassesNeedBothChannels() {
		// Class = (channel 1 low/high) x (channel 2 low/high): each channel alone sees only two groups.
		// Channel 2 is in other units (x1000); standardisation makes both channels count alike.
		Random random = new Random(21);
		float[] a = new float[N], b = new float[N];
		int[] cls = new int[N];
		for (int i = 0; i < N; i++) {
			cls[i] = random.nextInt(4);
			a[i] = (cls[i] % 2 == 0 ? 10 : 50) + 4 * random.nextFloat();
			b[i] = 1000 * ((cls[i] / 2 == 0 ? 3 : 9) + 0.4f * random.nextFloat());
		}
		KMeans.Result r = KMeans.cluster(List.of(Volume.ofFloats(a, W, H, D, Spacing.UNIT), Volume.ofFloats(b, W, H,
			D, Spacing.UNIT)), null, KMeans.Settings.of(4), Progress.NONE);
		// The exact partition; the two classes low in channel 1 get labels 1 and 2 (ascending channel 1).
		int[] labelOf = new int[4];
		for (int i = 0; i < N; i++) {
			if (labelOf[cls[i]] == 0) labelOf[cls[i]] = r.labels()[i];
			assertEquals(labelOf[cls[i]], r.labels()[i], "at " + i);
		}
		assertTrue(labelOf[0] <= 2 && labelOf[2] <= 2 && labelOf[1] >= 3 && labelOf[3] >= 3);
		for (int c = 1; c < 4; c++) assertTrue(r.centres()[c - 1][0] <= r.centres()[c][0]);
	}

	@Test
	void maskAndNaNVoxelsGetLabelZero() {
		int[] truth = truth();
		float[] v = intensities(truth, 10, 4);
		v[7] = Float.NaN;
		byte[] mask = new byte[N];
		for (int i = 0; i < N; i++) mask[i] = (byte) (i % 5 == 0 ? 0 : 1);
		KMeans.Result r = KMeans.cluster(List.of(Volume.ofFloats(v, W, H, D, Spacing.UNIT)), mask, KMeans.Settings.of(
			3), Progress.NONE);
		for (int i = 0; i < N; i++) {
			int expected = i % 5 == 0 || i == 7 ? 0 : EXPECTED_LABEL[truth[i]];
			assertEquals(expected, r.labels()[i], "at " + i);
		}
	}

	@Test
	void histogramFastPathAgreesWithVoxelPathOnLargerData() {
		// More voxels than the initialisation sample: the float path subsamples.
		int w = 400, h = 300;
		Random random = new Random(11);
		short[] s = new short[w * h];
		float[] f = new float[w * h];
		for (int i = 0; i < s.length; i++) {
			int cls = random.nextInt(4);
			s[i] = (short) (1000 * (cls + 1) + random.nextInt(200));
			f[i] = s[i];
		}
		KMeans.Result fast = KMeans.cluster(List.of(Volume.ofShorts(s, w, h, 1, Spacing.UNIT)), null, KMeans.Settings
			.of(4), Progress.NONE);
		KMeans.Result slow = KMeans.cluster(List.of(Volume.ofFloats(f, w, h, 1, Spacing.UNIT)), null, KMeans.Settings
			.of(4), Progress.NONE);
		assertArrayEquals(fast.labels(), slow.labels());
		for (int i = 0; i < s.length; i++) assertEquals((s[i] / 1000), fast.labels()[i]);
	}

	@Test
	void badInputIsRefusedAndLeftUnchanged() {
		float[] v = intensities(truth(), 10, 5);
		float[] before = v.clone();
		Volume volume = Volume.ofFloats(v, W, H, D, Spacing.UNIT);
		SegKitException e = assertThrows(SegKitException.class, () -> KMeans.cluster(List.of(volume), null,
			KMeans.Settings.of(1), Progress.NONE));
		assertTrue(e.getMessage().contains("at least 2 classes"), e.getMessage());
		float[] two = new float[N];
		for (int i = 0; i < N; i++) two[i] = i % 2 == 0 ? 3.5f : -1;
		e = assertThrows(SegKitException.class, () -> KMeans.cluster(List.of(Volume.ofFloats(two, W, H, D,
			Spacing.UNIT)), null, KMeans.Settings.of(3), Progress.NONE));
		assertTrue(e.getMessage().contains("only 2 different values") && e.getMessage().contains("at most 2"), e
			.getMessage());
		float[] constant = new float[N];
		e = assertThrows(SegKitException.class, () -> KMeans.cluster(List.of(Volume.ofFloats(constant, W, H, D,
			Spacing.UNIT)), null, KMeans.Settings.of(2), Progress.NONE));
		assertTrue(e.getMessage().contains("nothing to cluster"), e.getMessage());
		java.util.Arrays.fill(constant, Float.NaN);
		e = assertThrows(SegKitException.class, () -> KMeans.cluster(List.of(Volume.ofFloats(constant, W, H, D,
			Spacing.UNIT)), null, KMeans.Settings.of(2), Progress.NONE));
		assertTrue(e.getMessage().startsWith("Nothing to cluster"), e.getMessage());
		assertArrayEquals(before, v);
	}
}
