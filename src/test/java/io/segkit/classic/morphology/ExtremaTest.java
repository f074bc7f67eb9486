package io.segkit.classic.morphology;

import static org.junit.jupiter.api.Assertions.*;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ExtremaTest {

	// Peaks: 5 (dynamic 2 over the pass at 3), plateau 8,8 (global), 6 (dynamic 4 over the pass at 2).
	private static final float[] PROFILE = { 0, 5, 3, 8, 8, 2, 6, 1 };

	private static byte[] row(int... ones) {
		byte[] b = new byte[PROFILE.length];
		for (int i : ones) b[i] = 1;
		return b;
	}

	private static byte[] hMax(float[] v, double h, boolean integer) {
		return Extrema.hMaxima(v, h, integer, v.length, 1, 1, null, Connectivity.C8, Progress.NONE);
	}

	@Test
	void regionalMaximaArePlateauAware() {
		assertArrayEquals(row(1, 3, 4, 6), Extrema.regionalMaxima(PROFILE, 8, 1, 1, null, Connectivity.C4,
			Progress.NONE));
		assertArrayEquals(row(0, 2, 5, 7), Extrema.regionalMinima(PROFILE, 8, 1, 1, null, Connectivity.C4,
			Progress.NONE));
		// A plateau next to a higher value is not a maximum.
		float[] shoulder = { 1, 3, 3, 4 };
		assertArrayEquals(new byte[] { 0, 0, 0, 1 }, Extrema.regionalMaxima(shoulder, 4, 1, 1, null,
			Connectivity.C4, Progress.NONE));
	}

	@Test
	void hMaximaKeepMaximaWithDynamicAtLeastH() {
		assertArrayEquals(row(1, 3, 4, 6), hMax(PROFILE, 2, true)); // dynamic 2 == h is kept
		assertArrayEquals(row(3, 4, 6), hMax(PROFILE, 3, true));
		assertArrayEquals(row(3, 4, 6), hMax(PROFILE, 4, true));
		assertArrayEquals(row(3, 4), hMax(PROFILE, 5, true));
		assertArrayEquals(row(3, 4, 6), hMax(PROFILE, 2.5, true)); // rounded up to 3 for whole numbers
		assertArrayEquals(row(1, 3, 4, 6), hMax(PROFILE, 2, false));
		assertArrayEquals(row(3, 4, 6), hMax(PROFILE, 2.5, false));
		float[] negated = new float[PROFILE.length];
		for (int i = 0; i < negated.length; i++) negated[i] = -PROFILE[i];
		assertArrayEquals(row(3, 4, 6), Extrema.hMinima(negated, 3, true, 8, 1, 1, null, Connectivity.C4,
			Progress.NONE));
	}

	@Test
	void twinPeaksCloserThanHBecomeOneMaximum() {
		float[] twin = { 0, 9, 8, 9, 0, 0 };
		byte[] m = hMax(twin, 3, true);
		assertArrayEquals(new byte[] { 0, 1, 1, 1, 0, 0 }, m);
	}

	@Test
	void domainExcludesVoxels() {
		byte[] domain = { 1, 1, 1, 0, 0, 1, 1, 1 };
		byte[] m = Extrema.regionalMaxima(PROFILE, 8, 1, 1, domain, Connectivity.C4, Progress.NONE);
		assertArrayEquals(row(1, 6), m);
	}

	@Test
	void reconstructionMatchesIteratedGeodesicDilation() {
		Random r = new Random(3);
		int w = 9, h = 7, d = 5, n = w * h * d;
		for (Connectivity c : new Connectivity[] { Connectivity.C6, Connectivity.C26 }) {
			float[] mask = new float[n], marker = new float[n];
			for (int i = 0; i < n; i++) {
				mask[i] = r.nextInt(20);
				marker[i] = r.nextDouble() < 0.05 ? mask[i] : 0;
			}
			float[] expected = marker.clone();
			Neighbours nb = new Neighbours(c, w, h, d);
			int[] buf = new int[nb.max()];
			boolean changed = true;
			while (changed) {
				changed = false;
				float[] next = expected.clone();
				for (int i = 0; i < n; i++) {
					float v = expected[i];
					int k = nb.of(i, buf);
					for (int j = 0; j < k; j++) v = Math.max(v, expected[buf[j]]);
					v = Math.min(v, mask[i]);
					if (v != next[i]) {
						next[i] = v;
						changed = true;
					}
				}
				expected = next;
			}
			float[] markerCopy = marker.clone();
			assertArrayEquals(expected, Reconstruction.byDilation(marker, mask, w, h, d, null, c, Progress.NONE));
			assertArrayEquals(markerCopy, marker, "input unchanged");
		}
	}
}
