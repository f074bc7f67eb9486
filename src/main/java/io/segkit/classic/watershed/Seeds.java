package io.segkit.classic.watershed;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.image.Volume;

import java.util.List;

/**
 * Markers and seeds for watershed and region growing, as a flat int label array (0 = none).
 * <ul>
 * <li>An image with a single non-zero value (a binary mask) gives one seed per connected blob,
 * numbered 1..n in raster order.</li>
 * <li>An image with several non-zero values is a label image: each value is one seed and keeps its
 * value, even when its voxels are scattered.</li>
 * <li>Points give one seed each, numbered 1..n in the order given.</li>
 * </ul>
 */
public final class Seeds {

	private Seeds() {}

	/** Seeds from a marker/seed image; {@code role} names it in messages ("marker", "seed"). */
	public static int[] fromImage(Volume image, String title, String role, Connectivity connectivity,
		Progress progress)
	{
		int n = image.size();
		int plane = image.planeSize();
		int[] seeds = new int[n];
		float[] buffer = new float[plane];
		float single = 0;
		boolean binary = true;
		for (int z = 0; z < image.depth(); z++) {
			image.copyPlane(z, buffer);
			for (int i = 0; i < plane; i++) {
				float v = buffer[i];
				if (v == 0) continue;
				if (!(v > 0) || v != Math.rint(v) || v > Integer.MAX_VALUE - 1) throw notLabels(title, role, v);
				if (single == 0) single = v;
				else if (v != single) binary = false;
				seeds[z * plane + i] = (int) v;
			}
		}
		if (single == 0) throw new SegKitException("The " + role + " image '" + title + "' is empty (all " +
			"zero), so there is nothing to start from. Draw or threshold the " + role + "s so that they are " +
			"non-zero, or choose another " + role + " source.");
		if (!binary) return seeds;
		byte[] mask = new byte[n];
		for (int i = 0; i < n; i++) if (seeds[i] != 0) mask[i] = 1;
		return ConnectedComponents.label(mask, image.width(), image.height(), image.depth(), image
			.spacing(), connectivity, progress).data();
	}

	private static SegKitException notLabels(String title, String role, float value) {
		return new SegKitException("The " + role + " image '" + title + "' contains the value " + value +
			", but " + role + "s must be whole positive numbers (a label image, or a binary mask with 0 " +
			"outside). Use a label image (for example from Analyze Particles or a labeling command), or " +
			"convert a mask with Image > Type > 8-bit after thresholding.");
	}

	/** One seed per point {x, y, z}, numbered 1..n in list order. */
	public static int[] fromPoints(List<int[]> points, int width, int height, int depth) {
		if (points.isEmpty()) throw new SegKitException("The point selection is empty. Add points with " +
			"the Multi-point tool, one in each object, then run the command again.");
		int[] seeds = new int[width * height * depth];
		int label = 0;
		for (int[] p : points) {
			label++;
			if (p[0] < 0 || p[1] < 0 || p[2] < 0 || p[0] >= width || p[1] >= height || p[2] >= depth)
				throw new SegKitException("Point " + label + " at (" + p[0] + ", " + p[1] + ", slice " + (p[2] +
					1) + ") lies outside the image. Remove it or place it inside the image.");
			seeds[(p[2] * height + p[1]) * width + p[0]] = label;
		}
		return seeds;
	}

	/** One seed per connected blob of a 0/1 mask (for example regional maxima), numbered 1..n. */
	public static int[] fromMask(byte[] mask, int width, int height, int depth, Connectivity connectivity,
		Progress progress)
	{
		return ConnectedComponents.label(mask, width, height, depth, io.segkit.image.Spacing.UNIT,
			connectivity, progress).data();
	}

	/**
	 * A copy of {@code seeds} without the voxels outside {@code mask} (null = keep all); throws with
	 * {@code emptyMessage} when none is left.
	 */
	public static int[] insideMask(int[] seeds, byte[] mask, String emptyMessage) {
		int[] out = seeds.clone();
		boolean any = false;
		for (int i = 0; i < out.length; i++) {
			if (mask != null && mask[i] == 0) out[i] = 0;
			else if (out[i] != 0) any = true;
		}
		if (!any) throw new SegKitException(emptyMessage);
		return out;
	}
}
