package io.segkit.train;

import java.util.SplittableRandom;

/**
 * The spatial part of nnU-Net's augmentation, applied while cropping: every patch voxel's offset d from the patch
 * centre (z, y, x) maps to the source position centre + M d, where M = rotation x scaling x mirroring. Images are
 * read with linear interpolation, labels with nearest neighbour; outside the case, images read 0 and labels
 * background. Sampling through the transform needs no larger crop to leave room for rotation.
 * <p>
 * 2D patches (depth 1) keep z fixed: M only acts on (y, x).
 */
final class SpatialTransform {

	/** nnU-Net: rotation p 0.2 (2D +-180 degrees, 3D +-30 degrees per axis), scaling 0.7-1.4 p 0.2. */
	static final double P_ROTATION = 0.2, P_SCALING = 0.2, P_MIRROR = 0.5;
	static final double SCALE_MIN = 0.7, SCALE_MAX = 1.4;

	private final double[] m; // row-major 3x3 over (z, y, x)

	SpatialTransform(double[] matrix) {
		m = matrix.clone();
	}

	static SpatialTransform identity() {
		return new SpatialTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
	}

	/** A random transform as nnU-Net draws it; mirroring is folded in (it commutes with the later steps). */
	static SpatialTransform draw(SplittableRandom rng, int dims) {
		double[] r = identity().m;
		if (rng.nextDouble() < P_ROTATION) {
			if (dims == 2) r = rotation(1, 2, uniform(rng, -Math.PI, Math.PI));
			else {
				double limit = Math.PI / 6;
				r = multiply(rotation(1, 2, uniform(rng, -limit, limit)), multiply(rotation(0, 2, uniform(rng, -limit,
					limit)), rotation(0, 1, uniform(rng, -limit, limit))));
			}
		}
		double scale = rng.nextDouble() < P_SCALING ? uniform(rng, SCALE_MIN, SCALE_MAX) : 1;
		double[] diagonal = new double[9];
		for (int a = 0; a < 3; a++) {
			boolean spatial = dims == 3 || a > 0;
			boolean mirror = spatial && rng.nextDouble() < P_MIRROR;
			diagonal[4 * a] = (spatial ? scale : 1) * (mirror ? -1 : 1);
		}
		return new SpatialTransform(multiply(r, diagonal));
	}

	boolean isIdentity() {
		return m[0] == 1 && m[4] == 1 && m[8] == 1 && m[1] == 0 && m[2] == 0 && m[3] == 0 && m[5] == 0 && m[6] == 0
			&& m[7] == 0;
	}

	/**
	 * Fills {@code images[c]} and {@code labels} (each patch-sized, (z, y, x) order) from the case, the patch centre
	 * at {@code centre} (source voxel coordinates, may be half-integers for even patch sizes).
	 */
	void sample(PreparedCase source, double[] centre, int[] patch, float[][] images, byte[] labels) {
		if (isIdentity()) {
			crop(source, centre, patch, images, labels);
			return;
		}
		int[] s = source.shape();
		double[] half = {(patch[0] - 1) / 2.0, (patch[1] - 1) / 2.0, (patch[2] - 1) / 2.0};
		int i = 0;
		for (int z = 0; z < patch[0]; z++) {
			double dz = z - half[0];
			for (int y = 0; y < patch[1]; y++) {
				double dy = y - half[1];
				for (int x = 0; x < patch[2]; x++, i++) {
					double dx = x - half[2];
					double sz = centre[0] + m[0] * dz + m[1] * dy + m[2] * dx;
					double sy = centre[1] + m[3] * dz + m[4] * dy + m[5] * dx;
					double sx = centre[2] + m[6] * dz + m[7] * dy + m[8] * dx;
					for (int c = 0; c < images.length; c++) images[c][i] = linear(source.channels()[c], s, sz, sy, sx);
					labels[i] = nearest(source.labels(), s, sz, sy, sx);
				}
			}
		}
	}

