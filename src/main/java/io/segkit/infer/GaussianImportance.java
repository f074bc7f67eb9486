package io.segkit.infer;

/**
 * nnU-Net's importance map for blending overlapping tiles: a Gaussian with sigma = patch / 8 per axis, so that a
 * tile's centre, where the network saw the most context, counts more than its border.
 * <p>
 * Differences from nnU-Net, both without effect on the blended result beyond rounding: the Gaussian is evaluated
 * analytically around the true centre (p - 1) / 2, so the map is mirror-symmetric (nnU-Net filters a delta at
 * p / 2, half a voxel off for even sizes); and the maximum is 10 as in nnU-Net, which cancels in the division by
 * the summed map and only keeps the border values far from float underflow. Zeros (only possible through
 * underflow) are replaced by the smallest non-zero value, so every predicted voxel has a positive weight.
 */
public final class GaussianImportance {

	/** The value at the centre of the map. */
	public static final float MAX = 10f;

	private GaussianImportance() {}

	/**
	 * The map for a patch of the given size (any number of axes, internal order), flattened with the last axis
	 * fastest.
	 */
	public static float[] map(int[] patch) {
		double[][] profiles = new double[patch.length][];
		int n = 1;
		for (int a = 0; a < patch.length; a++) {
			profiles[a] = profile(patch[a]);
			n = Math.multiplyExact(n, patch[a]);
		}
		float[] map = new float[n];
		for (int i = 0; i < n; i++) {
			double v = MAX;
			int rest = i;
			for (int a = patch.length - 1; a >= 0; a--) {
				v *= profiles[a][rest % patch[a]];
				rest /= patch[a];
			}
			map[i] = (float) v;
		}
		replaceZeros(map);
		return map;
	}

	/** exp(-d^2 / (2 sigma^2)) along one axis, 1 at the centre. */
	private static double[] profile(int size) {
		double sigma = size / 8.0;
		double centre = (size - 1) / 2.0;
		double[] p = new double[size];
		for (int i = 0; i < size; i++) {
			double d = (i - centre) / sigma;
			p[i] = Math.exp(-0.5 * d * d);
		}
		return p;
	}

	/** Replaces zeros (and NaNs) by the smallest positive value. */
	static void replaceZeros(float[] map) {
		float smallest = Float.MAX_VALUE;
		for (float v : map) if (v > 0 && v < smallest) smallest = v;
		for (int i = 0; i < map.length; i++) if (!(map[i] > 0)) map[i] = smallest;
	}
}
