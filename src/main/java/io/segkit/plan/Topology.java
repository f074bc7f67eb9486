package io.segkit.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The U-Net layout that nnU-Net's {@code get_pool_and_conv_props} derives from a spacing and a patch
 * size (nnunet-rules.md section 2, "Topology").
 *
 * @param poolsPerAxis number of 2x downsamplings per axis
 * @param strides per stage the stride of its first convolution; stage 0 is all 1
 * @param kernelSizes per stage the convolution kernel (1 or 3 per axis); the last stage is all 3
 * @param patchSize the patch rounded up to a multiple of {@code mustBeDivisibleBy}
 * @param mustBeDivisibleBy 2^pools per axis
 */
public record Topology(int[] poolsPerAxis, int[][] strides, int[][] kernelSizes, int[] patchSize,
	int[] mustBeDivisibleBy)
{

	/** nnU-Net's UNet_featuremap_min_edge_length: the bottleneck keeps at least this many voxels. */
	public static final int MIN_FEATURE_MAP_EDGE = 4;

	/** nnU-Net's max_numpool argument: no limit in practice. */
	public static final int MAX_POOLS_PER_AXIS = 999999;

	public int stages() {
		return strides.length;
	}

	/**
	 * The topology for a spacing and a (possibly fractional, when clipped to a median shape) patch size.
	 * Each round: axes of current size &gt;= 2 x 4 are candidates; those whose current spacing is below 2x
	 * the smallest candidate spacing are kept; a lone kept axis also needs size &gt;= 3 x 4. Before each
	 * pooling round, an axis's kernel becomes 3 (for good) once its spacing is below 2x the smallest
	 * current spacing of all axes. Pooling doubles the spacing and halves the size, rounding up.
	 */
	public static Topology of(double[] spacing, double[] patch) {
		int dim = spacing.length;
		double[] currentSpacing = spacing.clone();
		double[] currentSize = patch.clone();
		int[] pools = new int[dim];
		int[] kernel = new int[dim];
		java.util.Arrays.fill(kernel, 1);
		List<int[]> strides = new ArrayList<>();
		List<int[]> kernels = new ArrayList<>();
		strides.add(filled(dim, 1));
		while (true) {
			List<Integer> candidates = new ArrayList<>();
			for (int a = 0; a < dim; a++) {
				if (currentSize[a] >= 2 * MIN_FEATURE_MAP_EDGE) candidates.add(a);
			}
			if (candidates.isEmpty()) break;
			double minCandidateSpacing = Double.POSITIVE_INFINITY;
			for (int a : candidates) minCandidateSpacing = Math.min(minCandidateSpacing, currentSpacing[a]);
			List<Integer> toPool = new ArrayList<>();
			for (int a : candidates) {
				if (currentSpacing[a] / minCandidateSpacing < 2 && pools[a] < MAX_POOLS_PER_AXIS) toPool.add(a);
			}
			if (toPool.size() == 1 && currentSize[toPool.get(0)] < 3 * MIN_FEATURE_MAP_EDGE) break;
			if (toPool.isEmpty()) break;
			double minSpacing = min(currentSpacing);
			for (int a = 0; a < dim; a++) {
				if (kernel[a] != 3 && currentSpacing[a] / minSpacing < 2) kernel[a] = 3;
			}
			int[] stride = filled(dim, 1);
			for (int a : toPool) {
				stride[a] = 2;
				pools[a]++;
				currentSpacing[a] *= 2;
				currentSize[a] = Math.ceil(currentSize[a] / 2);
			}
			strides.add(stride);
			kernels.add(kernel.clone());
		}
		kernels.add(filled(dim, 3)); // the bottleneck always uses 3x3(x3)
		int[] divisibleBy = new int[dim];
		int[] padded = new int[dim];
		for (int a = 0; a < dim; a++) {
			divisibleBy[a] = 1 << pools[a];
			padded[a] = padToMultiple(patch[a], divisibleBy[a]);
		}
		return new Topology(pools, strides.toArray(new int[0][]), kernels.toArray(new int[0][]), padded,
			divisibleBy);
	}

	public static Topology of(double[] spacing, int[] patch) {
		double[] p = new double[patch.length];
		for (int i = 0; i < p.length; i++) p[i] = patch[i];
		return of(spacing, p);
	}

	/**
	 * nnU-Net's pad_shape: a multiple stays, anything else goes up to the next multiple (a fractional
	 * median-clipped size like 326.5 goes up too).
	 */
	static int padToMultiple(double size, int multiple) {
		return (int) (Math.ceil(size / multiple) * multiple);
	}

	private static int[] filled(int n, int value) {
		int[] a = new int[n];
		java.util.Arrays.fill(a, value);
		return a;
	}

	private static double min(double[] values) {
		double m = Double.POSITIVE_INFINITY;
		for (double v : values) m = Math.min(m, v);
		return m;
	}
}
