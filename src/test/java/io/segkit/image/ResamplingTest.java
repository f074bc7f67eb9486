package io.segkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ResamplingTest {

	@Test
	void shapeFollowsSpacing() {
		assertArrayEquals(new int[] {64, 50, 25}, Resampling.shapeAtSpacing(new int[] {32, 100, 100},
			new double[] {2, 0.5, 0.5}, new double[] {1, 1, 2}));
		assertArrayEquals(new int[] {1, 1, 1}, Resampling.shapeAtSpacing(new int[] {1, 2, 2}, new double[] {1, 1, 1},
			new double[] {10, 10, 10}));
	}

	@Test
	void linearIsExactOnLinearRampsAwayFromEdges() {
		int[] shape = {4, 6, 8};
		float[] ramp = new float[4 * 6 * 8];
		for (int z = 0; z < 4; z++) for (int y = 0; y < 6; y++) for (int x = 0; x < 8; x++) {
			ramp[(z * 6 + y) * 8 + x] = 3 * z + 2 * y + x;
		}
		int[] up = {8, 12, 16};
		float[] r = Resampling.linear(ramp, shape, up, false);
		// centre-aligned: output voxel j sits at input coordinate (j + 0.5) / 2 - 0.5
		for (int z = 1; z < 7; z++) for (int y = 1; y < 11; y++) for (int x = 1; x < 15; x++) {
			double expected = 3 * ((z + 0.5) / 2 - 0.5) + 2 * ((y + 0.5) / 2 - 0.5) + ((x + 0.5) / 2 - 0.5);
			assertEquals(expected, r[(z * 12 + y) * 16 + x], 1e-5);
		}
		assertEquals(3 * 0 + 2 * 0 + 0, r[0], 1e-6); // clamped at the edge
	}

	@Test
	void sameShapeIsACopyAndInputIsUntouched() {
		float[] v = {1, 2, 3, 4};
		float[] r = Resampling.linear(v, new int[] {1, 2, 2}, new int[] {1, 2, 2}, false);
		assertArrayEquals(v, r);
		r[0] = 9;
		assertEquals(1, v[0]);
	}

	@Test
	void labelRoundTripKeepsLabels() {
		int[] shape = {6, 20, 24};
		byte[] labels = blobs(shape, new Random(4));
		int[] fine = {12, 40, 48};
		byte[] up = Resampling.labels(labels, shape, fine, 4, false);
		byte[] back = Resampling.labels(up, fine, shape, 4, false);
		assertArrayEquals(labels, back);
		// every class survives upsampling with the right volume ratio (8x) within the boundary blur
		for (int c = 1; c < 4; c++) {
			double ratio = count(up, c) / (double) count(labels, c);
			assertTrue(ratio > 6.5 && ratio < 9.5, "class " + c + " ratio " + ratio);
		}
	}

	@Test
	void nearestAlongZCopiesSlices() {
		int[] shape = {2, 1, 1};
		float[] v = {0, 10};
		float[] r = Resampling.linear(v, shape, new int[] {4, 1, 1}, true);
		assertArrayEquals(new float[] {0, 0, 10, 10}, r);
		float[] l = Resampling.linear(v, shape, new int[] {4, 1, 1}, false);
		assertArrayEquals(new float[] {0, 2.5f, 7.5f, 10}, l, 1e-6f);
	}

	private static byte[] blobs(int[] shape, Random r) {
		byte[] l = new byte[shape[0] * shape[1] * shape[2]];
		for (int c = 1; c < 4; c++) {
			int z0 = r.nextInt(shape[0] - 2), y0 = r.nextInt(shape[1] - 6), x0 = r.nextInt(shape[2] - 6);
			for (int z = z0; z < z0 + 2; z++) for (int y = y0; y < y0 + 5; y++) for (int x = x0; x < x0 + 5; x++) {
				l[(z * shape[1] + y) * shape[2] + x] = (byte) c;
			}
		}
		return l;
	}

	private static int count(byte[] l, int c) {
		int n = 0;
		for (byte b : l) if (b == c) n++;
		return n;
	}
}
