package io.segkit.classic.regiongrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The faster region growing gives exactly the labels of the one before it (RegionGrowingReference). */
class RegionGrowingEqualityTest {

	@Test
	void sameLabelsOnNoisyBlobsForEveryBitDepth() {
		Random random = new Random(11);
		for (int trial = 0; trial < 18; trial++) {
			int w = 20 + random.nextInt(25), h = 18 + random.nextInt(25), d = trial % 3 == 0 ? 1 : 3 + random.nextInt(6);
			int n = w * h * d;
			float[] values = noisyBlobs(random, w, h, d);
			Volume image = switch (trial % 3) {
				case 0 -> Volume.ofFloats(values, w, h, d, Spacing.UNIT);
				case 1 -> Volume.ofShorts(toShorts(values), w, h, d, Spacing.UNIT);
				default -> Volume.ofBytes(toBytes(values), w, h, d, Spacing.UNIT);
			};
			int[] seeds = new int[n];
			int regions = 1 + random.nextInt(6);
			for (int r = 1; r <= regions; r++) for (int k = 0; k < 1 + random.nextInt(3); k++) seeds[random.nextInt(n)] = r;
			byte[] mask = trial % 4 == 1 ? randomMask(random, n) : null;
			if (mask != null) for (int i = 0; i < n; i++) if (seeds[i] != 0) mask[i] = 1;
			double tolerance = new double[] { 0, 5, 20, 60, 1000 }[trial % 5];
			for (Connectivity c : d == 1 ? new Connectivity[] { Connectivity.C4, Connectivity.C8 }
				: new Connectivity[] { Connectivity.C6, Connectivity.C26 }) {
				Labels before = RegionGrowingReference.grow(image, seeds, mask, tolerance, c, Progress.NONE);
				Labels after = RegionGrowing.grow(image, seeds, mask, tolerance, c, Progress.NONE);
				assertArrayEquals(before.data(), after.data(), "trial " + trial + " " + c);
				assertEquals(before.count(), after.count());
			}
		}
	}

	private static float[] noisyBlobs(Random random, int w, int h, int d) {
		float[] v = new float[w * h * d];
		for (int i = 0; i < v.length; i++) v[i] = 30 + (float) random.nextGaussian() * 8;
		for (int k = 0; k < 5; k++) {
			double cx = random.nextDouble() * w, cy = random.nextDouble() * h, cz = random.nextDouble() * d;
			double r = 3 + random.nextDouble() * 6;
			float level = 80 + random.nextInt(120);
			for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				double dx = x - cx, dy = y - cy, dz = d == 1 ? 0 : (z - cz) * 2;
				if (dx * dx + dy * dy + dz * dz <= r * r) v[(z * h + y) * w + x] = level + (float) random.nextGaussian() * 10;
			}
		}
		return v;
	}

	private static short[] toShorts(float[] v) {
		short[] s = new short[v.length];
		for (int i = 0; i < v.length; i++) s[i] = (short) Math.max(0, Math.min(65535, Math.round(v[i] * 40)));
		return s;
	}

	private static byte[] toBytes(float[] v) {
		byte[] b = new byte[v.length];
		for (int i = 0; i < v.length; i++) b[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
		return b;
	}

	private static byte[] randomMask(Random random, int n) {
		byte[] m = new byte[n];
		for (int i = 0; i < n; i++) m[i] = (byte) (random.nextInt(5) == 0 ? 0 : 1);
		return m;
	}
}
