package io.segkit.train;

/**
 * Labels for each network output. Deep-supervision outputs are coarser by whole factors: their targets take every
 * f-th voxel (nearest neighbour, as nnU-Net). Outputs of unpadded networks (the 2015 U-Net) are smaller by a
 * border: their targets are the centre crop.
 */
final class Targets {

	private Targets() {}

	/** Labels (n, patch) to (n, out); shapes (z, y, x). */
	static byte[] resize(byte[] labels, int n, int[] patch, int[] out) {
		int[] factor = new int[3];
		int[] offset = new int[3];
		for (int a = 0; a < 3; a++) {
			boolean whole = patch[a] % out[a] == 0;
			factor[a] = whole ? patch[a] / out[a] : 1;
			offset[a] = whole ? 0 : (patch[a] - out[a]) / 2;
		}
		int in = patch[0] * patch[1] * patch[2];
		byte[] r = new byte[n * out[0] * out[1] * out[2]];
		int i = 0;
		for (int b = 0; b < n; b++) {
			for (int z = 0; z < out[0]; z++) {
				int sz = z * factor[0] + offset[0];
				for (int y = 0; y < out[1]; y++) {
					int row = b * in + (sz * patch[1] + y * factor[1] + offset[1]) * patch[2];
					for (int x = 0; x < out[2]; x++) r[i++] = labels[row + x * factor[2] + offset[2]];
				}
			}
		}
		return r;
	}
}
