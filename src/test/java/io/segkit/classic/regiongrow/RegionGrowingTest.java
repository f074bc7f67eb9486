package io.segkit.classic.regiongrow;

import static org.junit.jupiter.api.Assertions.*;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.classic.watershed.Seeds;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.List;

import org.junit.jupiter.api.Test;

class RegionGrowingTest {

	private static Volume of(int bits, float[] v, int w, int h, int d) {
		int n = v.length;
		if (bits == 8) {
			byte[] b = new byte[n];
			for (int i = 0; i < n; i++) b[i] = (byte) v[i];
			return Volume.ofBytes(b, w, h, d, Spacing.UNIT);
		}
		if (bits == 16) {
			short[] s = new short[n];
			for (int i = 0; i < n; i++) s[i] = (short) v[i];
			return Volume.ofShorts(s, w, h, d, Spacing.UNIT);
		}
		return Volume.ofFloats(v.clone(), w, h, d, Spacing.UNIT);
	}

	@Test
	void twoSeedsFillTheirPlateausAndStopAtTheBackground() {
		// 12x5: background 0, plateau 100 at x=1..4, plateau 200 at x=7..10.
		int w = 12, h = 5;
		float[] v = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			if (x >= 1 && x <= 4) v[y * w + x] = 100;
			if (x >= 7 && x <= 10) v[y * w + x] = 200;
		}
		for (int bits : new int[] { 8, 16, 32 }) {
			int[] seeds = Seeds.fromPoints(List.of(new int[] { 2, 2, 0 }, new int[] { 9, 1, 0 }), w, h, 1);
			Labels l = RegionGrowing.grow(of(bits, v, w, h, 1), seeds, null, 20, Connectivity.C8, Progress.NONE);
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				int expected = x >= 1 && x <= 4 ? 1 : x >= 7 && x <= 10 ? 2 : 0;
				assertEquals(expected, l.data()[y * w + x], "bits " + bits + " at (" + x + "," + y + ")");
			}
		}
	}

	@Test
	void toleranceStopsGrowthOnARamp() {
		// Values 0,10,20,...; the running mean after x=0..4 is 20, and 50 differs by 30 > 25.
		float[] v = new float[10];
		for (int x = 0; x < 10; x++) v[x] = 10 * x;
		int[] seeds = new int[10];
		seeds[0] = 1;
		Labels l = RegionGrowing.grow(of(16, v, 10, 1, 1), seeds, null, 25, Connectivity.C4, Progress.NONE);
		assertArrayEquals(new int[] { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 }, l.data());
	}

	@Test
	void competingRegionsTakeTheVoxelsClosestToTheirMeans() {
		float[] v = { 10, 10, 10, 14, 16, 20, 20, 20 };
		int[] seeds = { 1, 0, 0, 0, 0, 0, 0, 2 };
		Labels l = RegionGrowing.grow(of(8, v, 8, 1, 1), seeds, null, 10, Connectivity.C4, Progress.NONE);
		assertArrayEquals(new int[] { 1, 1, 1, 1, 2, 2, 2, 2 }, l.data());
		// Equal values: split half-way, the earlier-queued region first.
		Labels flat = RegionGrowing.grow(of(32, new float[9], 9, 1, 1), new int[] { 1, 0, 0, 0, 0, 0, 0, 0, 2 },
			null, 0, Connectivity.C4, Progress.NONE);
		assertArrayEquals(new int[] { 1, 1, 1, 1, 1, 2, 2, 2, 2 }, flat.data());
	}

	@Test
	void pointSeedsIn3DGrowEachSphereWithinTheMask() {
		int w = 20, h = 12, d = 8;
		float[] v = new float[w * h * d];
		byte[] mask = new byte[v.length];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int i = (z * h + y) * w + x;
			if (sq(x - 5) + sq(y - 6) + sq(z - 4) <= 9) v[i] = 500;
			if (sq(x - 14) + sq(y - 6) + sq(z - 4) <= 9) v[i] = 900;
			mask[i] = (byte) (x < 18 ? 1 : 0);
		}
		int[] seeds = Seeds.fromPoints(List.of(new int[] { 5, 6, 4 }, new int[] { 14, 6, 4 }), w, h, d);
		Labels l = RegionGrowing.grow(of(16, v, w, h, d), seeds, mask, 50, Connectivity.C6, Progress.NONE);
		for (int i = 0; i < v.length; i++) {
			int expected = v[i] == 500 ? 1 : v[i] == 900 ? 2 : 0;
			assertEquals(expected, l.data()[i]);
		}
	}

	@Test
	void seedImageLabelsAreKeptAndBinarySeedsSplitIntoBlobs() {
		float[] v = new float[8];
		short[] labelSeeds = { 0, 5, 0, 0, 0, 0, 9, 0 };
		int[] s = Seeds.fromImage(Volume.ofShorts(labelSeeds, 8, 1, 1, Spacing.UNIT), "seeds", "seed",
			Connectivity.C4, Progress.NONE);
		assertArrayEquals(new int[] { 0, 5, 0, 0, 0, 0, 9, 0 }, s);
		Labels l = RegionGrowing.grow(of(8, v, 8, 1, 1), s, null, 0, Connectivity.C4, Progress.NONE);
		assertArrayEquals(new int[] { 5, 5, 5, 5, 9, 9, 9, 9 }, l.data());
		byte[] binary = { (byte) 255, (byte) 255, 0, 0, 0, 0, (byte) 255, 0 };
		assertArrayEquals(new int[] { 1, 1, 0, 0, 0, 0, 2, 0 }, Seeds.fromImage(Volume.ofBytes(binary, 8, 1, 1,
			Spacing.UNIT), "seeds", "seed", Connectivity.C4, Progress.NONE));
	}

	@Test
	void regionalMaximaSeedsFindEachBrightSpot() {
		float[] v = { 0, 50, 0, 0, 80, 79, 0 };
		int[] seeds = RegionGrowing.maximaSeeds(of(8, v, 7, 1, 1), 10, null, Connectivity.C4, Progress.NONE);
		// 79 lies within the dynamic of the 80 peak, so it belongs to the same maximum plateau.
		assertArrayEquals(new int[] { 0, 1, 0, 0, 2, 2, 0 }, seeds);
		Labels l = RegionGrowing.grow(of(8, v, 7, 1, 1), seeds, null, 10, Connectivity.C4, Progress.NONE);
		assertArrayEquals(new int[] { 0, 1, 0, 0, 2, 2, 0 }, l.data());
	}

	@Test
	void badParametersAreRefused() {
		Volume img = of(8, new float[4], 4, 1, 1);
		assertThrows(SegKitException.class, () -> RegionGrowing.grow(img, new int[] { 1, 0, 0, 0 }, null, -1,
			Connectivity.C4, Progress.NONE));
		SegKitException e = assertThrows(SegKitException.class, () -> RegionGrowing.grow(img, new int[] { 1, 0,
			0, 0 }, new byte[] { 0, 1, 1, 1 }, 5, Connectivity.C4, Progress.NONE));
		assertTrue(e.getMessage().contains("None of the seeds"), e.getMessage());
	}

	private static int sq(int a) {
		return a * a;
	}
}
