package io.segkit.train;

import java.util.SplittableRandom;

/**
 * nnU-Net's intensity augmentations in its order (nnunet-rules.md section 3), on one patch's channels in place:
 * Gaussian noise, Gaussian blur, multiplicative brightness, contrast, simulated low resolution, gamma on the
 * inverted image, gamma. Shape (z, y, x); {@code dims} = 2 leaves z alone. Plain loops over float arrays.
 */
final class IntensityAugmentation {

	private IntensityAugmentation() {}

	static void apply(float[][] channels, int[] shape, int dims, SplittableRandom rng) {
		if (rng.nextDouble() < 0.1) noise(channels, SpatialTransform.uniform(rng, 0, 0.1), rng);
		if (rng.nextDouble() < 0.2) {
			for (float[] c : channels) {
				if (rng.nextDouble() < 0.5) blur(c, shape, dims, rng);
			}
		}
		if (rng.nextDouble() < 0.15) {
			for (float[] c : channels) multiply(c, SpatialTransform.uniform(rng, 0.75, 1.25));
		}
		if (rng.nextDouble() < 0.15) {
			for (float[] c : channels) contrast(c, SpatialTransform.uniform(rng, 0.75, 1.25));
		}
		if (rng.nextDouble() < 0.25) {
			for (int i = 0; i < channels.length; i++) {
				if (rng.nextDouble() < 0.5) {
					channels[i] = lowResolution(channels[i], shape, dims, SpatialTransform.uniform(rng, 0.5, 1));
				}
			}
		}
		if (rng.nextDouble() < 0.1) {
			for (float[] c : channels) gamma(c, drawGamma(rng), true);
		}
		if (rng.nextDouble() < 0.3) {
			for (float[] c : channels) gamma(c, drawGamma(rng), false);
		}
	}

	/** Adds N(0, std) to every voxel of every channel. */
	static void noise(float[][] channels, double std, SplittableRandom rng) {
		java.util.Random gaussian = new java.util.Random(rng.nextLong());
		for (float[] c : channels) {
			for (int i = 0; i < c.length; i++) c[i] += (float) (std * gaussian.nextGaussian());
		}
	}

	/** Separable Gaussian blur, sigma U(0.5, 1) per axis, edges repeated (kernel radius 4 sigma). */
	static void blur(float[] v, int[] shape, int dims, SplittableRandom rng) {
		for (int axis = 3 - dims; axis < 3; axis++) {
			double sigma = SpatialTransform.uniform(rng, 0.5, 1);
			if (shape[axis] > 1) blurAxis(v, shape, axis, gaussianKernel(sigma));
		}
	}

	static float[] gaussianKernel(double sigma) {
		int radius = (int) Math.ceil(4 * sigma);
		float[] k = new float[2 * radius + 1];
		double sum = 0;
		for (int i = -radius; i <= radius; i++) sum += k[i + radius] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
		for (int i = 0; i < k.length; i++) k[i] /= (float) sum;
		return k;
	}

	static void blurAxis(float[] v, int[] shape, int axis, float[] kernel) {
		int n = shape[axis];
		int stride = axis == 2 ? 1 : axis == 1 ? shape[2] : shape[1] * shape[2];
		int radius = kernel.length / 2;
		float[] line = new float[n];
		for (int start : lineStarts(shape, axis)) {
			for (int i = 0; i < n; i++) line[i] = v[start + i * stride];
			for (int i = 0; i < n; i++) {
				double sum = 0;
				for (int k = -radius; k <= radius; k++) {
					sum += kernel[k + radius] * line[Math.min(n - 1, Math.max(0, i + k))];
				}
				v[start + i * stride] = (float) sum;
			}
		}
	}

	/** The first flat index of every line along {@code axis}. */
	private static int[] lineStarts(int[] shape, int axis) {
		int[] starts = new int[shape[0] * shape[1] * shape[2] / shape[axis]];
		int n = 0;
		for (int z = 0; z < (axis == 0 ? 1 : shape[0]); z++) {
			for (int y = 0; y < (axis == 1 ? 1 : shape[1]); y++) {
				for (int x = 0; x < (axis == 2 ? 1 : shape[2]); x++) starts[n++] = (z * shape[1] + y) * shape[2] + x;
			}
		}
		return starts;
	}

