package io.segkit.classic.threshold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.process.AutoThresholder;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.threshold.LocalThreshold.Method;
import io.segkit.classic.threshold.LocalThreshold.Settings;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LocalThresholdTest {

	private static final int W = 160, H = 60;

	/** Background rising from 20 to 100 along x, disks of radius 4 that are 40 brighter; +-2 noise. */
	private static float[] gradientWithDisks(byte[] truth) {
		Random random = new Random(7);
		float[] v = new float[W * H];
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				int cx = 10 + 20 * (x / 20), cy = 10 + 20 * (y / 20);
				boolean disk = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 16;
				truth[y * W + x] = (byte) (disk ? 1 : 0);
				v[y * W + x] = 20 + 0.5f * x + (disk ? 40 : 0) + (float) (4 * random.nextDouble() - 2);
			}
		}
		return v;
	}

	private static double accuracy(byte[] mask, byte[] truth) {
		int right = 0;
		for (int i = 0; i < mask.length; i++) if (mask[i] == truth[i]) right++;
		return (double) right / mask.length;
	}

	@Test
	void localSucceedsWhereGlobalFailsOnABrightnessGradient() {
		byte[] truth = new byte[W * H];
		Volume volume = Volume.ofFloats(gradientWithDisks(truth), W, H, 1, Spacing.UNIT);
		double global = accuracy(AutoThreshold.apply(volume, AutoThresholder.Method.Otsu, true, true, Progress.NONE)
			.mask(), truth);
		assertTrue(global < 0.85, "global Otsu accuracy " + global);
		Settings mean = Settings.of(Method.MEAN, 10).withOffset(-5);
		assertTrue(accuracy(LocalThreshold.apply(volume, mean, Progress.NONE), truth) > 0.99);
		Settings gaussian = Settings.of(Method.GAUSSIAN, 12).withOffset(-5);
		assertTrue(accuracy(LocalThreshold.apply(volume, gaussian, Progress.NONE), truth) > 0.99);
		double sauvola = accuracy(LocalThreshold.apply(volume, Settings.of(Method.SAUVOLA, 10).withK(0.1), Progress.NONE),
			truth);
		assertTrue(sauvola > 0.97, "Sauvola accuracy " + sauvola);
	}

	@Test
	void darkObjectsAreBrightObjectsOfTheInvertedImage() {
		byte[] truth = new byte[W * H];
		float[] v = gradientWithDisks(truth);
		float[] inverted = new float[v.length];
		for (int i = 0; i < v.length; i++) inverted[i] = 300 - v[i];
		for (Method m : Method.values()) {
			Settings s = Settings.of(m, 10).withOffset(-5);
			byte[] bright = LocalThreshold.apply(Volume.ofFloats(v, W, H, 1, Spacing.UNIT), s, Progress.NONE);
			byte[] dark = LocalThreshold.apply(Volume.ofFloats(inverted, W, H, 1, Spacing.UNIT), s.withObjects(false),
				Progress.NONE);
			int differ = 0;
			for (int i = 0; i < v.length; i++) if (bright[i] != dark[i]) differ++;
			assertTrue(differ <= v.length / 1000, m + ": " + differ + " voxels differ (float rounding only)");
		}
	}

	@Test
	void anisotropicSpacingScalesTheWindowAlongZ() {
		assertArrayEquals(new int[] { 6, 6, 2 }, LocalThreshold.radiusInVoxels(6, new Spacing(1, 1, 3, "um"), 21,
			false));
		assertArrayEquals(new int[] { 3, 6, 0 }, LocalThreshold.radiusInVoxels(6, new Spacing(2, 1, 3, "um"), 21,
			true));
		assertArrayEquals(new int[] { 6, 6, 0 }, LocalThreshold.radiusInVoxels(6, new Spacing(1, 1, 3, "um"), 1,
			false));

		// One bright voxel in a dark volume: dark objects = voxels whose window holds the bright voxel.
		int n = 21;
		float[] v = new float[n * n * n];
		int centre = 10 * n * n + 10 * n + 10;
		v[centre] = 1000;
		for (Spacing spacing : new Spacing[] { new Spacing(1, 1, 3, "um"), new Spacing(1, 1, 1, "um") }) {
			int rz = spacing.z() == 3 ? 2 : 6;
			for (Method m : new Method[] { Method.MEAN, Method.GAUSSIAN }) {
				byte[] mask = LocalThreshold.apply(Volume.ofFloats(v, n, n, n, spacing), Settings.of(m, 6).withObjects(
					false), Progress.NONE);
				for (int z = 0; z < n; z++) {
					for (int y = 0; y < n; y++) {
						for (int x = 0; x < n; x++) {
							boolean inWindow = Math.abs(x - 10) <= 6 && Math.abs(y - 10) <= 6 && Math.abs(z - 10) <= rz;
							int i = z * n * n + y * n + x;
							assertEquals(inWindow && i != centre ? 1 : 0, mask[i], m + " z-spacing " + spacing.z() + " at " +
								x + "," + y + "," + z);
						}
					}
				}
			}
			byte[] perSlice = LocalThreshold.apply(Volume.ofFloats(v, n, n, n, spacing), Settings.of(Method.MEAN, 6)
				.withObjects(false).withSliceBySlice(true), Progress.NONE);
			// Slice by slice, only slice 10 holds the bright voxel; the other slices are flat, so hold no objects.
			for (int i = 0; i < v.length; i++) {
				int x = i % n, y = i / n % n, z = i / (n * n);
				boolean inWindow = z == 10 && Math.abs(x - 10) <= 6 && Math.abs(y - 10) <= 6;
				assertEquals(inWindow && i != centre ? 1 : 0, perSlice[i], "slice by slice at " + x + "," + y + "," + z);
			}
		}
	}

	/** Brute-force local mean and standard deviation over the truncated box, NaN left out. */
	private static double[] bruteStats(float[] v, int w, int h, int d, int[] r, int x, int y, int z, boolean bright,
		boolean rescale, double min, double max)
	{
		double sum = 0, sum2 = 0;
		int count = 0;
		for (int zz = Math.max(0, z - r[2]); zz <= Math.min(d - 1, z + r[2]); zz++) {
			for (int yy = Math.max(0, y - r[1]); yy <= Math.min(h - 1, y + r[1]); yy++) {
				for (int xx = Math.max(0, x - r[0]); xx <= Math.min(w - 1, x + r[0]); xx++) {
					float f = v[zz * w * h + yy * w + xx];
					if (Float.isNaN(f)) continue;
					double u = rescale ? (bright ? (max - f) / (max - min) : (f - min) / (max - min)) : bright ? f : -f;
					sum += u;
					sum2 += u * u;
					count++;
				}
			}
		}
		double mean = sum / count;
		return new double[] { mean, Math.sqrt(Math.max(0, sum2 / count - mean * mean)) };
	}

	@Test
	void boxMethodsMatchABruteForceComputationIn3DWithNaN() {
		int w = 13, h = 11, d = 7;
		Random random = new Random(3);
		float[] v = new float[w * h * d];
		for (int i = 0; i < v.length; i++) v[i] = (float) (random.nextDouble() * 50 - 10);
		v[5] = Float.NaN;
		v[300] = Float.NaN;
		double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
		for (float f : v) if (!Float.isNaN(f)) {
			min = Math.min(min, f);
			max = Math.max(max, f);
		}
		Spacing spacing = new Spacing(0.5, 0.5, 1.5, "um");
		for (Method m : new Method[] { Method.MEAN, Method.NIBLACK, Method.SAUVOLA, Method.PHANSALKAR }) {
			for (boolean bright : new boolean[] { true, false }) {
				Settings s = Settings.of(m, 2.2).withObjects(bright).withOffset(1.5);
				byte[] mask = LocalThreshold.apply(Volume.ofFloats(v, w, h, d, spacing), s, Progress.NONE);
				int[] r = LocalThreshold.radiusInVoxels(2.2, spacing, d, false);
				assertArrayEquals(new int[] { 4, 4, 1 }, r);
				boolean rescale = m == Method.SAUVOLA || m == Method.PHANSALKAR;
				for (int z = 0; z < d; z++) {
					for (int y = 0; y < h; y++) {
						for (int x = 0; x < w; x++) {
							int i = z * w * h + y * w + x;
							if (Float.isNaN(v[i])) {
								assertEquals(0, mask[i]);
								continue;
							}
							double[] ms = bruteStats(v, w, h, d, r, x, y, z, bright, rescale, min, max);
							double mean = ms[0], std = ms[1];
							double u = rescale ? (bright ? (max - v[i]) / (max - min) : (v[i] - min) / (max - min)) : bright
								? v[i] : -v[i];
							double t = switch (m) {
								case MEAN -> mean - 1.5;
								case NIBLACK -> mean + 0.2 * std - 1.5;
								case SAUVOLA -> mean * (1 + 0.5 * (std / 0.5 - 1));
								default -> mean * (1 + 2 * Math.exp(-10 * mean) + 0.25 * (std / 0.5 - 1));
							};
							if (Math.abs(u - t) < 1e-6) continue; // a tie: either answer is right
							// Sauvola and Phansalkar take the values below their threshold (their dark-object form).
							boolean inside = rescale ? u < t : u > t;
							assertEquals(inside ? 1 : 0, mask[i], m + (bright ? " bright" : " dark") + " at " + x + "," + y +
								"," + z);
						}
					}
				}
			}
		}
	}

	@Test
	void sameAnswerFor8And16And32Bit() {
		byte[] truth = new byte[W * H];
		float[] v = gradientWithDisks(truth);
		byte[] b = new byte[v.length];
		short[] s = new short[v.length];
		float[] f = new float[v.length];
		for (int i = 0; i < v.length; i++) {
			int q = Math.round(v[i]);
			b[i] = (byte) q;
			s[i] = (short) q;
			f[i] = q;
		}
		for (Method m : Method.values()) {
			Settings settings = Settings.of(m, 8).withOffset(-4);
			byte[] m8 = LocalThreshold.apply(Volume.ofBytes(b, W, H, 1, Spacing.UNIT), settings, Progress.NONE);
			assertArrayEquals(m8, LocalThreshold.apply(Volume.ofShorts(s, W, H, 1, Spacing.UNIT), settings,
				Progress.NONE), m.label());
			assertArrayEquals(m8, LocalThreshold.apply(Volume.ofFloats(f, W, H, 1, Spacing.UNIT), settings,
				Progress.NONE), m.label());
		}
	}

	@Test
	void flatRegionsAreNotObjectsWithZeroOffset() {
		byte[] b = new byte[W * H];
		for (int i = 0; i < b.length; i++) b[i] = (byte) (i % W < 80 ? 10 : 200);
		byte[] mask = LocalThreshold.apply(Volume.ofBytes(b, W, H, 1, Spacing.UNIT), Settings.of(Method.MEAN, 5),
			Progress.NONE);
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) assertEquals(x >= 80 && x <= 84 ? 1 : 0, mask[y * W + x], "at " + x);
		}
	}

	@Test
	void badInputIsRefusedAndLeftUnchanged() {
		byte[] truth = new byte[W * H];
		float[] v = gradientWithDisks(truth);
		float[] before = v.clone();
		Volume volume = Volume.ofFloats(v, W, H, 1, Spacing.UNIT);
		for (double radius : new double[] { 0, -3, Double.NaN }) {
			SegKitException e = assertThrows(SegKitException.class, () -> LocalThreshold.apply(volume, Settings.of(
				Method.MEAN, radius), Progress.NONE));
			assertTrue(e.getMessage().contains("radius"), e.getMessage());
		}
		SegKitException e = assertThrows(SegKitException.class, () -> LocalThreshold.apply(volume, Settings.of(
			Method.MEAN, 0.2), Progress.NONE));
		assertTrue(e.getMessage().contains("half a pixel"), e.getMessage());
		float[] constant = new float[W * H];
		e = assertThrows(SegKitException.class, () -> LocalThreshold.apply(Volume.ofFloats(constant, W, H, 1,
			Spacing.UNIT), Settings.of(Method.SAUVOLA, 5), Progress.NONE));
		assertTrue(e.getMessage().startsWith("Nothing to threshold"), e.getMessage());
		java.util.Arrays.fill(constant, Float.NaN);
		e = assertThrows(SegKitException.class, () -> LocalThreshold.apply(Volume.ofFloats(constant, W, H, 1,
			Spacing.UNIT), Settings.of(Method.SAUVOLA, 5), Progress.NONE));
		assertTrue(e.getMessage().contains("NaN"), e.getMessage());
		for (Method m : Method.values()) LocalThreshold.apply(volume, Settings.of(m, 5), Progress.NONE);
		assertArrayEquals(before, v);
	}
}