	/** The identity case: a plain crop (exact and fast), zero outside. */
	private static void crop(PreparedCase source, double[] centre, int[] patch, float[][] images, byte[] labels) {
		int[] s = source.shape();
		int[] start = new int[3];
		for (int a = 0; a < 3; a++) start[a] = (int) Math.round(centre[a] - (patch[a] - 1) / 2.0);
		java.util.Arrays.fill(labels, (byte) 0);
		for (float[] image : images) java.util.Arrays.fill(image, 0f);
		int x0 = Math.max(0, -start[2]);
		int x1 = Math.min(patch[2], s[2] - start[2]);
		if (x1 <= x0) return;
		for (int z = 0; z < patch[0]; z++) {
			int sz = start[0] + z;
			if (sz < 0 || sz >= s[0]) continue;
			for (int y = 0; y < patch[1]; y++) {
				int sy = start[1] + y;
				if (sy < 0 || sy >= s[1]) continue;
				int from = (sz * s[1] + sy) * s[2] + start[2] + x0;
				int to = (z * patch[1] + y) * patch[2] + x0;
				for (int c = 0; c < images.length; c++) {
					System.arraycopy(source.channels()[c], from, images[c], to, x1 - x0);
				}
				System.arraycopy(source.labels(), from, labels, to, x1 - x0);
			}
		}
	}

	/** Trilinear interpolation with 0 outside the volume; weights of 0 skip their neighbour. */
	static float linear(float[] v, int[] s, double z, double y, double x) {
		int z0 = (int) Math.floor(z), y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
		if (z0 < -1 || y0 < -1 || x0 < -1 || z0 >= s[0] || y0 >= s[1] || x0 >= s[2]) return 0f;
		double fz = z - z0, fy = y - y0, fx = x - x0;
		double sum = 0;
		for (int a = 0; a < 2; a++) {
			double wz = a == 0 ? 1 - fz : fz;
			int zz = z0 + a;
			if (wz == 0 || zz < 0 || zz >= s[0]) continue;
			for (int b = 0; b < 2; b++) {
				double wy = b == 0 ? 1 - fy : fy;
				int yy = y0 + b;
				if (wy == 0 || yy < 0 || yy >= s[1]) continue;
				int row = (zz * s[1] + yy) * s[2];
				for (int c = 0; c < 2; c++) {
					double wx = c == 0 ? 1 - fx : fx;
					int xx = x0 + c;
					if (wx == 0 || xx < 0 || xx >= s[2]) continue;
					sum += wz * wy * wx * v[row + xx];
				}
			}
		}
		return (float) sum;
	}

	static byte nearest(byte[] v, int[] s, double z, double y, double x) {
		int zz = (int) Math.floor(z + 0.5), yy = (int) Math.floor(y + 0.5), xx = (int) Math.floor(x + 0.5);
		if (zz < 0 || yy < 0 || xx < 0 || zz >= s[0] || yy >= s[1] || xx >= s[2]) return 0;
		return v[(zz * s[1] + yy) * s[2] + xx];
	}

	/** Rotation by {@code angle} in the plane of axes a and b (of z, y, x). */
	static double[] rotation(int a, int b, double angle) {
		double[] r = identity().m;
		double c = Math.cos(angle), s = Math.sin(angle);
		r[4 * a] = c;
		r[3 * a + b] = -s;
		r[3 * b + a] = s;
		r[4 * b] = c;
		return r;
	}

	static double[] multiply(double[] p, double[] q) {
		double[] r = new double[9];
		for (int i = 0; i < 3; i++) {
			for (int j = 0; j < 3; j++) {
				for (int k = 0; k < 3; k++) r[3 * i + j] += p[3 * i + k] * q[3 * k + j];
			}
		}
		return r;
	}

	static double uniform(SplittableRandom rng, double lo, double hi) {
		return lo + (hi - lo) * rng.nextDouble();
	}
}
