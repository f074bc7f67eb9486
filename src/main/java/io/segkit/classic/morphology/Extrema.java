package io.segkit.classic.morphology;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.classic.queue.IntFifo;

/**
 * Regional maxima and minima (plateau-aware) and h-maxima / h-minima, on flat float volumes.
 * <p>
 * A regional maximum is a connected plateau of equal values with no neighbour of higher value.
 * The h-maxima are the regional maxima of the reconstruction by dilation of {@code f - h} under
 * {@code f}: each keeps the maxima whose dynamic (the height they rise above the lowest pass to a
 * higher region) is at least {@code h}; maxima closer than h to each other's pass become one.
 */
public final class Extrema {

	private Extrema() {}

	/** 1 where a voxel belongs to a regional maximum of {@code values} within {@code domain} (null = all). */
	public static byte[] regionalMaxima(float[] values, int width, int height, int depth, byte[] domain,
		Connectivity connectivity, Progress progress)
	{
		return regional(values, 1, width, height, depth, domain, connectivity, progress);
	}

	/** 1 where a voxel belongs to a regional minimum. */
	public static byte[] regionalMinima(float[] values, int width, int height, int depth, byte[] domain,
		Connectivity connectivity, Progress progress)
	{
		return regional(values, -1, width, height, depth, domain, connectivity, progress);
	}

	/**
	 * The h-maxima: plateaus of the maxima whose dynamic is at least {@code h} ({@code h <= 0} gives
	 * the regional maxima). For whole-numbered data ({@code integerValued}) a fractional h is rounded
	 * up, as scikit-image does.
	 */
	public static byte[] hMaxima(float[] values, double h, boolean integerValued, int width, int height,
		int depth, byte[] domain, Connectivity connectivity, Progress progress)
	{
		return hExtrema(values, 1, h, integerValued, width, height, depth, domain, connectivity, progress);
	}

	/** The h-minima: plateaus of the minima whose dynamic is at least {@code h}. */
	public static byte[] hMinima(float[] values, double h, boolean integerValued, int width, int height,
		int depth, byte[] domain, Connectivity connectivity, Progress progress)
	{
		return hExtrema(values, -1, h, integerValued, width, height, depth, domain, connectivity, progress);
	}

	private static byte[] hExtrema(float[] values, int sign, double h, boolean integerValued, int width,
		int height, int depth, byte[] domain, Connectivity connectivity, Progress progress)
	{
		if (!(h > 0)) return regional(values, sign, width, height, depth, domain, connectivity, progress);
		// Lowering by slightly less than h keeps maxima of dynamic exactly h separate.
		double lowered = integerValued ? Math.ceil(h) - 0.5 : h * (1 - 1e-6);
		int n = values.length;
		float[] f = new float[n];
		float[] marker = new float[n];
		for (int i = 0; i < n; i++) {
			f[i] = sign * values[i];
			marker[i] = (float) (f[i] - lowered);
		}
		float[] rec = Reconstruction.byDilation(marker, f, width, height, depth, domain, connectivity,
			progress);
		marker = null;
		f = null;
		return regional(rec, 1, width, height, depth, domain, connectivity, progress);
	}

	private static byte[] regional(float[] values, int sign, int width, int height, int depth,
		byte[] domain, Connectivity connectivity, Progress progress)
	{
		final byte candidate = 0, notExtremum = 2;
		int n = values.length;
		byte[] state = new byte[n];
		Neighbours neighbours = new Neighbours(connectivity, width, height, depth);
		int[] buf = new int[neighbours.max()];
		IntFifo fifo = new IntFifo(1024);
		int plane = width * height;
		for (int i = 0; i < n; i++) {
			if ((i % plane) == 0) progress.checkCancelled();
			if (domain != null && domain[i] == 0) {
				state[i] = notExtremum;
				continue;
			}
			float v = sign * values[i];
			int count = neighbours.of(i, buf);
			for (int k = 0; k < count; k++) {
				int q = buf[k];
				if ((domain == null || domain[q] != 0) && sign * values[q] > v) {
					state[i] = notExtremum;
					fifo.add(i);
					break;
				}
			}
		}
		while (!fifo.isEmpty()) {
			int p = fifo.remove();
			float v = values[p];
			int count = neighbours.of(p, buf);
			for (int k = 0; k < count; k++) {
				int q = buf[k];
				if (state[q] == candidate && values[q] == v) {
					state[q] = notExtremum;
					fifo.add(q);
				}
			}
		}
		for (int i = 0; i < n; i++) state[i] = state[i] == candidate ? (byte) 1 : 0;
		return state;
	}
}
