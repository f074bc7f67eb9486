package io.segkit.classic.distance;

import static org.junit.jupiter.api.Assertions.*;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DistanceTransformTest {

	private static byte[] randomMask(int n, long seed, double foreground) {
		Random r = new Random(seed);
		byte[] m = new byte[n];
		for (int i = 0; i < n; i++) m[i] = r.nextDouble() < foreground ? (byte) 1 : 0;
		return m;
	}

	private static float[] bruteForce(byte[] m, int w, int h, int d, Spacing s) {
		float[] out = new float[m.length];
		for (int i = 0; i < m.length; i++) {
			if (m[i] == 0) continue;
			int x = i % w, y = (i / w) % h, z = i / (w * h);
			double best = Double.POSITIVE_INFINITY;
			for (int j = 0; j < m.length; j++) {
				if (m[j] != 0) continue;
				double dx = (j % w - x) * s.x(), dy = ((j / w) % h - y) * s.y(), dz = (j / (w * h) - z) * s.z();
				best = Math.min(best, dx * dx + dy * dy + dz * dz);
			}
			out[i] = (float) Math.sqrt(best);
		}
		return out;
	}

	private static void assertClose(float[] expected, float[] actual) {
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-5 * Math.max(1,
			expected[i]), "voxel " + i);
	}

	@Test
	void matchesBruteForce2DAnisotropic() {
		Spacing s = new Spacing(0.7, 1.9, 1, "um");
		for (long seed = 1; seed <= 5; seed++) {
			byte[] m = randomMask(23 * 17, seed, 0.85);
			byte[] copy = m.clone();
			assertClose(bruteForce(m, 23, 17, 1, s), DistanceTransform.compute(m, 23, 17, 1, s, Progress.NONE));
			assertArrayEquals(copy, m, "input unchanged");
		}
	}

	@Test
	void matchesBruteForce3DAnisotropic() {
		Spacing s = new Spacing(0.4, 0.55, 2.3, "um");
		for (long seed = 1; seed <= 4; seed++) {
			byte[] m = randomMask(13 * 11 * 9, seed, 0.93);
			assertClose(bruteForce(m, 13, 11, 9, s), DistanceTransform.compute(m, 13, 11, 9, s, Progress.NONE));
		}
	}

	@Test
	void singleBackgroundVoxelGivesEuclideanDistances() {
		byte[] m = new byte[5 * 4 * 3];
		java.util.Arrays.fill(m, (byte) 1);
		m[0] = 0; // (0,0,0)
		float[] d = DistanceTransform.compute(m, 5, 4, 3, new Spacing(1, 2, 3, "um"), Progress.NONE);
		assertEquals(0, d[0]);
		assertEquals((float) Math.sqrt(16 + 36 + 36), d[(2 * 4 + 3) * 5 + 4], 1e-5);
	}

	@Test
	void allBitDepthsGiveTheSameDistances() {
		byte[] m = randomMask(9 * 8 * 3, 7, 0.8);
		short[] s16 = new short[m.length];
		float[] s32 = new float[m.length];
		byte[] s8 = new byte[m.length];
		for (int i = 0; i < m.length; i++) {
			s8[i] = m[i] != 0 ? (byte) 255 : 0;
			s16[i] = (short) (m[i] * 1000);
			s32[i] = m[i] * 0.5f;
		}
		Spacing sp = new Spacing(1, 1, 2, "um");
		float[] ref = DistanceTransform.compute(m, 9, 8, 3, sp, Progress.NONE);
		assertArrayEquals(ref, DistanceTransform.compute(Volume.ofBytes(s8, 9, 8, 3, sp), Progress.NONE));
		assertArrayEquals(ref, DistanceTransform.compute(Volume.ofShorts(s16, 9, 8, 3, sp), Progress.NONE));
		assertArrayEquals(ref, DistanceTransform.compute(Volume.ofFloats(s32, 9, 8, 3, sp), Progress.NONE));
	}

	@Test
	void noBackgroundIsRefusedWithAClearMessage() {
		byte[] m = new byte[12];
		java.util.Arrays.fill(m, (byte) 1);
		SegKitException e = assertThrows(SegKitException.class, () -> DistanceTransform.compute(m, 4, 3, 1,
			Spacing.UNIT, Progress.NONE));
		assertTrue(e.getMessage().contains("no background"), e.getMessage());
	}

	@Test
	void noForegroundGivesZeros() {
		float[] d = DistanceTransform.compute(new byte[12], 4, 3, 1, Spacing.UNIT, Progress.NONE);
		assertArrayEquals(new float[12], d);
	}
}
