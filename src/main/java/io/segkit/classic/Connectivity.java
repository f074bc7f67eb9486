package io.segkit.classic;

import io.segkit.SegKitException;

/**
 * Which voxels count as neighbours: 4 or 8 in a plane, 6, 18 or 26 in a volume. A 3D connectivity
 * applied to a 2D image (depth 1) behaves as its in-plane part (6 -> 4, 18/26 -> 8).
 */
public enum Connectivity {

	C4(4, false), C8(8, false), C6(6, true), C18(18, true), C26(26, true);

	private final int count;
	private final boolean volumetric;

	Connectivity(int count, boolean volumetric) {
		this.count = count;
		this.volumetric = volumetric;
	}

	public int count() {
		return count;
	}

	/** Parses "4", "8", "6", "18" or "26". */
	public static Connectivity of(int neighbours) {
		for (Connectivity c : values()) if (c.count == neighbours) return c;
		throw new SegKitException("Connectivity must be 4 or 8 (2D) or 6, 18 or 26 (3D), not " + neighbours + ".");
	}

	public static Connectivity of(String neighbours) {
		try {
			return of(Integer.parseInt(neighbours.trim()));
		} catch (NumberFormatException e) {
			throw new SegKitException("Connectivity must be 4, 8, 6, 18 or 26, not '" + neighbours + "'.");
		}
	}

	/** The full ("8/26") or face ("4/6") connectivity suited to an image of this depth. */
	public static Connectivity full(boolean is3D) {
		return is3D ? C26 : C8;
	}

	public static Connectivity faces(boolean is3D) {
		return is3D ? C6 : C4;
	}

	/**
	 * Neighbour offsets {dx, dy, dz} for an image of the given depth (z offsets are dropped for a
	 * single plane). Offsets come in a fixed order: all with dz=-1, then dz=0, then dz=+1.
	 */
	public int[][] offsets(boolean is3D) {
		java.util.List<int[]> list = new java.util.ArrayList<>();
		int zr = volumetric && is3D ? 1 : 0;
		for (int dz = -zr; dz <= zr; dz++) {
			for (int dy = -1; dy <= 1; dy++) {
				for (int dx = -1; dx <= 1; dx++) {
					int manhattan = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
					if (manhattan == 0) continue;
					if (includes(manhattan)) list.add(new int[] { dx, dy, dz });
				}
			}
		}
		return list.toArray(new int[0][]);
	}

	private boolean includes(int manhattan) {
		switch (this) {
			case C4:
			case C6:
				return manhattan == 1;
			case C8:
			case C18:
				return manhattan <= 2;
			default:
				return true;
		}
	}

	/**
	 * Offsets as flat-index deltas for an image of the given width and height, with the offsets
	 * themselves, so callers can both step fast and check the image border.
	 */
	public Neighbourhood neighbourhood(int width, int height, int depth) {
		return new Neighbourhood(offsets(depth > 1), width, height, depth);
	}

	/** Precomputed neighbour offsets for one image size. */
	public static final class Neighbourhood {

		public final int[] dx, dy, dz, delta;
		public final int width, height, depth;

		Neighbourhood(int[][] offsets, int width, int height, int depth) {
			int n = offsets.length;
			this.width = width;
			this.height = height;
			this.depth = depth;
			dx = new int[n];
			dy = new int[n];
			dz = new int[n];
			delta = new int[n];
			for (int i = 0; i < n; i++) {
				dx[i] = offsets[i][0];
				dy[i] = offsets[i][1];
				dz[i] = offsets[i][2];
				delta[i] = (dz[i] * height + dy[i]) * width + dx[i];
			}
		}

		public int size() {
			return delta.length;
		}

		/** True if neighbour k of voxel (x, y, z) lies inside the image. */
		public boolean inside(int k, int x, int y, int z) {
			int nx = x + dx[k], ny = y + dy[k], nz = z + dz[k];
			return nx >= 0 && ny >= 0 && nz >= 0 && nx < width && ny < height && nz < depth;
		}

		/** True if voxel (x, y, z) is not on the border, so every neighbour is inside. */
		public boolean interior(int x, int y, int z) {
			return x > 0 && y > 0 && x < width - 1 && y < height - 1 && (depth == 1 || (z > 0 && z < depth - 1));
		}
	}
}
