package io.segkit.classic.threshold;

import io.segkit.Progress;

import java.util.stream.IntStream;

/**
 * In-place separable filters on a flat double volume (index z*w*h + y*w + x): a box sum with running
 * (prefix) sums, O(1) per voxel whatever the radius, and a convolution with a symmetric kernel. Both
 * stop at the image border (the window is truncated, not padded); {@link #boxCounts} and
 * {@link #kernelWeights} give the matching per-axis normalisation.
 */
final class SeparableFilters {

	private SeparableFilters() {}

	/** Sums over a box of half-size {rx, ry, rz} voxels, truncated at the border. */
	static void boxSum(double[] data, int[] dims, int[] radius, Progress progress) {
		for (int axis = 0; axis < 3; axis++) {
			int r = radius[axis];
			if (r == 0 || dims[axis] == 1) continue;
			alongAxis(data, dims, axis, (line, scratch, n) -> {
				scratch[0] = 0;
				for (int j = 0; j < n; j++) scratch[j + 1] = scratch[j] + line[j];
				for (int j = 0; j < n; j++) line[j] = scratch[Math.min(j + r, n - 1) + 1] - scratch[Math.max(j - r, 0)];
			}, progress);
		}
	}

	/** Convolves with one symmetric kernel per axis (length 2r+1; null = leave that axis alone). */
	static void convolve(double[] data, int[] dims, double[][] kernels, Progress progress) {
		for (int axis = 0; axis < 3; axis++) {
			double[] kernel = kernels[axis];
			if (kernel == null || kernel.length == 1 || dims[axis] == 1) continue;
			int r = kernel.length / 2;
			alongAxis(data, dims, axis, (line, scratch, n) -> {
				for (int j = 0; j < n; j++) {
					double sum = 0;
					int from = Math.max(0, j - r), to = Math.min(n - 1, j + r);
					for (int q = from; q <= to; q++) sum += kernel[q - j + r] * line[q];
					scratch[j] = sum;
				}
				System.arraycopy(scratch, 0, line, 0, n);
			}, progress);
		}
	}

	/** Number of positions of a truncated window of half-size r at each index of a line of length n. */
	static double[] boxCounts(int n, int r) {
		double[] c = new double[n];
		for (int j = 0; j < n; j++) c[j] = Math.min(j + r, n - 1) - Math.max(j - r, 0) + 1;
		return c;
	}

	/** Sum of the kernel weights that fall inside a line of length n, at each index. */
	static double[] kernelWeights(int n, double[] kernel) {
		double[] c = new double[n];
		if (kernel == null) {
			java.util.Arrays.fill(c, 1);
			return c;
		}
		int r = kernel.length / 2;
		for (int j = 0; j < n; j++) {
			for (int q = Math.max(0, j - r); q <= Math.min(n - 1, j + r); q++) c[j] += kernel[q - j + r];
		}
		return c;
	}

	interface LineOp {

		/** Replaces line[0..n) by its filtered values; scratch has n + 1 entries. */
		void apply(double[] line, double[] scratch, int n);
	}

	/** Runs op on every line along axis (0 = x, 1 = y, 2 = z), in parallel chunks of lines. */
	static void alongAxis(double[] data, int[] dims, int axis, LineOp op, Progress progress) {
		int w = dims[0], h = dims[1], plane = w * h;
		int n = dims[axis];
		int stride = axis == 0 ? 1 : axis == 1 ? w : plane;
		// Lines are numbered (outer, inner) so that neighbouring lines lie next to each other in memory.
		int inner = axis == 0 ? h : w;
		long lines = (long) data.length / n;
		int chunks = (int) Math.min(lines, 8L * Runtime.getRuntime().availableProcessors() * 4);
		IntStream.range(0, chunks).parallel().forEach(c -> {
			progress.checkCancelled();
			double[] line = new double[n], scratch = new double[n + 1];
			long from = lines * c / chunks, to = lines * (c + 1) / chunks;
			for (long li = from; li < to; li++) {
				int outer = (int) (li / inner), in = (int) (li % inner);
				int start = axis == 0 ? outer * plane + in * w : axis == 1 ? outer * plane + in : outer * w + in;
				for (int j = 0, p = start; j < n; j++, p += stride) line[j] = data[p];
				op.apply(line, scratch, n);
				for (int j = 0, p = start; j < n; j++, p += stride) data[p] = line[j];
				if ((li & 1023) == 0) progress.checkCancelled();
			}
		});
	}
}
