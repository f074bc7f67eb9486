package io.segkit.infer;

import java.util.Arrays;

/**
 * Where the sliding-window tiles go, in (z, y, x). An axis shorter than the patch is padded with zeros to the
 * patch size, the image centred in the padded frame; tile starts are given in that padded frame. On each axis the
 * tiles are spread evenly so that the first touches the start and the last the end, with at most
 * {@code step x patch} between neighbours (nnU-Net's rule). For 2D models the patch is 1 deep, so every slice gets
 * its own tiles.
 */
final class TileGrid {

	private final int[] size;
	private final int[] patch;
	private final int[] offset;
	private final int[][] starts;

	/**
	 * @param size the image size (z, y, x)
	 * @param patch the tile size (z, y, x); z = 1 for 2D models
	 * @param step the largest distance between tile starts, as a fraction of the patch
	 */
	TileGrid(int[] size, int[] patch, double step) {
		this.size = size.clone();
		this.patch = patch.clone();
		offset = new int[3];
		starts = new int[3][];
		for (int a = 0; a < 3; a++) {
			int padded = Math.max(size[a], patch[a]);
			offset[a] = (padded - size[a]) / 2;
			starts[a] = starts(padded, patch[a], step);
		}
	}

	/** Evenly spread starts of {@code patch}-sized tiles over {@code size} voxels, symmetric about the centre. */
	static int[] starts(int size, int patch, double step) {
		if (size <= patch) return new int[] {0};
		int span = size - patch;
		int n = (int) Math.ceil(span / Math.max(1, patch * step)) + 1; // at least 1 voxel apart
		double distance = (double) span / (n - 1);
		int[] s = new int[n];
		for (int i = 0; i < n; i++) {
			// mirror the second half so that rounding keeps the layout symmetric
			s[i] = 2 * i < n ? (int) Math.round(i * distance) : span - (int) Math.round((n - 1 - i) * distance);
		}
		return s;
	}

	int count() {
		return starts[0].length * starts[1].length * starts[2].length;
	}

	/** The first image voxel of tile {@code index} per axis; negative where the tile starts in the padding. */
	int[] origin(int index) {
		int x = index % starts[2].length;
		int rest = index / starts[2].length;
		int y = rest % starts[1].length;
		int z = rest / starts[1].length;
		return new int[] {starts[0][z] - offset[0], starts[1][y] - offset[1], starts[2][x] - offset[2]};
	}

	/** On axis {@code a}, the tile coordinates [from, to) of a tile at {@code origin} that lie inside the image. */
	int insideFrom(int[] origin, int a) {
		return Math.max(0, -origin[a]);
	}

	int insideTo(int[] origin, int a) {
		return Math.min(patch[a], size[a] - origin[a]);
	}

	int[] patch() {
		return patch.clone();
	}

	int[] starts(int axis) {
		return starts[axis].clone();
	}

	@Override
	public String toString() {
		return "TileGrid " + Arrays.toString(size) + " patch " + Arrays.toString(patch) + " starts "
			+ Arrays.deepToString(starts);
	}
}
