package io.segkit.classic.morphology;

import io.segkit.Progress;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.stream.IntStream;

/**
 * Gradient magnitude with spacing-aware central differences (one-sided at the border), after an
 * optional Gaussian smoothing whose sigma is given in calibrated units, so that anisotropic
 * stacks are smoothed equally in every direction. Planes and lines run in parallel.
 */
public final class Gradient {

	private Gradient() {}

	/** The gradient magnitude of {@code volume}, in intensity per calibrated unit. */
	public static float[] magnitude(Volume volume, double sigma, Progress progress) {
		float[] values = volume.toFloatArray();
		int w = volume.width(), h = volume.height(), d = volume.depth();
		Spacing s = volume.spacing();
		if (sigma > 0) smooth(values, w, h, d, s, sigma, progress);
		progress.update("Gradient", 1, 2);
		float[] out = new float[values.length];
		int plane = w * h;
		IntStream.range(0, d).parallel().forEach(z -> {
			progress.checkCancelled();
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					int i = z * plane + y * w + x;
					double gx = difference(values, i, x, w, 1) / s.x();
					double gy = difference(values, i, y, h, w) / s.y();
					double gz = difference(values, i, z, d, plane) / s.z();
					out[i] = (float) Math.sqrt(gx * gx + gy * gy + gz * gz);
				}
			}
		});
		progress.update("Gradient", 2, 2);
		return out;
	}

	/** Derivative along one axis in voxel steps: central inside, one-sided at the border, 0 if length 1. */
	private static double difference(float[] v, int i, int pos, int length, int stride) {
		if (length == 1) return 0;
		if (pos == 0) return v[i + stride] - v[i];
		if (pos == length - 1) return v[i] - v[i - stride];
		return 0.5 * (v[i + stride] - v[i - stride]);
	}

	/** Separable Gaussian smoothing in place, sigma in calibrated units; borders are mirrored. */
	public static void smooth(float[] values, int w, int h, int d, Spacing spacing, double sigma,
		Progress progress)
	{
		int plane = w * h;
		float[] kx = kernel(sigma / spacing.x()), ky = kernel(sigma / spacing.y()), kz = kernel(sigma /
			spacing.z());
		IntStream.range(0, h * d).parallel().forEach(row -> convolveLine(values, row * w, 1, w, kx));
		progress.checkCancelled();
		if (h > 1) IntStream.range(0, d * w).parallel().forEach(c -> convolveLine(values, (c / w) * plane +
			c % w, w, h, ky));
		progress.checkCancelled();
		if (d > 1) IntStream.range(0, plane).parallel().forEach(i -> convolveLine(values, i, plane, d, kz));
	}

	private static float[] kernel(double sigmaVoxels) {
		if (sigmaVoxels < 0.01) return new float[] { 1 };
		int radius = (int) Math.ceil(3 * sigmaVoxels);
		float[] k = new float[radius + 1];
		double sum = 0;
		for (int r = 0; r <= radius; r++) {
			k[r] = (float) Math.exp(-0.5 * r * r / (sigmaVoxels * sigmaVoxels));
			sum += r == 0 ? k[r] : 2 * k[r];
		}
		for (int r = 0; r <= radius; r++) k[r] /= sum;
		return k;
	}

	private static void convolveLine(float[] v, int start, int stride, int n, float[] k) {
		if (k.length == 1 || n == 1) return;
		float[] line = new float[n];
		for (int j = 0; j < n; j++) line[j] = v[start + j * stride];
		for (int j = 0; j < n; j++) {
			double acc = k[0] * line[j];
			for (int r = 1; r < k.length; r++) acc += k[r] * (line[mirror(j - r, n)] + line[mirror(j + r, n)]);
			v[start + j * stride] = (float) acc;
		}
	}

	private static int mirror(int j, int n) {
		while (j < 0 || j >= n) j = j < 0 ? -j - 1 : 2 * n - j - 1;
		return j;
	}
}
