package io.segkit.classic.threshold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.TestProgress;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The separable box sum and convolution against direct sums over the truncated 3D window. */
class SeparableFiltersTest {

	private static double[] random(int n, long seed) {
		Random r = new Random(seed);
		double[] v = new double[n];
		for (int i = 0; i < n; i++) v[i] = r.nextInt(100) - 30; // whole numbers: sums are exact
		return v;
	}

	private static double[] bruteBox(double[] v, int[] dims, int[] r) {
		int w = dims[0], h = dims[1], d = dims[2];
		double[] out = new double[v.length];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			double sum = 0;
			for (int zz = Math.max(0, z - r[2]); zz <= Math.min(d - 1, z + r[2]); zz++)
				for (int yy = Math.max(0, y - r[1]); yy <= Math.min(h - 1, y + r[1]); yy++)
					for (int xx = Math.max(0, x - r[0]); xx <= Math.min(w - 1, x + r[0]); xx++) sum += v[(zz * h + yy) * w + xx];
			out[(z * h + y) * w + x] = sum;
		}
		return out;
	}

	private static double[] bruteConvolve(double[] v, int[] dims, double[][] kernels) {
		int w = dims[0], h = dims[1], d = dims[2];
		int[] r = new int[3];
		double[][] k = new double[3][];
		for (int a = 0; a < 3; a++) {
			k[a] = kernels[a] == null ? new double[] { 1 } : kernels[a];
			r[a] = k[a].length / 2;
		}
		double[] out = new double[v.length];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			double sum = 0;
			for (int zz = Math.max(0, z - r[2]); zz <= Math.min(d - 1, z + r[2]); zz++)
				for (int yy = Math.max(0, y - r[1]); yy <= Math.min(h - 1, y + r[1]); yy++)
					for (int xx = Math.max(0, x - r[0]); xx <= Math.min(w - 1, x + r[0]); xx++) {
						double weight = k[0][xx - x + r[0]] * k[1][yy - y + r[1]] * k[2][zz - z + r[2]];
						sum += weight * v[(zz * h + yy) * w + xx];
					}
			out[(z * h + y) * w + x] = sum;
		}
		return out;
	}

	@Test
	void boxSumEqualsTheDirectSumOverTheTruncatedWindow() {
		int[][] dims = { { 7, 5, 3 }, { 1, 9, 4 }, { 6, 1, 1 }, { 11, 8, 1 }, { 2, 3, 5 } };
		int[][] radii = { { 1, 1, 1 }, { 0, 2, 1 }, { 3, 0, 0 }, { 20, 20, 20 }, { 2, 1, 0 }, { 0, 0, 3 } };
		for (int[] dim : dims) {
			for (int[] r : radii) {
				double[] v = random(dim[0] * dim[1] * dim[2], 3);
				double[] expected = bruteBox(v, dim, r);
				SeparableFilters.boxSum(v, dim, r, Progress.NONE);
				assertArrayEquals(expected, v, 1e-9, java.util.Arrays.toString(dim) + " r " + java.util.Arrays.toString(r));
			}
		}
	}

	@Test
	void boxSumByHandOnALine() {
		double[] v = { 1, 2, 3, 4, 5 };
		SeparableFilters.boxSum(v, new int[] { 5, 1, 1 }, new int[] { 1, 0, 0 }, Progress.NONE);
		assertArrayEquals(new double[] { 3, 6, 9, 12, 9 }, v);
		double[] column = { 1, 2, 3, 4, 5 };
		SeparableFilters.boxSum(column, new int[] { 1, 5, 1 }, new int[] { 0, 2, 0 }, Progress.NONE);
		assertArrayEquals(new double[] { 6, 10, 15, 14, 12 }, column);
	}

	@Test
	void convolutionEqualsTheDirectSumWithTruncatedKernels() {
		// centre weight 1, as LocalThreshold's Gaussians (see lineOfOneVoxelIsLeftAlone...)
		double[] gauss = { 0.5, 1, 0.5 };
		double[] wide = { 0.25, 0.5, 1, 0.5, 0.25 };
		double[][][] kernelSets = { { gauss, gauss, gauss }, { wide, null, gauss }, { null, wide, null }, { new double[] {
			2 }, gauss, wide } };
		int[][] dims = { { 7, 5, 3 }, { 4, 6, 1 }, { 1, 1, 6 }, { 3, 2, 4 } };
		for (int[] dim : dims) {
			for (double[][] kernels : kernelSets) {
				double[] v = random(dim[0] * dim[1] * dim[2], 4);
				double[] expected = bruteConvolve(v, dim, kernels);
				// a length-1 kernel is skipped: "leave that axis alone", whatever its weight
				if (kernels[0] != null && kernels[0].length == 1) expected = bruteConvolve(v, dim, new double[][] { null,
					kernels[1], kernels[2] });
				SeparableFilters.convolve(v, dim, kernels, Progress.NONE);
				assertArrayEquals(expected, v, 1e-9, java.util.Arrays.toString(dim));
			}
		}
	}

	/**
	 * convolve leaves an axis of one voxel (and a kernel of one weight) alone, while kernelWeights gives that axis the
	 * kernel's centre weight; the two agree only for a centre weight of 1. LocalThreshold's Gaussians are built that
	 * way (exp(0) at the centre), so its normalised means are right on single-slice and one-pixel-wide images.
	 */
	@Test
	void lineOfOneVoxelIsLeftAloneWhichNeedsKernelsWithCentreOne() {
		double[] v = { 3, -1, 4 };
		SeparableFilters.convolve(v, new int[] { 1, 1, 3 }, new double[][] { { 0.5, 1, 0.5 }, { 0.5, 1, 0.5 }, null },
			Progress.NONE);
		assertArrayEquals(new double[] { 3, -1, 4 }, v);
		assertArrayEquals(new double[] { 1 }, SeparableFilters.kernelWeights(1, new double[] { 0.5, 1, 0.5 }));
		double[][] kernels = LocalThreshold.gaussianKernels(4, new io.segkit.image.Spacing(0.5, 1, 3, "um"), new int[] {
			8, 4, 1 });
		for (double[] k : kernels) {
			assertEquals(1, k.length % 2);
			assertEquals(1.0, k[k.length / 2], 0, "centre weight");
			for (int j = 0; j < k.length; j++) assertEquals(k[j], k[k.length - 1 - j], 0, "symmetric");
		}
		assertEquals(null, LocalThreshold.gaussianKernels(4, io.segkit.image.Spacing.UNIT, new int[] { 4, 4, 0 })[2],
			"no kernel along an axis of radius 0");
	}

	@Test
	void countsAndWeightsNormaliseAConstantImage() {
		assertArrayEquals(new double[] { 3, 4, 5, 5, 4, 3 }, SeparableFilters.boxCounts(6, 2));
		assertArrayEquals(new double[] { 1, 1, 1 }, SeparableFilters.boxCounts(3, 0));
		assertArrayEquals(new double[] { 3, 3, 3 }, SeparableFilters.boxCounts(3, 5), "window larger than the line");
		assertArrayEquals(new double[] { 6, 8, 9, 8, 6 }, SeparableFilters.kernelWeights(5, new double[] { 1, 2, 3, 2,
			1 }));
		assertArrayEquals(new double[] { 1, 1 }, SeparableFilters.kernelWeights(2, null));
		// A constant image filtered, then divided by the per-axis normalisation, is the constant again.
		int[] dims = { 6, 5, 4 };
		int[] r = { 2, 1, 3 };
		double[] v = new double[6 * 5 * 4];
		java.util.Arrays.fill(v, 7);
		SeparableFilters.boxSum(v, dims, r, Progress.NONE);
		double[][] c = { SeparableFilters.boxCounts(6, 2), SeparableFilters.boxCounts(5, 1), SeparableFilters.boxCounts(
			4, 3) };
		for (int z = 0; z < 4; z++) for (int y = 0; y < 5; y++) for (int x = 0; x < 6; x++)
			assertEquals(7, v[(z * 5 + y) * 6 + x] / (c[0][x] * c[1][y] * c[2][z]), 1e-12);
	}

	@Test
	void cancellationStopsTheFilter() {
		Progress cancelled = TestProgress.cancelled();
		double[] v = random(20 * 20 * 4, 5);
		assertThrows(Cancelled.class, () -> SeparableFilters.boxSum(v, new int[] { 20, 20, 4 }, new int[] { 1, 1, 1 },
			cancelled));
	}
}
