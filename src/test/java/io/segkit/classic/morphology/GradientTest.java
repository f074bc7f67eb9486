package io.segkit.classic.morphology;

import static org.junit.jupiter.api.Assertions.*;

import io.segkit.Progress;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import org.junit.jupiter.api.Test;

class GradientTest {

	@Test
	void rampGradientUsesSpacing() {
		int w = 6, h = 5, d = 4;
		float[] v = new float[w * h * d];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++)
			v[(z * h + y) * w + x] = 3 * x + 4 * z; // per voxel step
		Spacing s = new Spacing(0.5, 1, 2, "um");
		float[] g = Gradient.magnitude(Volume.ofFloats(v, w, h, d, s), 0, Progress.NONE);
		assertEquals(v.length, g.length, "one value per voxel");
		// d/dx = 3/0.5 = 6, d/dz = 4/2 = 2 per unit, everywhere (central and one-sided agree on a ramp).
		for (float value : g) assertEquals(Math.sqrt(36 + 4), value, 1e-5);
		// Smoothing keeps a linear ramp linear away from the borders.
		int wide = 16;
		float[] u = new float[wide * h * d];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < wide; x++)
			u[(z * h + y) * wide + x] = 3 * x + 4 * z;
		float[] smoothed = Gradient.magnitude(Volume.ofFloats(u, wide, h, d, s), 0.5, Progress.NONE);
		assertEquals(Math.sqrt(36 + 4), smoothed[(2 * h + 2) * wide + 8], 1e-3);
	}

	@Test
	void stepGivesARidgeAtTheEdge() {
		short[] v = new short[10];
		for (int x = 5; x < 10; x++) v[x] = 100;
		float[] g = Gradient.magnitude(Volume.ofShorts(v, 10, 1, 1, Spacing.UNIT), 0, Progress.NONE);
		assertArrayEquals(new float[] { 0, 0, 0, 0, 50, 50, 0, 0, 0, 0 }, g);
	}
}
