package io.segkit.classic.regiongrow;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.classic.morphology.Extrema;
import io.segkit.classic.morphology.Neighbours;
import io.segkit.classic.queue.KeyHeap;
import io.segkit.classic.watershed.Seeds;
import io.segkit.image.Labels;
import io.segkit.image.Volume;

/**
 * The region growing of before issue 10 (test only), kept to check that the faster one gives the same labels.
 * <p>
 * Seeded region growing (Adams and Bischof 1994), competitive: all regions grow at once, and the
 * next voxel to join is always the one, over all region borders, whose value is closest to the
 * current mean of the region next to it. A voxel differing from that mean by more than the
 * tolerance is not taken, so regions stop at the edge of their objects instead of leaking into
 * the background. Region means are updated as voxels join; a queued voxel whose difference grew
 * since it was queued is re-queued with the new difference before it may join. Ties go to the
 * voxel queued first, so the result is deterministic.
 */
final class RegionGrowingReference {

	private RegionGrowingReference() {}

	/**
	 * Grows {@code seeds} (labels > 0, each value one region; not modified) over {@code image},
	 * within {@code mask} (null = everywhere). Seed voxels outside the mask are dropped.
	 */
	public static Labels grow(Volume image, int[] seeds, byte[] mask, double tolerance,
		Connectivity connectivity, Progress progress)
	{
		if (!(tolerance >= 0) || Double.isInfinite(tolerance)) throw new SegKitException("The tolerance " +
			"must be 0 or more (it is " + tolerance + "): the largest difference from a region's mean " +
			"intensity that a voxel may have to join it.");
		int w = image.width(), h = image.height(), d = image.depth(), n = image.size();
		if (seeds.length != n || mask != null && mask.length != n) throw new IllegalArgumentException(
			"seeds or mask do not match the image size");
		int[] labels = Seeds.insideMask(seeds, mask, "None of the seeds lies inside the mask. Place seeds " +
			"on the objects inside the mask, or check that the seed and mask images belong to this image.");
		float[] values = image.toFloatArray();
		int maxLabel = 0;
		for (int v : labels) if (v > maxLabel) maxLabel = v;
		double[] sum = new double[maxLabel + 1];
		long[] count = new long[maxLabel + 1];
		for (int i = 0; i < n; i++) {
			if (labels[i] == 0) continue;
			sum[labels[i]] += values[i];
			count[labels[i]]++;
		}
		Neighbours neighbours = new Neighbours(connectivity, w, h, d);
		int[] buf = new int[neighbours.max()];
		KeyHeap heap = new KeyHeap(4096);
		// The region each voxel waits in the queue for: a voxel bordering a growing region is queued
		// once, not once per labelled neighbour (that made big regions cost ~26 heap entries a voxel).
		int[] queuedFor = new int[n];
		long arrival = 0;
		for (int i = 0; i < n; i++) {
			if (labels[i] != 0) arrival = queueNeighbours(i, labels[i], labels, mask, values, sum, count,
				neighbours, buf, heap, queuedFor, arrival);
		}
		long steps = 0;
		while (!heap.isEmpty()) {
			if ((++steps & 0xfffff) == 0) {
				progress.checkCancelled();
				progress.update("Region growing", steps, n);
			}
			float queuedDifference = difference(heap.peekKey());
			long payload = heap.pop();
			int p = (int) (payload >>> 32);
			if (labels[p] != 0) continue;
			int region = (int) payload;
			double diff = Math.abs(values[p] - sum[region] / count[region]);
			if ((float) diff > queuedDifference && !heap.isEmpty() && KeyHeap.key((float) diff, arrival) > heap
				.peekKey())
			{
				heap.push(KeyHeap.key((float) diff, arrival++), payload);
				continue;
			}
			if (diff > tolerance) {
				queuedFor[p] = 0; // may join later, when a neighbour joining moves the mean closer
				continue;
			}
			labels[p] = region;
			sum[region] += values[p];
			count[region]++;
			arrival = queueNeighbours(p, region, labels, mask, values, sum, count, neighbours, buf, heap,
				queuedFor, arrival);
		}
		progress.update("Region growing", n, n);
		return new Labels(labels, w, h, d, image.spacing(), maxLabel);
	}

	private static long queueNeighbours(int p, int region, int[] labels, byte[] mask, float[] values,
		double[] sum, long[] count, Neighbours neighbours, int[] buf, KeyHeap heap, int[] queuedFor, long arrival)
	{
		double mean = sum[region] / count[region];
		int k = neighbours.of(p, buf);
		for (int j = 0; j < k; j++) {
			int q = buf[j];
			if (labels[q] != 0 || queuedFor[q] == region || mask != null && mask[q] == 0) continue;
			queuedFor[q] = region;
			float diff = (float) Math.abs(values[q] - mean);
			heap.push(KeyHeap.key(diff, arrival++), ((long) q << 32) | (region & 0xffffffffL));
		}
		return arrival;
	}

	private static float difference(long key) {
		return Float.intBitsToFloat((int) (key >>> 32));
	}
}
