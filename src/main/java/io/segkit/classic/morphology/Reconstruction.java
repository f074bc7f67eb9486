package io.segkit.classic.morphology;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.classic.queue.IntFifo;

/**
 * Grey-scale morphological reconstruction by dilation with Vincent's (1993) hybrid algorithm: one
 * forward and one backward raster scan, then a FIFO queue that finishes the propagation from the
 * voxels the scans could not settle. Linear in practice.
 */
public final class Reconstruction {

	private Reconstruction() {}

	/**
	 * Reconstruction of {@code marker} under {@code mask} (both flat, same size; the marker is first
	 * clipped to the mask). Voxels where {@code domain} is 0 (null = everywhere) are left out: they
	 * take the mask's value and do not pass values on. Inputs are not modified.
	 */
	public static float[] byDilation(float[] marker, float[] mask, int width, int height, int depth,
		byte[] domain, Connectivity connectivity, Progress progress)
	{
		int n = marker.length;
		float[] out = new float[n];
		for (int i = 0; i < n; i++) out[i] = Math.min(marker[i], mask[i]);
		Neighbours neighbours = new Neighbours(connectivity, width, height, depth);
		int[] buf = new int[neighbours.max()];
		int plane = width * height;
		for (int i = 0; i < n; i++) {
			if ((i % plane) == 0) progress.checkCancelled();
			if (domain != null && domain[i] == 0) continue;
			float v = out[i];
			int count = neighbours.half(i, -1, buf);
			for (int k = 0; k < count; k++) {
				int q = buf[k];
				if (out[q] > v && (domain == null || domain[q] != 0)) v = out[q];
			}
			out[i] = Math.min(v, mask[i]);
		}
		IntFifo fifo = new IntFifo(1024);
		for (int i = n - 1; i >= 0; i--) {
			if ((i % plane) == 0) progress.checkCancelled();
			if (domain != null && domain[i] == 0) continue;
			float v = out[i];
			int count = neighbours.half(i, 1, buf);
			for (int k = 0; k < count; k++) {
				int q = buf[k];
				if (out[q] > v && (domain == null || domain[q] != 0)) v = out[q];
			}
			v = Math.min(v, mask[i]);
			out[i] = v;
			for (int k = 0; k < count; k++) {
				int q = buf[k];
				if ((domain == null || domain[q] != 0) && out[q] < v && out[q] < mask[q]) {
					fifo.add(i);
					break;
				}
			}
		}
		long popped = 0;
		while (!fifo.isEmpty()) {
			if ((++popped & 0xfffff) == 0) progress.checkCancelled();
			int p = fifo.remove();
			float v = out[p];
			int count = neighbours.of(p, buf);
			for (int k = 0; k < count; k++) {
				int q = buf[k];
				if (domain != null && domain[q] == 0) continue;
				if (out[q] < v && out[q] != mask[q]) {
					out[q] = Math.min(v, mask[q]);
					fifo.add(q);
				}
			}
		}
		return out;
	}
}
