package io.segkit.classic.threshold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Binning against ImageJ's own 8-bit conversion (the reference), and its bounds against the bins they bound. */
class BinningTest {

	/** ImageJ's bins for 16- or 32-bit pixels: the 8-bit image its threshold methods see. */
	private static int[] imagejBins(ImageProcessor ip) {
		ImageProcessor copy = ip.duplicate();
		copy.resetMinAndMax();
		byte[] b = (byte[]) copy.convertToByte(true).getPixels();
		int[] bins = new int[b.length];
		for (int i = 0; i < b.length; i++) bins[i] = b[i] & 0xff;
		return bins;
	}

	@Test
	void eightBitBinsAreTheValuesAndBoundsTheBins() {
		Binning b = new Binning(8, 3, 200);
		for (int v = 0; v < 256; v++) assertEquals(v, b.bin(v));
		assertArrayEquals(new double[] { 17, 99 }, b.bounds(17, 99));
		assertArrayEquals(new double[] { 0, 255 }, b.bounds(0, 255));
	}

	@Test
	void sixteenBitBinsAreImageJs() {
		Random random = new Random(1);
		int[][] ranges = { { 1000, 3002 }, { 5, 20 }, { 7, 7 + 255 }, { 0, 65535 }, { 40000, 40001 }, { 300, 812 } };
		for (int[] range : ranges) {
			int min = range[0], max = range[1];
			int n = 4096;
			short[] p = new short[n];
			for (int i = 0; i < n; i++) {
				// every value of small ranges, else random ones; the first two pixels fix min and max
				int v = i == 0 ? min : i == 1 ? max : max - min < n - 2 ? min + (i - 2) % (max - min + 1)
					: min + random.nextInt(max - min + 1);
				p[i] = (short) v;
			}
			int[] expected = imagejBins(new ShortProcessor(64, 64, p, null));
			Binning b = new Binning(16, min, max);
			for (int i = 0; i < n; i++) assertEquals(expected[i], b.bin(p[i] & 0xffff), "value " + (p[i] & 0xffff) +
				" in " + min + ".." + max);
			assertEquals(0, b.bin(min));
		}
	}

	@Test
	void thirtyTwoBitBinsAreImageJs() {
		Random random = new Random(2);
		double[][] ranges = { { -3.7, 2.25 }, { 0, 255 }, { 1e-3, 2e-3 }, { -1e6, 1e6 }, { 100, 100.5 } };
		for (double[] range : ranges) {
			float min = (float) range[0], max = (float) range[1];
			int n = 4096;
			float[] p = new float[n];
			for (int i = 0; i < n; i++) p[i] = i == 0 ? min : i == 1 ? max : min + (max - min) * random.nextFloat();
			int[] expected = imagejBins(new FloatProcessor(64, 64, p));
			Binning b = new Binning(32, min, max);
			int differ = 0;
			for (int i = 0; i < n; i++) if (expected[i] != b.bin(p[i])) differ++;
			assertEquals(0, differ, "bins that differ from ImageJ's in " + min + ".." + max);
			assertEquals(0, b.bin(min));
			assertEquals(255, b.bin(max));
			assertEquals(0, b.bin(min - 1), "below min clamps to bin 0");
			assertEquals(255, b.bin(max + 1), "above max clamps to bin 255");
		}
	}

	/** 1000..3002 (ImageJ reports 3002 for the top bin): the top bin starts at 2992, the largest whole value below is 2991. */
	@Test
	void sixteenBitBoundsByHand() {
		Binning b = new Binning(16, 1000, 3002);
		assertEquals(254, b.bin(2991));
		assertEquals(255, b.bin(2992));
		assertArrayEquals(new double[] { 2992, 65535 }, b.bounds(255, 255));
		assertArrayEquals(new double[] { 0, 2991 }, b.bounds(0, 254));
		assertArrayEquals(new double[] { 0, 65535 }, b.bounds(0, 255));
	}

	/** For every run of bins, the whole values within the bounds are exactly those whose bin lies in the run. */
	@Test
	void sixteenBitBoundsSelectExactlyTheirBins() {
		int[][] ranges = { { 1000, 3002 }, { 5, 20 }, { 0, 255 }, { 123, 1234 } };
		for (int[] range : ranges) {
			Binning b = new Binning(16, range[0], range[1]);
			for (int from = 0; from < 256; from += 17) {
				for (int to = from; to < 256; to += 23) {
					double[] bounds = b.bounds(from, to);
					assertTrue(bounds[0] <= bounds[1] + 1, "bounds " + bounds[0] + ".." + bounds[1]);
					for (int v = range[0]; v <= range[1]; v++) {
						boolean inBins = b.bin(v) >= from && b.bin(v) <= to;
						boolean inBounds = v >= bounds[0] && v <= bounds[1];
						assertEquals(inBins, inBounds, "value " + v + " bins " + from + ".." + to + " in " + range[0] + ".." +
							range[1]);
					}
					if (from == 0) assertEquals(0, bounds[0], "open lower side");
					if (to == 255) assertEquals(65535, bounds[1], "open upper side");
				}
			}
		}
	}

	@Test
	void thirtyTwoBitBoundsAreTheBinEdges() {
		Binning b = new Binning(32, 0, 255); // scale 1: bin = (int) (v + 0.5)
		double[] bounds = b.bounds(10, 20);
		assertEquals(9.5, bounds[0]);
		assertEquals(Math.nextDown(20.5), bounds[1]);
		assertEquals(10, b.bin(9.5f));
		assertEquals(9, b.bin(Math.nextDown(9.5f)));
		assertEquals(20, b.bin(Math.nextDown(20.5f)));
		assertEquals(21, b.bin(20.5f));
		assertArrayEquals(new double[] { 0, 255 }, b.bounds(0, 255), "the data's min and max on open sides");
		Binning negative = new Binning(32, -2.5, 3.5);
		assertArrayEquals(new double[] { -2.5, 3.5 }, negative.bounds(0, 255));
		assertEquals(-2.5 + 99.5 / 255 * 6, negative.bounds(100, 255)[0], 1e-12);
	}

	/** Values right at and around every bin edge: within the bounds exactly when their bin is in the run. */
	@Test
	void thirtyTwoBitBoundsSelectExactlyTheirBins() {
		for (double[] range : new double[][] { { -2.5, 3.5 }, { 0, 1 }, { 17.25, 90000 } }) {
			double min = range[0], max = range[1];
			Binning b = new Binning(32, min, max);
			for (int from = 0; from < 256; from += 15) {
				for (int to = from; to < 256; to += 29) {
					double[] bounds = b.bounds(from, to);
					for (int edge = 0; edge <= 256; edge++) {
						float centre = (float) (min + (edge - 0.5) * (max - min) / 255);
						float v = centre;
						for (int k = 0; k < 3; k++) v = Math.nextDown(v);
						for (int k = 0; k < 7; k++, v = Math.nextUp(v)) {
							if (v < min || v > max) continue;
							boolean inBins = b.bin(v) >= from && b.bin(v) <= to;
							boolean inBounds = v >= bounds[0] && v <= bounds[1];
							assertEquals(inBins, inBounds, "value " + v + " (bin " + b.bin(v) + ") bins " + from + ".." + to +
								" bounds " + bounds[0] + ".." + bounds[1]);
						}
					}
				}
			}
		}
	}
}
