package io.segkit.classic.threshold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.process.AutoThresholder.Method;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.Random;

import org.junit.jupiter.api.Test;

class AutoThresholdTest {

	private static final int W = 40, H = 30;

	/** Two noisy populations (dark background, bright square) of the given centres and spread. */
	private static double[] bimodal(double dark, double bright, double spread, long seed) {
		Random random = new Random(seed);
		double[] v = new double[W * H];
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				boolean inside = x >= 10 && x < 30 && y >= 8 && y < 22;
				v[y * W + x] = (inside ? bright : dark) + spread * random.nextGaussian();
			}
		}
		return v;
	}

	private static ImageProcessor processor(int bitDepth, double[] v) {
		switch (bitDepth) {
			case 8: {
				byte[] p = new byte[v.length];
				for (int i = 0; i < v.length; i++) p[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
				return new ByteProcessor(W, H, p);
			}
			case 16: {
				short[] p = new short[v.length];
				for (int i = 0; i < v.length; i++) p[i] = (short) Math.max(0, Math.min(65535, Math.round(v[i])));
				return new ShortProcessor(W, H, p, null);
			}
			default: {
				float[] p = new float[v.length];
				for (int i = 0; i < v.length; i++) p[i] = (float) v[i];
				return new FloatProcessor(W, H, p);
			}
		}
	}

	private static Volume volumeOf(ImageProcessor ip) {
		Object pixels = ip.getPixels();
		if (pixels instanceof byte[] b) return Volume.ofBytes(b, W, H, 1, Spacing.UNIT);
		if (pixels instanceof short[] s) return Volume.ofShorts(s, W, H, 1, Spacing.UNIT);
		return Volume.ofFloats((float[]) pixels, W, H, 1, Spacing.UNIT);
	}

	/**
	 * ImageJ's own bounds: setAutoThreshold("Method [dark]") on a copy (what the Threshold tool and the
	 * macro function do), then getMin/MaxThreshold.
	 */
	private static double[] imagejBounds(ImageProcessor ip, Method method, boolean bright) {
		ImageProcessor copy = ip.duplicate();
		copy.setAutoThreshold(method.name() + (bright ? " dark" : "") + " no-lut");
		return new double[] { copy.getMinThreshold(), copy.getMaxThreshold() };
	}

	/** ImageJ's 8-bit version of a 16/32-bit image: the bins its threshold methods see. */
	private static ImageProcessor imagejBins(ImageProcessor ip) {
		ImageProcessor copy = ip.duplicate();
		copy.resetMinAndMax();
		return copy.convertToByte(true);
	}

	@Test
	void matchesImageJForEveryMethodBitDepthAndPolarity() {
		double[][] data = { bimodal(60, 170, 18, 1), bimodal(1200, 5200, 700, 2), bimodal(-3.7, 2.25, 1.1, 3) };
		int[] depths = { 8, 16, 32 };
		for (int d = 0; d < 3; d++) {
			ImageProcessor ip = processor(depths[d], data[d]);
			ImageProcessor bins = depths[d] == 8 ? ip : imagejBins(ip);
			double binWidth = (ip.getMax() - ip.getMin()) / 255;
			Volume volume = volumeOf(ip);
			for (Method method : Method.values()) {
				for (boolean bright : new boolean[] { true, false }) {
					String what = depths[d] + "-bit " + method + (bright ? " bright" : " dark");
					double[] imagej = imagejBounds(ip, method, bright);
					// ImageJ's threshold bin, from its own 8-bit version of the image.
					double[] binBounds = imagejBounds(bins, method, bright);
					AutoThreshold.Result r = AutoThreshold.apply(volume, method, bright, true, Progress.NONE);
					for (int i = 0; i < W * H; i++) {
						int bin = bins.get(i);
						boolean in = bin >= binBounds[0] && bin <= binBounds[1];
						assertEquals(in ? 1 : 0, r.mask()[i], what + " mask at " + i);
					}
					if (depths[d] == 8) {
						assertEquals(imagej[0], r.lower()[0], what + " lower");
						assertEquals(imagej[1], r.upper()[0], what + " upper");
						continue;
					}
					// The real bounds: within one bin of ImageJ's value, and they select exactly the mask.
					int side = bright ? 0 : 1;
					double ours = bright ? r.lower()[0] : r.upper()[0];
					assertEquals(imagej[side], ours, binWidth + 1, what);
					assertArrayEquals(r.mask(), ManualThreshold.apply(volume, r.lower()[0], r.upper()[0], Progress.NONE),
						what + " bounds select the mask");
				}
			}
		}
	}

	@Test
	void sixteenBitBoundIsTheLowerEdgeOfTheObjectBin() {
		// 1000..1002 and 3000..3002: ImageJ puts 3000 in the top bin but reports 3002 as the lower bound
		// (min + 255/255 (max - min)), so its Apply would drop 3000 and 3001. SegKit reports 2992, the
		// smallest whole value in that bin ((v - 1000) * 256 / 2003 + 0.5 >= 255), and keeps all three.
		short[] p = new short[W * H];
		for (int i = 0; i < p.length; i++) p[i] = (short) ((i % 2 == 0 ? 1000 : 3000) + (i / 2) % 3);
		ShortProcessor ip = new ShortProcessor(W, H, p, null);
		assertEquals(3002, imagejBounds(ip, Method.Otsu, true)[0]);
		AutoThreshold.Result r = AutoThreshold.apply(Volume.ofShorts(p, W, H, 1, Spacing.UNIT), Method.Otsu, true,
			true, Progress.NONE);
		assertEquals(2992, r.lower()[0]);
		assertEquals(65535, r.upper()[0]);
		for (int i = 0; i < p.length; i++) assertEquals(i % 2 == 0 ? 0 : 1, r.mask()[i]);
		AutoThreshold.Result dark = AutoThreshold.apply(Volume.ofShorts(p, W, H, 1, Spacing.UNIT), Method.Otsu, false,
			true, Progress.NONE);
		assertEquals(0, dark.lower()[0]);
		assertEquals(2991, dark.upper()[0]);
	}

	@Test
	void otsuSeparatesTwoKnownPopulations() {
		// 8-bit: 50 outside the square, 200 inside; any sensible threshold splits them exactly.
		for (int bitDepth : new int[] { 8, 16, 32 }) {
			double[] v = bimodal(50, 200, 0, 0);
			ImageProcessor ip = processor(bitDepth, v);
			AutoThreshold.Result r = AutoThreshold.apply(volumeOf(ip), Method.Otsu, true, true, Progress.NONE);
			for (int i = 0; i < v.length; i++) assertEquals(v[i] == 200 ? 1 : 0, r.mask()[i], bitDepth + "-bit at " + i);
			assertTrue(r.lower()[0] > 50 && r.lower()[0] <= 200, "lower bound " + r.lower()[0]);
			AutoThreshold.Result dark = AutoThreshold.apply(volumeOf(ip), Method.Otsu, false, true, Progress.NONE);
			for (int i = 0; i < v.length; i++) assertEquals(1 - r.mask()[i], dark.mask()[i]);
		}
	}

	@Test
	void thirtyTwoBitNegativeAndFractionalValuesMapBackToRealUnits() {
		// Background -2.5 / -1.25, objects 0.75 / 3.5: the bound must be a real value between the groups.
		float[] p = new float[W * H];
		for (int i = 0; i < p.length; i++) p[i] = (i % 4 == 0) ? -2.5f : (i % 4 == 1) ? -1.25f : (i % 4 == 2) ? 0.75f
			: 3.5f;
		FloatProcessor ip = new FloatProcessor(W, H, p);
		AutoThreshold.Result r = AutoThreshold.apply(Volume.ofFloats(p, W, H, 1, Spacing.UNIT), Method.Otsu, true,
			true, Progress.NONE);
		assertEquals(3.5, r.upper()[0], 1e-12); // the data's max (ImageJ shows 1e30)
		assertTrue(r.lower()[0] > -1.25 && r.lower()[0] <= 0.75, "lower " + r.lower()[0]);
		// The lower bound is the lower edge of ImageJ's first object bin b: min + (b - 0.5) / 255 (max - min),
		// with b from ImageJ's own 8-bit version of the image.
		double b = imagejBounds(imagejBins(ip), Method.Otsu, true)[0];
		assertEquals(-2.5 + (b - 0.5) / 255 * 6.0, r.lower()[0], 1e-12);
		assertTrue(imagejBounds(ip, Method.Otsu, true)[0] > r.lower()[0], "ImageJ's bound is half a bin higher");
		for (int i = 0; i < p.length; i++) assertEquals(p[i] >= 0.75f ? 1 : 0, r.mask()[i]);
		AutoThreshold.Result dark = AutoThreshold.apply(Volume.ofFloats(p, W, H, 1, Spacing.UNIT), Method.Otsu, false,
			true, Progress.NONE);
		assertEquals(-2.5, dark.lower()[0]);
		assertTrue(dark.upper()[0] < r.lower()[0] && dark.upper()[0] > r.lower()[0] - 1e-12);
		for (int i = 0; i < p.length; i++) assertEquals(1 - r.mask()[i], dark.mask()[i]);
	}

	@Test
	void nanIsLeftOutOfTheHistogramAndTheMask() {
		double[] v = bimodal(-10, 10, 1, 5);
		float[] p = new float[v.length], clean = new float[v.length];
		for (int i = 0; i < v.length; i++) clean[i] = p[i] = (float) v[i];
		for (int i = 0; i < p.length; i += 7) p[i] = Float.NaN;
		AutoThreshold.Result withNaN = AutoThreshold.apply(Volume.ofFloats(p, W, H, 1, Spacing.UNIT), Method.Otsu,
			true, true, Progress.NONE);
		for (int i = 0; i < p.length; i += 7) assertEquals(0, withNaN.mask()[i]);
		for (int i = 0; i < p.length; i++) if (!Float.isNaN(p[i])) assertEquals(clean[i] > 0 ? 1 : 0, withNaN.mask()[i]);
	}

	/** Slice 1 holds 10 and 30, slice 2 holds 200 and 220 (8-bit), left half low, right half high. */
	private static Volume twoSlices(int bitDepth) {
		int n = W * H;
		float[] f = new float[2 * n];
		for (int z = 0; z < 2; z++) {
			for (int i = 0; i < n; i++) {
				boolean right = i % W >= W / 2;
				f[z * n + i] = z == 0 ? (right ? 30 : 10) : (right ? 220 : 200);
			}
		}
		if (bitDepth == 32) return Volume.ofFloats(f, W, H, 2, Spacing.UNIT);
		if (bitDepth == 16) {
			short[] s = new short[f.length];
			for (int i = 0; i < f.length; i++) s[i] = (short) (f[i] * 100);
			return Volume.ofShorts(s, W, H, 2, Spacing.UNIT);
		}
		byte[] b = new byte[f.length];
		for (int i = 0; i < f.length; i++) b[i] = (byte) f[i];
		return Volume.ofBytes(b, W, H, 2, Spacing.UNIT);
	}

	@Test
	void stackHistogramGivesOneThresholdSliceBySliceOnePerSlice() {
		int n = W * H;
		for (int bitDepth : new int[] { 8, 16, 32 }) {
			Volume volume = twoSlices(bitDepth);
			AutoThreshold.Result stack = AutoThreshold.apply(volume, Method.Otsu, true, true, Progress.NONE);
			assertFalse(stack.perSlice());
			for (int i = 0; i < n; i++) {
				assertEquals(0, stack.mask()[i], "slice 1 is all below the stack threshold");
				assertEquals(1, stack.mask()[n + i], "slice 2 is all above it");
			}
			AutoThreshold.Result slices = AutoThreshold.apply(volume, Method.Otsu, true, false, Progress.NONE);
			assertTrue(slices.perSlice());
			assertEquals(2, slices.lower().length);
			assertTrue(slices.lower()[0] < slices.lower()[1]);
			for (int z = 0; z < 2; z++) {
				for (int i = 0; i < n; i++) assertEquals(i % W >= W / 2 ? 1 : 0, slices.mask()[z * n + i]);
			}
		}
	}

	@Test
	void perSliceMatchesImageJOnEachSliceAlone() {
		// Per-slice thresholds are those ImageJ gives each 2D slice on its own.
		double[] a = bimodal(900, 3000, 400, 11), b = bimodal(2000, 9000, 900, 12);
		ShortProcessor pa = (ShortProcessor) processor(16, a), pb = (ShortProcessor) processor(16, b);
		short[] flat = new short[2 * W * H];
		System.arraycopy(pa.getPixels(), 0, flat, 0, W * H);
		System.arraycopy(pb.getPixels(), 0, flat, W * H, W * H);
		AutoThreshold.Result r = AutoThreshold.apply(Volume.ofShorts(flat, W, H, 2, Spacing.UNIT), Method.Li, true,
			false, Progress.NONE);
		AutoThreshold.Result a1 = AutoThreshold.apply(Volume.ofShorts((short[]) pa.getPixels(), W, H, 1, Spacing.UNIT),
			Method.Li, true, true, Progress.NONE);
		AutoThreshold.Result b1 = AutoThreshold.apply(Volume.ofShorts((short[]) pb.getPixels(), W, H, 1, Spacing.UNIT),
			Method.Li, true, true, Progress.NONE);
		assertEquals(a1.lower()[0], r.lower()[0]);
		assertEquals(b1.lower()[0], r.lower()[1]);
		assertArrayEquals(a1.mask(), java.util.Arrays.copyOfRange(r.mask(), 0, W * H));
		assertArrayEquals(b1.mask(), java.util.Arrays.copyOfRange(r.mask(), W * H, 2 * W * H));
		// and those are ImageJ's on each slice (within a bin, see matchesImageJ...).
		assertEquals(imagejBounds(pa, Method.Li, true)[0], r.lower()[0], (pa.getMax() - pa.getMin()) / 255 + 1);
	}

	@Test
	void constantSliceInAPerSliceRunIsEmpty() {
		byte[] b = new byte[2 * W * H];
		for (int i = W * H; i < b.length; i++) b[i] = (byte) (i % 2 == 0 ? 20 : 220);
		AutoThreshold.Result r = AutoThreshold.apply(Volume.ofBytes(b, W, H, 2, Spacing.UNIT), Method.Otsu, true,
			false, Progress.NONE);
		assertTrue(Double.isNaN(r.lower()[0]));
		for (int i = 0; i < W * H; i++) assertEquals(0, r.mask()[i]);
		for (int i = W * H; i < b.length; i++) assertEquals(i % 2 == 0 ? 0 : 1, r.mask()[i]);
	}

	@Test
	void constantAndAllNaNImagesAreRefusedAndLeftUnchanged() {
		short[] constant = new short[W * H];
		java.util.Arrays.fill(constant, (short) 7);
		short[] before = constant.clone();
		SegKitException e = assertThrows(SegKitException.class, () -> AutoThreshold.apply(Volume.ofShorts(constant,
			W, H, 1, Spacing.UNIT), Method.Otsu, true, true, Progress.NONE));
		assertTrue(e.getMessage().startsWith("Nothing to threshold"), e.getMessage());
		assertTrue(e.getMessage().contains("7"), e.getMessage());
		assertArrayEquals(before, constant);

		float[] nan = new float[W * H];
		java.util.Arrays.fill(nan, Float.NaN);
		e = assertThrows(SegKitException.class, () -> AutoThreshold.apply(Volume.ofFloats(nan, W, H, 1,
			Spacing.UNIT), Method.Otsu, true, true, Progress.NONE));
		assertTrue(e.getMessage().contains("NaN"), e.getMessage());
	}

	@Test
	void inputIsNotModified() {
		ImageProcessor ip = processor(32, bimodal(0, 1, 0.2, 9));
		float[] before = ((float[]) ip.getPixels()).clone();
		for (Method m : Method.values()) AutoThreshold.apply(volumeOf(ip), m, true, true, Progress.NONE);
		assertArrayEquals(before, (float[]) ip.getPixels());
	}
}
