package io.segkit.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TileGridTest {

	@Test
	void startsTouchBothEndsAndAreAtMostHalfAPatchApart() {
		assertArrayEquals(new int[] {0, 16, 32}, TileGrid.starts(64, 32, 0.5));
		assertArrayEquals(new int[] {0, 5}, TileGrid.starts(37, 32, 0.5));
		assertArrayEquals(new int[] {0}, TileGrid.starts(32, 32, 0.5));
		assertArrayEquals(new int[] {0}, TileGrid.starts(20, 32, 0.5));
		assertArrayEquals(new int[] {0, 1, 2, 3, 4}, TileGrid.starts(5, 1, 0.5)); // 2D models: every slice
		for (int size = 33; size < 300; size += 7) {
			for (double step : new double[] {0.25, 0.5, 1}) {
				int[] s = TileGrid.starts(size, 32, step);
				assertEquals(0, s[0]);
				assertEquals(size - 32, s[s.length - 1]);
				for (int i = 1; i < s.length; i++) {
					assertTrue(s[i] > s[i - 1] && s[i] - s[i - 1] <= Math.ceil(32 * step), size + " " + step);
					// symmetric, except a middle tile when the free span is odd (it cannot sit on a half voxel)
					if (2 * i != s.length - 1) assertEquals(size - 32, s[i] + s[s.length - 1 - i], "symmetric");
				}
			}
		}
	}

	@Test
	void shortAxesArePaddedAroundTheImage() {
		TileGrid g = new TileGrid(new int[] {3, 20, 45}, new int[] {1, 32, 32}, 0.5);
		assertEquals(3 * 1 * 2, g.count());
		int[] first = g.origin(0);
		assertArrayEquals(new int[] {0, -6, 0}, first);
		assertEquals(6, g.insideFrom(first, 1));
		assertEquals(26, g.insideTo(first, 1));
		assertArrayEquals(new int[] {2, -6, 13}, g.origin(5));
	}
}
