package io.segkit.classic.regiongrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.morphology.Neighbours;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Region Growing compared with the seed value (RegionGrowing.flood): scikit-image's segmentation.flood per seed.
 * The expected floods come from skimage itself (flood-skimage.txt, written once by make_flood_fixture.py beside it)
 * and, on random images, from an independent definition: the connected component of the seed in the mask of the
 * voxels within the range (ConnectedComponents).
 */
class RegionGrowingFloodTest {

	@Test
	void equalsScikitImageFloodIn2DAnd3D() throws IOException {
		int cases = 0;
		try (BufferedReader in = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream(
			"flood-skimage.txt"), StandardCharsets.US_ASCII)))
		{
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (!line.startsWith("case ")) continue;
				String[] f = line.split(" ");
				int d = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), w = Integer.parseInt(f[4]);
				int seed = (Integer.parseInt(f[5]) * h + Integer.parseInt(f[6])) * w + Integer.parseInt(f[7]);
				double tolerance = Double.parseDouble(f[8]);
				boolean faces = f[9].equals("1");
				int[] values = Arrays.stream(in.readLine().split(" ")).mapToInt(Integer::parseInt).toArray();
				String flooded = in.readLine();
				Volume image;
				Connectivity c;
				if (d == 1) {
					short[] s = new short[values.length];
					for (int i = 0; i < s.length; i++) s[i] = (short) values[i];
					image = Volume.ofShorts(s, w, h, 1, Spacing.UNIT);
					c = faces ? Connectivity.C4 : Connectivity.C8;
				} else {
					byte[] b = new byte[values.length];
					for (int i = 0; i < b.length; i++) b[i] = (byte) values[i];
					image = Volume.ofBytes(b, w, h, d, Spacing.UNIT);
					c = faces ? Connectivity.C6 : Connectivity.C26;
				}
				int[] seeds = new int[values.length];
				seeds[seed] = 1;
				int[] got = RegionGrowing.flood(image, seeds, null, tolerance, c, Progress.NONE).data();
				for (int i = 0; i < got.length; i++) assertEquals(flooded.charAt(i) == '1' ? 1 : 0, got[i], line +
					" at voxel " + i);
				cases++;
			}
		}
		assertEquals(16, cases);
	}

	@Test
	void oneSeedGivesTheComponentOfTheSeedWithinTheRange() {
		Random random = new Random(5);
		for (int trial = 0; trial < 40; trial++) {
			int w = 5 + random.nextInt(20), h = 4 + random.nextInt(20), d = trial % 2 == 0 ? 1 : 2 + random.nextInt(6);
			Volume image = randomImage(random, trial % 3, w, h, d);
			int n = w * h * d;
			byte[] mask = trial % 4 == 3 ? randomMask(random, n) : null;
			int seed = random.nextInt(n);
			if (mask != null) mask[seed] = 1;
			double tolerance = random.nextInt(4) * 15 + (trial % 3 == 2 ? 0.37 : 0);
			for (Connectivity c : connectivities(d)) {
				int[] seeds = new int[n];
				seeds[seed] = 1;
				int[] got = RegionGrowing.flood(image, seeds, mask, tolerance, c, Progress.NONE).data();
				assertArrayEquals(componentOf(image, seed, image.get(seed) - tolerance, image.get(seed) + tolerance,
					mask, c), got, "trial " + trial + " " + c);
			}
		}
	}

	@Test
	void oneRegionSeededBySeveralVoxelsGivesTheirComponentEvenThroughSeedVoxelsOutOfRange() {
		// one region, so the fill may go in any order: it must equal the voxels connected to a seed voxel through
		// voxels within the range of the seeds' mean or through seed voxels (which are in the region whatever their
		// values)
		Random random = new Random(11);
		for (int trial = 0; trial < 40; trial++) {
			int w = 5 + random.nextInt(30), h = 4 + random.nextInt(20), d = trial % 2 == 0 ? 1 : 2 + random.nextInt(6);
			Volume image = randomImage(random, trial % 3, w, h, d);
			int n = w * h * d;
			byte[] mask = trial % 4 == 3 ? randomMask(random, n) : null;
			int[] seeds = new int[n];
			double sum = 0;
			int seedVoxels = 1 + random.nextInt(6);
			for (int s = 0; s < seedVoxels; s++) {
				int i = random.nextInt(n);
				if (seeds[i] != 0) continue;
				seeds[i] = 7;
				sum += image.get(i);
				if (mask != null) mask[i] = 1;
			}
			double mean = sum / Arrays.stream(seeds).filter(v -> v != 0).count(), tolerance = 5 + random.nextInt(30);
			byte[] reachable = new byte[n];
			for (int i = 0; i < n; i++) {
				float v = image.get(i);
				if ((mask == null || mask[i] != 0) && (seeds[i] != 0 || v >= mean - tolerance && v <= mean + tolerance))
					reachable[i] = 1;
			}
			for (Connectivity c : connectivities(d)) {
				int[] parts = ConnectedComponents.label(reachable, w, h, d, Spacing.UNIT, c, Progress.NONE).data();
				java.util.Set<Integer> seeded = new java.util.HashSet<>();
				for (int i = 0; i < n; i++) if (seeds[i] != 0) seeded.add(parts[i]);
				int[] expected = new int[n];
				for (int i = 0; i < n; i++) if (parts[i] != 0 && seeded.contains(parts[i])) expected[i] = 7;
				assertArrayEquals(expected, RegionGrowing.flood(image, seeds, mask, tolerance, c, Progress.NONE).data(),
					"trial " + trial + " " + c);
			}
		}
	}

	@Test
	void severalSeedsEachTakeTheirComponentWhenTheyDoNotMeet() {
		// two plateaus (100 and 180) on a background of 0, in 3D; a third seed on the background
		int w = 14, h = 9, d = 5, n = w * h * d;
		float[] v = new float[n];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int i = (z * h + y) * w + x;
			if (x >= 1 && x <= 5 && y >= 1 && y <= 7 && z >= 1 && z <= 3) v[i] = 100 + (x + y + z) % 3;
			if (x >= 8 && x <= 12 && y >= 2 && y <= 6 && z >= 1 && z <= 3) v[i] = 180 - (x * y) % 4;
		}
		Volume image = Volume.ofFloats(v, w, h, d, Spacing.UNIT);
		int a = (2 * h + 4) * w + 3, b = (2 * h + 4) * w + 10, background = 0;
		int[] seeds = new int[n];
		seeds[a] = 1;
		seeds[b] = 2;
		seeds[background] = 3;
		int[] got = RegionGrowing.flood(image, seeds, null, 10, Connectivity.C6, Progress.NONE).data();
		int[] expected = new int[n];
		add(expected, componentOf(image, a, v[a] - 10, v[a] + 10, null, Connectivity.C6), 1);
		add(expected, componentOf(image, b, v[b] - 10, v[b] + 10, null, Connectivity.C6), 2);
		add(expected, componentOf(image, background, -10, 10, null, Connectivity.C6), 3);
		assertArrayEquals(expected, got);
	}

	@Test
	void competingSeedsSplitAPlateauByBreadthFirstOrderAndTiesGoToTheFirstSeed() {
		// a plateau of 9 voxels in a row; seeds at x = 1 and 6: x = 3 is 2 steps from the first, 3 from the second
		Volume row = Volume.ofBytes(new byte[] { 50, 50, 50, 50, 50, 50, 50, 50, 50 }, 9, 1, 1, Spacing.UNIT);
		int[] seeds = new int[9];
		seeds[1] = 1;
		seeds[6] = 2;
		assertArrayEquals(new int[] { 1, 1, 1, 1, 2, 2, 2, 2, 2 }, RegionGrowing.flood(row, seeds, null, 0,
			Connectivity.C4, Progress.NONE).data());
		// seeds at x = 1 and 5: x = 3 is 2 steps from both and goes to the seed first in raster order
		seeds = new int[9];
		seeds[1] = 2;
		seeds[5] = 1;
		assertArrayEquals(new int[] { 2, 2, 2, 2, 1, 1, 1, 1, 1 }, RegionGrowing.flood(row, seeds, null, 0,
			Connectivity.C4, Progress.NONE).data());
		// a voxel outside one seed's range is left to the other even when the first reaches it first
		Volume steps = Volume.ofBytes(new byte[] { 10, 10, 10, 30, 30, 30, 30, 30, 30 }, 9, 1, 1, Spacing.UNIT);
		seeds = new int[9];
		seeds[2] = 1;
		seeds[8] = 2;
		assertArrayEquals(new int[] { 1, 1, 1, 2, 2, 2, 2, 2, 2 }, RegionGrowing.flood(steps, seeds, null, 5,
			Connectivity.C4, Progress.NONE).data());
	}

	@Test
	void severalCompetingSeedsGiveConnectedMaximalRegionsWithinTheirRanges() {
		Random random = new Random(9);
		for (int trial = 0; trial < 30; trial++) {
			int w = 6 + random.nextInt(20), h = 5 + random.nextInt(20), d = trial % 2 == 0 ? 1 : 2 + random.nextInt(5);
			int n = w * h * d;
			Volume image = randomImage(random, trial % 3, w, h, d);
			byte[] mask = trial % 3 == 1 ? randomMask(random, n) : null;
			int[] seeds = new int[n];
			int regions = 2 + random.nextInt(5);
			for (int r = 1; r <= regions; r++) {
				int s = random.nextInt(n);
				seeds[s] = r;
				if (mask != null) mask[s] = 1;
			}
			double tolerance = 10 + random.nextInt(40);
			for (Connectivity c : connectivities(d)) {
				int[] got = RegionGrowing.flood(image, seeds, mask, tolerance, c, Progress.NONE).data();
				assertArrayEquals(got, RegionGrowing.flood(image, seeds, mask, tolerance, c, Progress.NONE).data(),
					"deterministic");
				Neighbours neighbours = new Neighbours(c, w, h, d);
				int[] buf = new int[neighbours.max()];
				for (int r = 1; r <= regions; r++) {
					int seed = indexOf(seeds, r);
					double lo = image.get(seed) - tolerance, hi = image.get(seed) + tolerance;
					byte[] region = new byte[n];
					for (int i = 0; i < n; i++) if (got[i] == r) {
						region[i] = 1;
						assertTrue(image.get(i) >= lo && image.get(i) <= hi, "in range");
						assertTrue(mask == null || mask[i] != 0, "in the mask");
						// maximal: no free neighbour within the range is left out
						int k = neighbours.of(i, buf);
						for (int j = 0; j < k; j++) {
							int q = buf[j];
							boolean free = got[q] == 0 && (mask == null || mask[q] != 0);
							assertTrue(!free || image.get(q) < lo || image.get(q) > hi, "trial " + trial + " " + c +
								": voxel " + q + " next to region " + r + " is in its range but left out");
						}
					}
					Labels parts = ConnectedComponents.label(region, w, h, d, Spacing.UNIT, c, Progress.NONE);
					assertEquals(1, parts.count(), "region " + r + " is one piece");
					assertEquals(r, got[seed], "the seed keeps its label");
				}
			}
		}
	}

	@Test
	void nanVoxelsNeverJoinAndBlockTheFill() {
		int w = 7, h = 5;
		float[] v = new float[w * h];
		Arrays.fill(v, 10);
		for (int y = 0; y < h; y++) v[y * w + 3] = Float.NaN; // a wall at x = 3
		v[1 * w + 1] = Float.NaN;
		int[] seeds = new int[w * h];
		seeds[0] = 1;
		int[] got = RegionGrowing.flood(Volume.ofFloats(v, w, h, 1, Spacing.UNIT), seeds, null, 1e30,
			Connectivity.C8, Progress.NONE).data();
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int i = y * w + x;
			assertEquals(x < 3 && !Float.isNaN(v[i]) ? 1 : 0, got[i], "(" + x + "," + y + ")");
		}
	}

	@Test
	void aSeedOfSeveralVoxelsIsComparedWithTheirMeanAndBadArgumentsAreRefused() {
		// values 0..8 in a row; a seed of voxels 3 and 5 has the value 4: tolerance 2 takes 2..6
		byte[] b = new byte[9];
		for (int i = 0; i < 9; i++) b[i] = (byte) i;
		Volume row = Volume.ofBytes(b, 9, 1, 1, Spacing.UNIT);
		int[] seeds = new int[9];
		seeds[3] = seeds[5] = 1;
		assertArrayEquals(new int[] { 0, 0, 1, 1, 1, 1, 1, 0, 0 }, RegionGrowing.flood(row, seeds, null, 2,
			Connectivity.C4, Progress.NONE).data());
		assertArrayEquals(RegionGrowing.flood(row, seeds, null, 2, Connectivity.C4, Progress.NONE).data(),
			RegionGrowing.grow(row, seeds, null, 2, Connectivity.C4, RegionGrowing.Comparison.SEED_VALUE,
				Progress.NONE).data());
		assertArrayEquals(RegionGrowing.grow(row, seeds, null, 2, Connectivity.C4, Progress.NONE).data(),
			RegionGrowing.grow(row, seeds, null, 2, Connectivity.C4, RegionGrowing.Comparison.REGION_MEAN,
				Progress.NONE).data());
		assertThrows(SegKitException.class, () -> RegionGrowing.flood(row, seeds, null, -1, Connectivity.C4,
			Progress.NONE));
		byte[] outside = new byte[9];
		outside[0] = 1;
		assertThrows(SegKitException.class, () -> RegionGrowing.flood(row, seeds, outside, 2, Connectivity.C4,
			Progress.NONE));
	}

	/** 1 for the voxels connected to {@code seed} through voxels in [lo, hi] (and the mask), else 0. */
	private static int[] componentOf(Volume image, int seed, double lo, double hi, byte[] mask, Connectivity c) {
		int n = image.size();
		byte[] inRange = new byte[n];
		for (int i = 0; i < n; i++) {
			float v = image.get(i);
			if (v >= lo && v <= hi && (mask == null || mask[i] != 0)) inRange[i] = 1;
		}
		int[] parts = ConnectedComponents.label(inRange, image.width(), image.height(), image.depth(), Spacing.UNIT,
			c, Progress.NONE).data();
		int[] out = new int[n];
		for (int i = 0; i < n; i++) if (parts[i] != 0 && parts[i] == parts[seed]) out[i] = 1;
		return out;
	}

	private static void add(int[] into, int[] ones, int label) {
		for (int i = 0; i < into.length; i++) if (ones[i] != 0) into[i] = label;
	}

	private static int indexOf(int[] values, int value) {
		for (int i = 0; i < values.length; i++) if (values[i] == value) return i;
		throw new IllegalArgumentException();
	}

	private static Connectivity[] connectivities(int depth) {
		return depth == 1 ? new Connectivity[] { Connectivity.C4, Connectivity.C8 } : new Connectivity[] {
			Connectivity.C6, Connectivity.C18, Connectivity.C26 };
	}

	/** Smooth-ish random values (sums of a few steps plus noise) as 8-bit, 16-bit or float. */
	private static Volume randomImage(Random random, int kind, int w, int h, int d) {
		int n = w * h * d;
		float[] v = new float[n];
		double fx = random.nextDouble(), fy = random.nextDouble(), fz = random.nextDouble();
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++)
			v[(z * h + y) * w + x] = (float) (100 + 60 * Math.sin(fx * x + fy * y + fz * z) + random.nextGaussian() * 12);
		return switch (kind) {
			case 0 -> {
				byte[] b = new byte[n];
				for (int i = 0; i < n; i++) b[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
				yield Volume.ofBytes(b, w, h, d, Spacing.UNIT);
			}
			case 1 -> {
				short[] s = new short[n];
				for (int i = 0; i < n; i++) s[i] = (short) Math.round(v[i] * 30);
				yield Volume.ofShorts(s, w, h, d, Spacing.UNIT);
			}
			default -> Volume.ofFloats(v, w, h, d, Spacing.UNIT);
		};
	}

	private static byte[] randomMask(Random random, int n) {
		byte[] m = new byte[n];
		for (int i = 0; i < n; i++) m[i] = (byte) (random.nextInt(6) == 0 ? 0 : 1);
		return m;
	}
}
