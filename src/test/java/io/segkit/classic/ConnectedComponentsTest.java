package io.segkit.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segkit.Progress;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

	/** Reference: flood fill from each unlabelled foreground voxel in raster order. */
	static int[] bruteForce(byte[] mask, int w, int h, int d, Connectivity c) {
		int[][] offsets = c.offsets(d > 1);
		int[] out = new int[mask.length];
		int next = 0;
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int start = 0; start < mask.length; start++) {
			if (mask[start] == 0 || out[start] != 0) continue;
			out[start] = ++next;
			queue.add(start);
			while (!queue.isEmpty()) {
				int i = queue.poll();
				int x = i % w, y = (i / w) % h, z = i / (w * h);
				for (int[] o : offsets) {
					int nx = x + o[0], ny = y + o[1], nz = z + o[2];
					if (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= d) continue;
					int n = (nz * h + ny) * w + nx;
					if (mask[n] != 0 && out[n] == 0) {
						out[n] = next;
						queue.add(n);
					}
				}
			}
		}
		return out;
	}

	static byte[] randomMask(Random rnd, int size, double density) {
		byte[] mask = new byte[size];
		for (int i = 0; i < size; i++) mask[i] = (byte) (rnd.nextDouble() < density ? 1 : 0);
		return mask;
	}

	private static void check(byte[] mask, int w, int h, int d, Connectivity c, int maxSlabs) {
		int[] expected = bruteForce(mask, w, h, d, c);
		Labels labels = ConnectedComponents.label(mask, w, h, d, Spacing.UNIT, c, Progress.NONE, maxSlabs);
		int max = 0;
		for (int v : expected) max = Math.max(max, v);
		assertArrayEquals(expected, labels.data(), () -> w + "x" + h + "x" + d + " " + c + " slabs " + maxSlabs);
		assertEquals(max, labels.count());
	}

	@Test
	void matchesFloodFillOnRandomMasks2D() {
		Random rnd = new Random(1);
		int[][] sizes = { { 1, 1 }, { 1, 17 }, { 23, 1 }, { 2, 2 }, { 31, 17 }, { 64, 40 } };
		for (Connectivity c : Connectivity.values()) {
			for (int[] s : sizes) {
				for (double density : new double[] { 0.3, 0.5, 0.6, 0.9 }) {
					byte[] mask = randomMask(rnd, s[0] * s[1], density);
					for (int slabs : new int[] { 1, 3, 1000 }) check(mask, s[0], s[1], 1, c, slabs);
				}
			}
		}
	}

	@Test
	void matchesFloodFillOnRandomMasks3D() {
		Random rnd = new Random(2);
		int[][] sizes = { { 1, 1, 5 }, { 7, 1, 4 }, { 1, 6, 3 }, { 2, 2, 2 }, { 13, 11, 9 }, { 20, 17, 12 } };
		for (Connectivity c : Connectivity.values()) {
			for (int[] s : sizes) {
				for (double density : new double[] { 0.2, 0.35, 0.5, 0.8 }) {
					byte[] mask = randomMask(rnd, s[0] * s[1] * s[2], density);
					for (int slabs : new int[] { 1, 2, 1000 }) check(mask, s[0], s[1], s[2], c, slabs);
				}
			}
		}
	}

	@Test
	void publicEntryPointsAgreeWithFloodFillOnLargerMasks() {
		Random rnd = new Random(3);
		int w = 70, h = 60, d = 40; // large enough for several slabs through the public entry point
		byte[] mask = randomMask(rnd, w * h * d, 0.3);
		for (Connectivity c : Connectivity.values()) {
			Labels labels = ConnectedComponents.label(mask, w, h, d, Spacing.UNIT, c, Progress.NONE);
			assertArrayEquals(bruteForce(mask, w, h, d, c), labels.data(), c.toString());
		}
		byte[] plane = randomMask(rnd, 600 * 300, 0.55);
		for (Connectivity c : Connectivity.values()) {
			Labels labels = ConnectedComponents.label(plane, 600, 300, 1, Spacing.UNIT, c, Progress.NONE);
			assertArrayEquals(bruteForce(plane, 600, 300, 1, c), labels.data(), c.toString());
		}
	}

	@Test
	void snakeAcrossManySlabsKeepsOneLabel() {
		// A serpentine path that leaves and re-enters every slab: many merges, one component.
		int w = 9, h = 9, d = 1;
		byte[] mask = new byte[w * h];
		for (int y = 0; y < h; y += 2) for (int x = 0; x < w; x++) mask[y * w + x] = 1;
		for (int y = 1; y < h; y += 2) mask[y * w + ((y / 2) % 2 == 0 ? w - 1 : 0)] = 1;
		Labels labels = ConnectedComponents.label(mask, w, h, d, Spacing.UNIT, Connectivity.C4, Progress.NONE, 9);
		assertEquals(1, labels.count());
	}

	@Test
	void volumeInputOfEveryBitDepthGivesTheSameLabels() {
		int w = 6, h = 5, d = 3;
		Random rnd = new Random(4);
		byte[] mask = randomMask(rnd, w * h * d, 0.4);
		byte[] b = new byte[mask.length];
		short[] s = new short[mask.length];
		float[] f = new float[mask.length];
		for (int i = 0; i < mask.length; i++) {
			if (mask[i] != 0) {
				b[i] = (byte) 200;
				s[i] = (short) 40000;
				f[i] = -0.5f;
			} else if (i % 7 == 0) f[i] = Float.NaN;
		}
		int[] expected = bruteForce(mask, w, h, d, Connectivity.C26);
		Spacing sp = new Spacing(0.5, 0.5, 2, "um");
		assertArrayEquals(expected, ConnectedComponents.label(Volume.ofBytes(b, w, h, d, sp), Connectivity.C26,
			Progress.NONE).data());
		assertArrayEquals(expected, ConnectedComponents.label(Volume.ofShorts(s, w, h, d, sp), Connectivity.C26,
			Progress.NONE).data());
		Labels fromFloat = ConnectedComponents.label(Volume.ofFloats(f, w, h, d, sp), Connectivity.C26, Progress.NONE);
		assertArrayEquals(expected, fromFloat.data());
		assertEquals(sp, fromFloat.spacing());
	}
}
