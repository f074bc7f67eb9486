package io.segkit.classic.distance;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.stream.IntStream;

/**
 * Exact Euclidean distance transform: for each foreground voxel, the calibrated distance to the
 * nearest background voxel (0 on background), as scipy's {@code distance_transform_edt} with
 * {@code sampling} gives. Separable: a linear scan along x, then the lower envelope of parabolas
 * (Felzenszwalb and Huttenlocher 2012) along y and z, each weighted by the axis spacing squared.
 * Lines are processed in parallel.
 * <p>
 * An image without any background voxel has no distance to measure: it is refused with a
 * {@link SegKitException} rather than answered with infinities that would silently break a
 * distance watershed. An image without foreground gives all zeros.
 */
public final class DistanceTransform {

	private DistanceTransform() {}

	/** Distances from the non-zero (and non-NaN) voxels of {@code volume} to the nearest zero voxel. */
	public static float[] compute(Volume volume, Progress progress) {
		return compute(ConnectedComponents.foreground(volume), volume.width(), volume.height(), volume
			.depth(), volume.spacing(), progress);
	}

	/**
	 * Distances from the non-zero entries of {@code foreground} (flat, index z*w*h + y*w + x) to the
	 * nearest zero entry, in the units of {@code spacing}. The input is not modified.
	 */
	public static float[] compute(byte[] foreground, int width, int height, int depth, Spacing spacing,
		Progress progress)
	{
		if ((long) width * height * depth != foreground.length) throw new IllegalArgumentException(
			"Mask of " + foreground.length + " voxels does not match " + width + "x" + height + "x" + depth);
		requireBackground(foreground);
		float[] out = new float[foreground.length];
		alongX(foreground, out, width, height, depth, spacing.x(), progress);
		progress.update("Distance transform", 1, 4);
		if (height > 1) alongY(out, width, height, depth, spacing.y() * spacing.y(), progress);
		progress.update("Distance transform", 2, 4);
		if (depth > 1) alongZ(out, width, height, depth, spacing.z() * spacing.z(), progress);
		progress.update("Distance transform", 3, 4);
		int plane = width * height;
		IntStream.range(0, depth).parallel().forEach(z -> {
			for (int i = z * plane, end = i + plane; i < end; i++) out[i] = (float) Math.sqrt(out[i]);
		});
		progress.update("Distance transform", 4, 4);
		return out;
	}

	private static void requireBackground(byte[] foreground) {
		for (byte b : foreground) if (b == 0) return;
		throw noBackground();
	}

	/** The refusal of an image where every voxel is foreground. */
	public static SegKitException noBackground() {
		return new SegKitException("The image has no background: every voxel is foreground (non-zero), " +
			"so there is no distance to measure. Threshold it so that the objects are non-zero and the " +
			"space around them is 0, or check that you chose the mask and not the raw image.");
	}

	/** Squared calibrated distance to the nearest background voxel in the same row (infinite if none). */
	private static void alongX(byte[] fg, float[] out, int w, int h, int d, double sx, Progress progress) {
		IntStream.range(0, h * d).parallel().forEach(row -> {
			if ((row & 255) == 0) progress.checkCancelled();
			int start = row * w;
			int last = -1;
			for (int x = 0; x < w; x++) {
				if (fg[start + x] == 0) last = x;
				out[start + x] = last < 0 ? Float.POSITIVE_INFINITY : x - last;
			}
			last = -1;
			for (int x = w - 1; x >= 0; x--) {
				if (fg[start + x] == 0) last = x;
				float ahead = last < 0 ? Float.POSITIVE_INFINITY : last - x;
				float steps = Math.min(out[start + x], ahead);
				out[start + x] = steps == Float.POSITIVE_INFINITY ? steps : (float) (steps * steps * sx * sx);
			}
		});
	}

	private static void alongY(float[] out, int w, int h, int d, double weight, Progress progress) {
		IntStream.range(0, d).parallel().forEach(z -> {
			progress.checkCancelled();
			Envelope env = new Envelope(h);
			int base = z * w * h;
			for (int x = 0; x < w; x++) {
				for (int y = 0; y < h; y++) env.f[y] = out[base + y * w + x];
				if (env.transform(h, weight)) for (int y = 0; y < h; y++) out[base + y * w + x] = (float) env.out[y];
			}
		});
	}

	/** Per row y, copies the (z, x) slab so the column walks stay in cache. */
	private static void alongZ(float[] out, int w, int h, int d, double weight, Progress progress) {
		int plane = w * h;
		IntStream.range(0, h).parallel().forEach(y -> {
			progress.checkCancelled();
			Envelope env = new Envelope(d);
			float[] slab = new float[d * w];
			for (int z = 0; z < d; z++) System.arraycopy(out, z * plane + y * w, slab, z * w, w);
			for (int x = 0; x < w; x++) {
				for (int z = 0; z < d; z++) env.f[z] = slab[z * w + x];
				if (env.transform(d, weight)) for (int z = 0; z < d; z++) slab[z * w + x] = (float) env.out[z];
			}
			for (int z = 0; z < d; z++) System.arraycopy(slab, z * w, out, z * plane + y * w, w);
		});
	}

	/** The 1D lower envelope of parabolas w*(q-p)^2 + f(p), with buffers reused along many lines. */
	private static final class Envelope {

		final double[] f, out, boundary;
		final int[] vertex;

		Envelope(int n) {
			f = new double[n];
			out = new double[n];
			boundary = new double[n + 1];
			vertex = new int[n];
		}

		/** Fills {@code out}; returns false (leaving out unused) when every f is infinite. */
		boolean transform(int n, double weight) {
			int k = -1;
			for (int q = 0; q < n; q++) {
				double fq = f[q];
				if (fq == Double.POSITIVE_INFINITY) continue;
				if (k < 0) {
					k = 0;
					vertex[0] = q;
					boundary[0] = Double.NEGATIVE_INFINITY;
					boundary[1] = Double.POSITIVE_INFINITY;
					continue;
				}
				double s;
				while (true) {
					int p = vertex[k];
					s = ((fq + weight * q * q) - (f[p] + weight * p * p)) / (2 * weight * (q - p));
					if (s > boundary[k]) break;
					k--;
				}
				k++;
				vertex[k] = q;
				boundary[k] = s;
				boundary[k + 1] = Double.POSITIVE_INFINITY;
			}
			if (k < 0) return false;
			int j = 0;
			for (int q = 0; q < n; q++) {
				while (boundary[j + 1] < q) j++;
				int p = vertex[j];
				double dq = q - p;
				out[q] = weight * dq * dq + f[p];
			}
			return true;
		}
	}
}
