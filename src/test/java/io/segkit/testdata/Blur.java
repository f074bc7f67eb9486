package io.segkit.testdata;

import java.util.stream.IntStream;

/** Separable Gaussian blur of a flat volume in place, edges replicated; sigmas in voxels. */
final class Blur {

	private Blur() {}

	static void gaussian(float[] data, int width, int height, int depth, double sigmaX, double sigmaY,
		double sigmaZ)
	{
		int plane = width * height;
		float[] kx = kernel(sigmaX), ky = kernel(sigmaY), kz = kernel(sigmaZ);
		if (kx != null) IntStream.range(0, height * depth).parallel().forEach(row -> line(data, row * width,
			1, width, kx, new float[width]));
		if (ky != null) IntStream.range(0, depth).parallel().forEach(z -> {
			float[] buffer = new float[height];
			for (int x = 0; x < width; x++) line(data, z * plane + x, width, height, ky, buffer);
		});
		if (kz != null && depth > 1) IntStream.range(0, height).parallel().forEach(y -> {
			float[] buffer = new float[depth];
			for (int x = 0; x < width; x++) line(data, y * width + x, plane, depth, kz, buffer);
		});
	}

	/** Half a normalised Gaussian kernel (centre first), or null when the sigma is too small to matter. */
	static float[] kernel(double sigma) {
		if (!(sigma >= 0.05)) return null;
		int radius = Math.max(1, (int) Math.ceil(3 * sigma));
		float[] k = new float[radius + 1];
		double sum = 0;
		for (int i = 0; i <= radius; i++) {
			double v = Math.exp(-0.5 * i * i / (sigma * sigma));
			k[i] = (float) v;
			sum += i == 0 ? v : 2 * v;
		}
		for (int i = 0; i <= radius; i++) k[i] /= (float) sum;
		return k;
	}

	private static void line(float[] data, int start, int stride, int n, float[] k, float[] buffer) {
		for (int i = 0; i < n; i++) buffer[i] = data[start + i * stride];
		int last = n - 1;
		for (int i = 0; i < n; i++) {
			float sum = k[0] * buffer[i];
			for (int j = 1; j < k.length; j++) {
				int lo = i - j < 0 ? 0 : i - j, hi = i + j > last ? last : i + j;
				sum += k[j] * (buffer[lo] + buffer[hi]);
			}
			data[start + i * stride] = sum;
		}
	}
}
