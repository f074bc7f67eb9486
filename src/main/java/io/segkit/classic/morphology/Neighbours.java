package io.segkit.classic.morphology;

import io.segkit.classic.Connectivity;

/**
 * Fast neighbour lists on a flat volume (index z*w*h + y*w + x) for queue-driven algorithms:
 * interior voxels use the precomputed index deltas, border voxels are checked axis by axis.
 */
public final class Neighbours {

	private final Connectivity.Neighbourhood nb;
	private final int width, plane, depth;

	public Neighbours(Connectivity connectivity, int width, int height, int depth) {
		this.nb = connectivity.neighbourhood(width, height, depth);
		this.width = width;
		this.plane = width * height;
		this.depth = depth;
	}

	/** The most neighbours a voxel can have (size for the buffer given to {@link #of}). */
	public int max() {
		return nb.size();
	}

	/** Writes the indices of the in-image neighbours of voxel {@code i} to {@code out}; returns how many. */
	public int of(int i, int[] out) {
		int z = i / plane;
		int rest = i - z * plane;
		int y = rest / width;
		int x = rest - y * width;
		int[] delta = nb.delta;
		if (nb.interior(x, y, z)) {
			for (int k = 0; k < delta.length; k++) out[k] = i + delta[k];
			return delta.length;
		}
		int n = 0;
		for (int k = 0; k < delta.length; k++) if (nb.inside(k, x, y, z)) out[n++] = i + delta[k];
		return n;
	}

	/** Like {@link #of} but only neighbours that come before {@code i} (sign -1) or after it (+1) in raster order. */
	public int half(int i, int sign, int[] out) {
		int all = of(i, out);
		int n = 0;
		for (int k = 0; k < all; k++) if (Integer.signum(out[k] - i) == sign) out[n++] = out[k];
		return n;
	}

	public int depth() {
		return depth;
	}
}
