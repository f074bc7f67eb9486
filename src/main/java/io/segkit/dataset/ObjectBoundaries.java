package io.segkit.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.segkit.image.Spacing;

/**
 * Instance-aware training targets from object labels (each object its own value): every object voxel is
 * {@link #INTERIOR} or, within a calibrated width of a voxel that is not the same object (background or another
 * object), {@link #BOUNDARY}. A network that learns these three classes separates touching objects: their interiors
 * are apart by two boundary widths, and seeded growth from the interiors gives the objects back
 * ({@code io.segkit.instances.InstanceDecoder}). This is the border-core representation nnU-Net's authors recommend
 * for instances; the width is calibrated (the same physical distance along every axis). Where two objects touch
 * across a face the boundary is at least one voxel along every axis, so objects stacked along z in an anisotropic
 * stack are parted too, while against the background a coarse z step makes no boundary.
 */
public final class ObjectBoundaries {

	/** Class values of the targets. */
	public static final int BACKGROUND = 0, INTERIOR = 1, BOUNDARY = 2;
	/** The boundary is this share of the typical (median) object's equivalent radius, and at least one voxel. */
	public static final double WIDTH_PER_RADIUS = 0.25;

	private ObjectBoundaries() {}

	/**
	 * The border-core class of every voxel of an object label volume; voxels equal to {@code notAnnotated} become
	 * {@code ignore} and never make a boundary.
	 */
	public static byte[] classes(float[] labels, float notAnnotated, int ignore, int width, int height, int depth,
			Spacing spacing) {
		double boundaryWidth = width(labels, notAnnotated, depth, spacing);
		int[][] offsets = offsets(boundaryWidth, depth > 1, spacing);
		boolean[] objectsOnly = facesBeyondWidth(offsets, boundaryWidth, spacing);
		byte[] out = new byte[labels.length];
		int plane = width * height;
		for (int i = 0; i < labels.length; i++) {
			float v = labels[i];
			if (v == notAnnotated) {
				out[i] = (byte) ignore;
				continue;
			}
			if (v == 0) continue;
			int x = i % width, y = (i / width) % height, z = i / plane;
			out[i] = (byte) (touchesOther(labels, v, notAnnotated, x, y, z, width, height, depth, offsets, objectsOnly)
				? BOUNDARY : INTERIOR);
		}
		return out;
	}

	private static boolean touchesOther(float[] labels, float v, float notAnnotated, int x, int y, int z, int w, int h,
			int d, int[][] offsets, boolean[] objectsOnly) {
		for (int k = 0; k < offsets.length; k++) {
			int[] o = offsets[k];
			int nx = x + o[0], ny = y + o[1], nz = z + o[2];
			if (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= d) continue; // objects go on beyond the image
			float n = labels[(nz * h + ny) * w + nx];
			if (n != v && n != notAnnotated && (n != 0 || !objectsOnly[k])) return true;
		}
		return false;
	}

	/**
	 * The face steps longer than the width (along z in an anisotropic stack): across them only another object makes
	 * a boundary, so that objects stacked along z are still parted while the flat caps of every object are not a
	 * whole slice of boundary.
	 */
	private static boolean[] facesBeyondWidth(int[][] offsets, double width, Spacing spacing) {
		boolean[] out = new boolean[offsets.length];
		for (int k = 0; k < offsets.length; k++) {
			int[] o = offsets[k];
			double ex = o[0] * spacing.x(), ey = o[1] * spacing.y(), ez = o[2] * spacing.z();
			out[k] = ex * ex + ey * ey + ez * ez > width * width * (1 + 1e-9);
		}
		return out;
	}

	/**
	 * The boundary width in calibrated units: {@link #WIDTH_PER_RADIUS} of the median object's equivalent radius
	 * (circle in 2D, sphere in 3D), at least the finest voxel size.
	 */
	public static double width(float[] labels, float notAnnotated, int depth, Spacing spacing) {
		double finest = depth > 1 ? Math.min(spacing.x(), Math.min(spacing.y(), spacing.z())) : Math.min(spacing.x(),
			spacing.y());
		double radius = medianRadius(labels, notAnnotated, depth, spacing);
		return Math.max(finest, WIDTH_PER_RADIUS * radius);
	}

	private static double medianRadius(float[] labels, float notAnnotated, int depth, Spacing spacing) {
		int[] counts = objectVoxelCounts(labels, notAnnotated);
		if (counts.length == 0) return 0;
		double voxels = counts[counts.length / 2];
		return depth > 1 ? equivalentRadius(voxels * spacing.voxelVolume(), true) : equivalentRadius(voxels * spacing
			.pixelArea(), false);
	}

	/** The radius of the sphere (volumetric) or circle of this calibrated volume or area. */
	public static double equivalentRadius(double size, boolean volumetric) {
		return volumetric ? Math.cbrt(size * 3 / (4 * Math.PI)) : Math.sqrt(size / Math.PI);
	}

	/** The voxel count of every object (value above 0, not the "not annotated" value), ascending. */
	public static int[] objectVoxelCounts(float[] labels, float notAnnotated) {
		java.util.HashMap<Float, int[]> sizes = new java.util.HashMap<>();
		for (float v : labels) if (v != 0 && v != notAnnotated) sizes.computeIfAbsent(v, k -> new int[1])[0]++;
		return sizes.values().stream().mapToInt(c -> c[0]).sorted().toArray();
	}

	/**
	 * Neighbour offsets {dx, dy, dz} within the ellipsoid of calibrated radius {@code width}, and always the face
	 * neighbours (so each axis gets a boundary of at least one voxel).
	 */
	static int[][] offsets(double width, boolean volumetric, Spacing spacing) {
		int rx = Math.max(1, (int) Math.floor(width / spacing.x() + 1e-9));
		int ry = Math.max(1, (int) Math.floor(width / spacing.y() + 1e-9));
		int rz = volumetric ? Math.max(1, (int) Math.floor(width / spacing.z() + 1e-9)) : 0;
		List<int[]> out = new ArrayList<>();
		for (int dz = -rz; dz <= rz; dz++) {
			for (int dy = -ry; dy <= ry; dy++) {
				for (int dx = -rx; dx <= rx; dx++) {
					int manhattan = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
					if (manhattan == 0) continue;
					double ex = dx * spacing.x(), ey = dy * spacing.y(), ez = dz * spacing.z();
					boolean inside = ex * ex + ey * ey + ez * ez <= width * width * (1 + 1e-9);
					if (manhattan == 1 || inside) out.add(new int[] {dx, dy, dz});
				}
			}
		}
		out.sort(Arrays::compare);
		return out.toArray(new int[0][]);
	}
}
