package io.segkit.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianImportanceTest {

	@Test
	void centreIsTheMaximumAndSigmaIsAnEighthOfThePatch() {
		int[] patch = {17, 9};
		float[] g = GaussianImportance.map(patch);
		int centre = 8 * 9 + 4;
		assertEquals(GaussianImportance.MAX, g[centre], 1e-6f);
		for (float v : g) assertTrue(v <= g[centre]);
		double sigmaZ = 17 / 8.0;
		for (int d = 1; d <= 8; d++) {
			assertEquals(Math.exp(-0.5 * d * d / (sigmaZ * sigmaZ)), g[centre + d * 9] / g[centre], 1e-6);
		}
		assertEquals(Math.exp(-0.5 * 16 / (81 / 64.0)), g[8 * 9] / g[centre], 1e-6); // 4 voxels along x, sigma 9/8
	}

	@Test
	void mapIsMirrorSymmetricOnEveryAxisAndHasNoZeros() {
		int[] patch = {8, 16, 12};
		float[] g = GaussianImportance.map(patch);
		assertEquals(8 * 16 * 12, g.length);
		for (int z = 0; z < 8; z++) for (int y = 0; y < 16; y++) for (int x = 0; x < 12; x++) {
			float v = g[(z * 16 + y) * 12 + x];
			assertTrue(v > 0);
			assertEquals(v, g[((7 - z) * 16 + y) * 12 + x]);
			assertEquals(v, g[(z * 16 + 15 - y) * 12 + x]);
			assertEquals(v, g[(z * 16 + y) * 12 + 11 - x]);
		}
		// even sizes: the four central voxels of a 2D map share the maximum
		float[] g2 = GaussianImportance.map(new int[] {4, 4});
		assertEquals(g2[5], g2[10]);
		assertEquals(g2[6], g2[9]);
	}

	@Test
	void zerosAreReplacedByTheSmallestPositiveValue() {
		float[] m = {0, 3, 1e-30f, 0, 10};
		GaussianImportance.replaceZeros(m);
		assertArrayEquals(new float[] {1e-30f, 3, 1e-30f, 1e-30f, 10}, m);
	}
}