	static void multiply(float[] v, double factor) {
		for (int i = 0; i < v.length; i++) v[i] *= (float) factor;
	}

	/** Scales the deviation from the mean by {@code factor}, then clips to the original range. */
	static void contrast(float[] v, double factor) {
		double mean = 0;
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (float f : v) {
			mean += f;
			min = Math.min(min, f);
			max = Math.max(max, f);
		}
		mean /= v.length;
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) Math.min(max, Math.max(min, (v[i] - mean) * factor + mean));
		}
	}

	/** Down-samples by nearest neighbour to round(size x zoom) per axis, then back up linearly. */
	static float[] lowResolution(float[] v, int[] shape, int dims, double zoom) {
		float[] data = v;
		int[] s = shape.clone();
		for (int axis = 3 - dims; axis < 3; axis++) {
			int small = Math.max(1, (int) Math.round(shape[axis] * zoom));
			data = resizeAxis(data, s, axis, small, false);
			s[axis] = small;
		}
		for (int axis = 3 - dims; axis < 3; axis++) {
			data = resizeAxis(data, s, axis, shape[axis], true);
			s[axis] = shape[axis];
		}
		return data;
	}

	/** Resizes one axis (pixel centres aligned, as align_corners = false): nearest or linear with edge clamping. */
	static float[] resizeAxis(float[] v, int[] shape, int axis, int size, boolean linear) {
		int[] out = shape.clone();
		out[axis] = size;
		float[] r = new float[out[0] * out[1] * out[2]];
		int n = shape[axis];
		double ratio = (double) n / size;
		int[] o = new int[3];
		for (int i = 0; i < r.length; i++) {
			o[2] = i % out[2];
			o[1] = (i / out[2]) % out[1];
			o[0] = i / (out[2] * out[1]);
			double src = (o[axis] + 0.5) * ratio - 0.5;
			int[] p = o.clone();
			if (!linear) {
				p[axis] = Math.min(n - 1, (int) Math.floor((o[axis] + 0.5) * ratio));
				r[i] = v[(p[0] * shape[1] + p[1]) * shape[2] + p[2]];
				continue;
			}
			src = Math.min(n - 1, Math.max(0, src));
			int lo = (int) Math.floor(src);
			int hi = Math.min(n - 1, lo + 1);
			double f = src - lo;
			p[axis] = lo;
			float a = v[(p[0] * shape[1] + p[1]) * shape[2] + p[2]];
			p[axis] = hi;
			float b = v[(p[0] * shape[1] + p[1]) * shape[2] + p[2]];
			r[i] = (float) (a + f * (b - a));
		}
		return r;
	}

	/** nnU-Net draws gamma below 1 or above 1 with equal chance. */
	static double drawGamma(SplittableRandom rng) {
		return rng.nextDouble() < 0.5 ? SpatialTransform.uniform(rng, 0.7, 1) : SpatialTransform.uniform(rng, 1, 1.5);
	}

	/** Gamma on the range-normalised values, mean and standard deviation kept; on -v when {@code inverted}. */
	static void gamma(float[] v, double gamma, boolean inverted) {
		double sign = inverted ? -1 : 1;
		double[] before = meanStd(v, sign);
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (float f : v) {
			min = Math.min(min, sign * f);
			max = Math.max(max, sign * f);
		}
		double range = max - min + 1e-7;
		double[] g = new double[v.length];
		for (int i = 0; i < v.length; i++) g[i] = Math.pow((sign * v[i] - min) / range, gamma) * range + min;
		double sum = 0, sq = 0;
		for (double x : g) sum += x;
		double mean = sum / g.length;
		for (double x : g) sq += (x - mean) * (x - mean);
		double std = Math.sqrt(sq / g.length);
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) (sign * ((g[i] - mean) / (std + 1e-8) * before[1] + before[0]));
		}
	}

	private static double[] meanStd(float[] v, double sign) {
		double sum = 0, sq = 0;
		for (float f : v) sum += sign * f;
		double mean = sum / v.length;
		for (float f : v) sq += (sign * f - mean) * (sign * f - mean);
		return new double[] {mean, Math.sqrt(sq / v.length)};
	}
}
