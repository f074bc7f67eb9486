package io.segkit.classic.watershed;

import static org.junit.jupiter.api.Assertions.*;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.classic.watershed.Watershed.Landscape;
import io.segkit.classic.watershed.Watershed.Options;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WatershedTest {

	private static Options options(Landscape l, double dynamic, boolean lines, Connectivity c) {
		return new Options(l, dynamic, 0, lines, c);
	}

	private static int[] markersAt(int n, int... indexLabelPairs) {
		int[] m = new int[n];
		for (int i = 0; i < indexLabelPairs.length; i += 2) m[indexLabelPairs[i]] = indexLabelPairs[i + 1];
		return m;
	}

	private static Volume row(int bits, float... values) {
		int n = values.length;
		switch (bits) {
			case 8: {
				byte[] b = new byte[n];
				for (int i = 0; i < n; i++) b[i] = (byte) values[i];
				return Volume.ofBytes(b, n, 1, 1, Spacing.UNIT);
			}
			case 16: {
				short[] s = new short[n];
				for (int i = 0; i < n; i++) s[i] = (short) values[i];
				return Volume.ofShorts(s, n, 1, 1, Spacing.UNIT);
			}
			default:
				return Volume.ofFloats(values.clone(), n, 1, 1, Spacing.UNIT);
		}
	}

	@Test
	void twoValleysSplitAtTheRidgeInEveryBitDepth() {
		float[] v = { 0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0 };
		for (int bits : new int[] { 8, 16, 32 }) {
			Labels l = Watershed.segment(row(bits, v), null, null, options(Landscape.DARK_OBJECTS, 0, false,
				Connectivity.C8), Progress.NONE);
			// The ridge voxel goes to the basin that reached it first (the left one, queued earlier).
			assertArrayEquals(new int[] { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2 }, l.data(), "bits " + bits);
			Labels lines = Watershed.segment(row(bits, v), null, null, options(Landscape.DARK_OBJECTS, 0, true,
				Connectivity.C8), Progress.NONE);
			assertArrayEquals(new int[] { 1, 1, 1, 1, 1, 0, 2, 2, 2, 2, 2 }, lines.data(), "bits " + bits);
			// Bright objects: the same profile, inverted.
			float[] inverted = new float[v.length];
			for (int i = 0; i < v.length; i++) inverted[i] = 10 - v[i];
			assertArrayEquals(l.data(), Watershed.segment(row(bits, inverted), null, null, options(
				Landscape.BRIGHT_OBJECTS, 0, false, Connectivity.C8), Progress.NONE).data());
		}
	}

	@Test
	void plateauBetweenMarkersIsSplitInTheMiddle() {
		for (int bits : new int[] { 8, 16, 32 }) {
			Volume flat = row(bits, new float[10]);
			int[] markers = markersAt(10, 0, 1, 9, 2);
			int[] markersCopy = markers.clone();
			Labels l = Watershed.segment(flat, markers, null, options(Landscape.DARK_OBJECTS, 0, false,
				Connectivity.C4), Progress.NONE);
			assertArrayEquals(new int[] { 1, 1, 1, 1, 1, 2, 2, 2, 2, 2 }, l.data());
			assertArrayEquals(markersCopy, markers, "markers unchanged");
			Volume odd = row(bits, new float[11]);
			Labels lines = Watershed.segment(odd, markersAt(11, 0, 1, 10, 2), null, options(
				Landscape.DARK_OBJECTS, 0, true, Connectivity.C4), Progress.NONE);
			assertArrayEquals(new int[] { 1, 1, 1, 1, 1, 0, 2, 2, 2, 2, 2 }, lines.data());
		}
	}

	@Test
	void markerLabelValuesAreKept() {
		Volume flat = row(16, new float[6]);
		Labels l = Watershed.segment(flat, markersAt(6, 0, 7, 5, 42), null, options(Landscape.DARK_OBJECTS, 0,
			false, Connectivity.C4), Progress.NONE);
		assertArrayEquals(new int[] { 7, 7, 7, 42, 42, 42 }, l.data());
		assertEquals(42, l.count());
	}

	@Test
	void maskIsRespected() {
		Volume flat = row(8, new float[8]);
		byte[] mask = { 1, 1, 1, 0, 1, 1, 1, 1 };
		Labels l = Watershed.segment(flat, markersAt(8, 0, 1), mask, options(Landscape.DARK_OBJECTS, 0, false,
			Connectivity.C4), Progress.NONE);
		assertArrayEquals(new int[] { 1, 1, 1, 0, 0, 0, 0, 0 }, l.data());
	}

	@Test
	void connectivityDecidesWhetherDiagonalsConnect() {
		// 4x4 image, mask is a diagonal line; marker at its top-left end.
		int w = 4;
		byte[] mask = new byte[16];
		for (int i = 0; i < 4; i++) mask[i * w + i] = 1;
		Volume flat = Volume.ofBytes(new byte[16], 4, 4, 1, Spacing.UNIT);
		int[] markers = markersAt(16, 0, 1);
		Labels four = Watershed.segment(flat, markers, mask, options(Landscape.DARK_OBJECTS, 0, false,
			Connectivity.C4), Progress.NONE);
		Labels eight = Watershed.segment(flat, markers, mask, options(Landscape.DARK_OBJECTS, 0, false,
			Connectivity.C8), Progress.NONE);
		assertEquals(1, count(four.data(), 1));
		assertEquals(4, count(eight.data(), 1));
		// In 3D, 6-connectivity also stops at an edge-only contact that 18 crosses.
		byte[] mask3 = new byte[2 * 2 * 2];
		mask3[0] = 1; // (0,0,0)
		mask3[(1 * 2 + 1) * 2 + 0] = 1; // (0,1,1)
		Volume flat3 = Volume.ofBytes(new byte[8], 2, 2, 2, Spacing.UNIT);
		assertEquals(1, count(Watershed.segment(flat3, markersAt(8, 0, 1), mask3, options(
			Landscape.DARK_OBJECTS, 0, false, Connectivity.C6), Progress.NONE).data(), 1));
		assertEquals(2, count(Watershed.segment(flat3, markersAt(8, 0, 1), mask3, options(
			Landscape.DARK_OBJECTS, 0, false, Connectivity.C18), Progress.NONE).data(), 1));
	}

	@Test
	void distanceWatershedSplitsTwoTouchingDiscs() {
		int w = 41, h = 25;
		byte[] mask = new byte[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			if (hypot(x - 12, y - 12) <= 9 || hypot(x - 28, y - 12) <= 9) mask[y * w + x] = (byte) 255;
		}
		byte[] copy = mask.clone();
		for (boolean lines : new boolean[] { false, true }) {
			Labels l = Watershed.splitObjects(Volume.ofBytes(mask, w, h, 1, Spacing.UNIT), 1, lines,
				Connectivity.C8, Progress.NONE);
			assertEquals(2, distinctNonZero(l.data()).size());
			int left = l.data()[12 * w + 12], right = l.data()[12 * w + 28];
			assertNotEquals(left, right);
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				int i = y * w + x;
				if (mask[i] == 0) assertEquals(0, l.data()[i]);
				else if (x <= 19) assertEquals(left, l.data()[i], "(" + x + "," + y + ")");
				else if (x >= 21) assertEquals(right, l.data()[i], "(" + x + "," + y + ")");
				else if (lines) assertEquals(0, l.data()[i], "line at x=20");
			}
		}
		assertArrayEquals(copy, mask);
	}

	@Test
	void distanceWatershedSplitsTwoTouchingSpheresWithAnisotropicSpacing() {
		// Spheres of radius 6 um centred 10 um apart along x; z spacing 2 um.
		int w = 30, h = 16, d = 9;
		Spacing s = new Spacing(1, 1, 2, "um");
		short[] mask = new short[w * h * d];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			double pz = (z - 4) * 2.0;
			if (Math.sqrt(sq(x - 10) + sq(y - 8) + pz * pz) <= 6 || Math.sqrt(sq(x - 20) + sq(y - 8) + pz *
				pz) <= 6) mask[(z * h + y) * w + x] = 1;
		}
		Labels l = Watershed.splitObjects(Volume.ofShorts(mask, w, h, d, s), 1, false, Connectivity.C26,
			Progress.NONE);
		assertEquals(2, distinctNonZero(l.data()).size());
		int left = l.get(10, 8, 4), right = l.get(20, 8, 4);
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			if (mask[(z * h + y) * w + x] == 0) continue;
			if (x < 15) assertEquals(left, l.get(x, y, z));
			if (x > 15) assertEquals(right, l.get(x, y, z));
		}
		// A dynamic above the peak height difference keeps the pair as one object.
		assertEquals(1, distinctNonZero(Watershed.splitObjects(Volume.ofShorts(mask, w, h, d, s), 6, false,
			Connectivity.C26, Progress.NONE).data()).size());
	}

	@Test
	void gradientLandscapeSplitsTwoFlatRegionsAtTheStep() {
		int w = 12, h = 6;
		float[] v = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 6; x < w; x++) v[y * w + x] = 200;
		Labels l = Watershed.segment(Volume.ofFloats(v, w, h, 1, Spacing.UNIT), null, null, new Options(
			Landscape.GRADIENT, 1, 0, false, Connectivity.C8), Progress.NONE);
		assertEquals(2, distinctNonZero(l.data()).size());
		for (int y = 0; y < h; y++) {
			assertEquals(l.data()[y * w], l.data()[y * w + 4]);
			assertEquals(l.data()[y * w + 11], l.data()[y * w + 7]);
			assertNotEquals(l.data()[y * w], l.data()[y * w + 11]);
		}
	}

	@Test
	void markersOutsideTheMaskAndEmptyMasksAreRefused() {
		Volume flat = row(8, new float[4]);
		SegKitException e = assertThrows(SegKitException.class, () -> Watershed.segment(flat, markersAt(4, 0,
			1), new byte[] { 0, 1, 1, 1 }, options(Landscape.DARK_OBJECTS, 0, false, Connectivity.C4),
			Progress.NONE));
		assertTrue(e.getMessage().contains("None of the markers"), e.getMessage());
		e = assertThrows(SegKitException.class, () -> Watershed.segment(flat, markersAt(4, 0, 1), new byte[4],
			options(Landscape.DARK_OBJECTS, 0, false, Connectivity.C4), Progress.NONE));
		assertTrue(e.getMessage().contains("mask is empty"), e.getMessage());
		e = assertThrows(SegKitException.class, () -> new Options(Landscape.DISTANCE, -1, 0, false,
			Connectivity.C4));
		assertTrue(e.getMessage().contains("dynamic"), e.getMessage());
	}

	@Test
	void floatFloodOrdersByExactValues() {
		// A difference far below any 8-bit step still decides who reaches the ridge first.
		float[] v = { 0, 0.5000001f, 1, 0.5f, 0 };
		int[] labels = Watershed.flood(v, 5, 1, 1, markersAt(5, 0, 1, 4, 2), null, false, Connectivity.C4,
			Progress.NONE);
		assertArrayEquals(new int[] { 1, 1, 2, 2, 2 }, labels);
		// With equal values the left basin, queued first, wins the ridge.
		v[1] = 0.5f;
		assertArrayEquals(new int[] { 1, 1, 1, 2, 2 }, Watershed.flood(v, 5, 1, 1, markersAt(5, 0, 1, 4, 2),
			null, false, Connectivity.C4, Progress.NONE));
	}

	static int count(int[] a, int value) {
		int c = 0;
		for (int v : a) if (v == value) c++;
		return c;
	}

	static Set<Integer> distinctNonZero(int[] a) {
		Set<Integer> s = new HashSet<>();
		for (int v : a) if (v != 0) s.add(v);
		return s;
	}

	private static double hypot(double a, double b) {
		return Math.sqrt(a * a + b * b);
	}

	private static double sq(double a) {
		return a * a;
	}

	/** Discs of radius 6 every 20 pixels, on a w x h image of 1 x 1 pixels. */
	private static io.segkit.image.Volume discs(int w, int h) {
		byte[] mask = new byte[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			if (Math.hypot(x % 20 - 10, y % 20 - 10) <= 6) mask[y * w + x] = 1;
		}
		return io.segkit.image.Volume.ofBytes(mask, w, h, 1, io.segkit.image.Spacing.UNIT);
	}

	@Test
	void theAutomaticDynamicOfALargeVolumeIsMeasuredOnItsCentreAndAgreesWithASmallOne() {
		io.segkit.image.Volume large = discs(4200, 4100); // 17.2 million voxels: sampled
		io.segkit.image.Volume sample = Watershed.centralSample(large);
		assertTrue(sample.size() <= Watershed.RADIUS_SAMPLE_VOXELS && sample.size() > 1_000_000, "" + sample.size());
		double small = Watershed.automaticDynamic(discs(400, 400), io.segkit.classic.Connectivity.C8,
			io.segkit.Progress.NONE);
		assertEquals(small, Watershed.automaticDynamic(large, io.segkit.classic.Connectivity.C8, io.segkit.Progress
			.NONE), 0.1 * small);
		assertEquals(0.1 * 6, small, 0.15, "a tenth of the disc radius");
	}
}
