package io.segkit.classic.regiongrow;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.classic.morphology.Extrema;
import io.segkit.classic.morphology.Neighbours;
import io.segkit.classic.queue.IntFifo;
import io.segkit.classic.queue.KeyHeap;
import io.segkit.classic.watershed.Seeds;
import io.segkit.image.Labels;
import io.segkit.image.Volume;

import java.util.Arrays;

/**
 * Seeded region growing (Adams and Bischof 1994), competitive: all regions grow at once, and the
 * next voxel to join is always the one, over all region borders, whose value is closest to the
 * current mean of the region next to it. A voxel differing from that mean by more than the
 * tolerance is not taken, so regions stop at the edge of their objects instead of leaking into
 * the background. Region means are updated as voxels join; a queued voxel whose difference grew
 * since it was queued is re-queued with the new difference before it may join. Ties go to the
 * voxel queued first, so the result is deterministic.
 * <p>
 * {@link #flood} is the fixed alternative ({@link Comparison#SEED_VALUE}): a voxel is compared with its seed's
 * value, which never changes, as in scikit-image's {@code segmentation.flood}; a breadth-first fill, linear in
 * the voxels it reaches.
 */
public final class RegionGrowing {

	/** What a voxel's value is compared with to decide whether it may join a region. */
	public enum Comparison {
		/** The region's current mean, updated as voxels join (competitive, in order of difference): {@link #grow}. */
		REGION_MEAN,
		/** The seed's value (the mean of the seed's voxels), fixed: a flood fill per seed, {@link #flood}. */
		SEED_VALUE
	}

	private RegionGrowing() {}

	/** {@link #grow} or {@link #flood}, as {@code comparison} says. */
	public static Labels grow(Volume image, int[] seeds, byte[] mask, double tolerance, Connectivity connectivity,
		Comparison comparison, Progress progress)
	{
		return comparison == Comparison.SEED_VALUE ? flood(image, seeds, mask, tolerance, connectivity, progress)
			: grow(image, seeds, mask, tolerance, connectivity, progress);
	}

	/**
	 * Grows {@code seeds} (labels > 0, each value one region; not modified) over {@code image},
	 * within {@code mask} (null = everywhere). Seed voxels outside the mask are dropped.
	 */
	public static Labels grow(Volume image, int[] seeds, byte[] mask, double tolerance,
		Connectivity connectivity, Progress progress)
	{
		Intensities values = new Intensities(image);
		Start start = new Start(image, values, seeds, mask, tolerance, "a region's mean intensity");
		int w = image.width(), h = image.height(), d = image.depth(), n = image.size();
		int[] labels = start.labels;
		double[] sum = start.sum;
		long[] count = start.count;
		int maxLabel = start.maxLabel;
		IntFifo seedVoxels = start.voxels;
		Neighbours neighbours = new Neighbours(connectivity, w, h, d);
		int[] buf = new int[neighbours.max()];
		KeyHeap heap = new KeyHeap(4096);
		// labels[q] < 0: q waits in the queue for region -labels[q]. A voxel bordering a growing region is
		// queued once, not once per labelled neighbour (that made big regions cost ~26 heap entries a
		// voxel); keeping this in the labels (no second int volume) halves the memory the growth touches.
		long arrival = 0;
		while (!seedVoxels.isEmpty()) {
			int i = seedVoxels.remove();
			arrival = queueNeighbours(i, labels[i], labels, mask, values, sum, count, neighbours, buf, heap, arrival);
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
			if (labels[p] > 0) continue;
			int region = (int) payload;
			float value = values.at(p);
			double diff = Math.abs(value - sum[region] / count[region]);
			if ((float) diff > queuedDifference && !heap.isEmpty() && KeyHeap.key((float) diff, arrival) > heap
				.peekKey())
			{
				heap.push(KeyHeap.key((float) diff, arrival++), payload);
				continue;
			}
			if (diff > tolerance) {
				labels[p] = 0; // may join later, when a neighbour joining moves the mean closer
				continue;
			}
			labels[p] = region;
			sum[region] += value;
			count[region]++;
			arrival = queueNeighbours(p, region, labels, mask, values, sum, count, neighbours, buf, heap, arrival);
		}
		// no label is left negative: a voxel's last queue entry always ends in joining or being dropped (0)
		progress.update("Region growing", n, n);
		return new Labels(labels, w, h, d, image.spacing(), maxLabel);
	}

	/**
	 * Fixed-tolerance growth, a flood fill per seed: a voxel joins a region when its value lies within
	 * [seed value - tolerance, seed value + tolerance] and it touches the region; the seed value is the seed
	 * voxel's value (the mean of its voxels for a seed of several voxels), and never changes. For one seed voxel
	 * this is scikit-image's {@code segmentation.flood(image, seed, tolerance=tolerance)}. Several seeds fill at
	 * once, breadth first from all seed voxels (in raster order): a voxel in the range of more than one region
	 * goes to the one that reaches it first, so the result is deterministic. NaN voxels never join. One seed region is filled
	 * run by run along the rows (a scanline fill); several regions breadth first (a FIFO). {@code seeds} and {@code mask} as for {@link #grow}.
	 */
	public static Labels flood(Volume image, int[] seeds, byte[] mask, double tolerance, Connectivity connectivity,
		Progress progress)
	{
		Intensities values = new Intensities(image);
		Start start = new Start(image, values, seeds, mask, tolerance, "a seed's intensity");
		int w = image.width(), h = image.height(), d = image.depth(), n = image.size();
		int maxLabel = start.maxLabel;
		double[] low = new double[maxLabel + 1], high = new double[maxLabel + 1];
		for (int l = 1; l <= maxLabel; l++) if (start.count[l] > 0) {
			double seed = start.sum[l] / start.count[l];
			low[l] = seed - tolerance;
			high[l] = seed + tolerance;
		}
		IntFifo fifo = start.voxels;
		// 1 = not free: in a region already, or outside the mask
		byte[] taken = new byte[n];
		if (mask != null) for (int i = 0; i < n; i++) if (mask[i] == 0) taken[i] = 1;
		for (int j = fifo.size(); j > 0; j--) { // the seed voxels: once round the queue, leaving its order
			int i = fifo.remove();
			taken[i] = 1;
			fifo.add(i);
		}
		Connectivity.Neighbourhood neighbourhood = connectivity.neighbourhood(w, h, d);
		int onlyRegion = onlyRegion(start);
		if (onlyRegion > 0) new ScanlineFill(start.labels, taken, values, neighbourhood, onlyRegion, low[onlyRegion],
			high[onlyRegion]).fill(fifo, progress);
		else fill(start.labels, taken, values, neighbourhood, fifo, low, high, progress);
		progress.update("Region growing", n, n);
		return new Labels(start.labels, w, h, d, image.spacing(), maxLabel);
	}

	/**
	 * The breadth-first fill of {@link #flood}: the free neighbours of a region's voxel that lie within the region's
	 * range join it. This is the whole cost of a large fill, so it does without what the priority-queue growth can
	 * afford: the free test reads one byte a voxel (not the 32-bit labels, so more of the fill's front stays in the
	 * cache), a neighbour's value comes from the plane above, at or below the voxel's (no division per neighbour),
	 * and everything is in locals of one loop. About 1.5x faster than Neighbours.of, the labels and
	 * Intensities.at on the benchmark's background fill.
	 */
	private static void fill(int[] labels, byte[] taken, Intensities values, Connectivity.Neighbourhood nb,
		IntFifo fifo, double[] low, double[] high, Progress progress)
	{
		int width = nb.width, plane = nb.width * nb.height, depth = nb.depth, n = labels.length;
		int[] delta = nb.delta, dz = nb.dz;
		int neighbourCount = delta.length;
		int[] inPlane = new int[neighbourCount];
		for (int k = 0; k < neighbourCount; k++) inPlane[k] = nb.dy[k] * width + nb.dx[k];
		float[][] around = new float[3][];
		int aroundZ = -1;
		long steps = 0;
		while (!fifo.isEmpty()) {
			if ((++steps & 0xfffff) == 0) {
				progress.checkCancelled();
				progress.update("Region growing", steps, n);
			}
			int p = fifo.remove();
			int region = labels[p];
			double lo = low[region], hi = high[region];
			int z = p / plane, rest = p - z * plane, y = rest / width, x = rest - y * width;
			if (z != aroundZ) {
				around[0] = z > 0 ? values.plane(z - 1) : null;
				around[1] = values.plane(z);
				around[2] = z < depth - 1 ? values.plane(z + 1) : null;
				aroundZ = z;
			}
			boolean interior = nb.interior(x, y, z);
			for (int k = 0; k < neighbourCount; k++) {
				int q = p + delta[k];
				if (!interior && !nb.inside(k, x, y, z) || taken[q] != 0) continue;
				float v = around[dz[k] + 1][rest + inPlane[k]];
				if (v >= lo && v <= hi) { // false for NaN
					taken[q] = 1;
					labels[q] = region;
					fifo.add(q);
				}
			}
		}
	}

	/** The region's number when the seeds make one region, else 0. */
	private static int onlyRegion(Start start) {
		int region = 0;
		for (int l = 1; l <= start.maxLabel; l++) if (start.count[l] > 0) {
			if (region > 0) return 0;
			region = l;
		}
		return region;
	}

	/**
	 * The fill of {@link #flood} for a single region, where the order of the fill cannot change the result (the
	 * region is the set of voxels connected to the seed through voxels within the range, whatever the order): a
	 * scanline fill, which takes whole runs of a row at a time and looks for the next runs in the rows next to a run,
	 * so it reads memory in order. The breadth-first fill reaches voxels in an order the cache cannot follow; on the
	 * benchmark's background fill (7.8 million voxels) this is several times faster. The breadth-first
	 * fill stays for several regions, whose order decides who takes a voxel both could reach.
	 */
	private static final class ScanlineFill {

		private final int[] labels;
		private final byte[] taken;
		private final Intensities values;
		private final int width, height, depth, plane, region;
		private final double low, high;
		/** The rows next to a row (dy, dz), and how far to each side of a run they touch it (1 with diagonals). */
		private final int[] rowDy, rowDz, rowReach;
		private int[] stack = new int[1024];
		private int size;

		ScanlineFill(int[] labels, byte[] taken, Intensities values, Connectivity.Neighbourhood nb, int region,
			double low, double high)
		{
			this.labels = labels;
			this.taken = taken;
			this.values = values;
			this.region = region;
			this.low = low;
			this.high = high;
			width = nb.width;
			height = nb.height;
			depth = nb.depth;
			plane = width * height;
			int[] reach = new int[9]; // by (dy + 1) * 3 + dz + 1; -1 = not a neighbouring row
			Arrays.fill(reach, -1);
			for (int k = 0; k < nb.size(); k++) {
				if (nb.dy[k] == 0 && nb.dz[k] == 0) continue; // the voxel's own row: the run's extension
				int row = (nb.dy[k] + 1) * 3 + nb.dz[k] + 1;
				reach[row] = Math.max(reach[row], Math.abs(nb.dx[k]));
			}
			int rows = (int) Arrays.stream(reach).filter(r -> r >= 0).count();
			rowDy = new int[rows];
			rowDz = new int[rows];
			rowReach = new int[rows];
			for (int row = 0, j = 0; row < 9; row++) if (reach[row] >= 0) {
				rowDy[j] = row / 3 - 1;
				rowDz[j] = row % 3 - 1;
				rowReach[j++] = reach[row];
			}
		}

		/** Fills from the seed voxels (taken and labelled already, whatever their values). */
		void fill(IntFifo seedVoxels, Progress progress) {
			while (!seedVoxels.isEmpty()) {
				int i = seedVoxels.remove();
				int z = i / plane, y = i % plane / width, x = i % width;
				float[] row = values.plane(z);
				if (x > 0 && joins(i - 1, row[i - 1 - z * plane])) push(i - 1);
				if (x < width - 1 && joins(i + 1, row[i + 1 - z * plane])) push(i + 1);
				pushRunsNextTo(x, x, y, z);
			}
			long filled = 0, reported = 0;
			while (size > 0) {
				int i = stack[--size];
				if (taken[i] != 0) continue; // taken by another run since it was pushed (it was in range then)
				int z = i / plane, y = i % plane / width, rowStart = (z * height + y) * width;
				float[] row = values.plane(z);
				int inPlane = rowStart - z * plane, left = i - rowStart, right = left;
				while (left > 0 && joins(rowStart + left - 1, row[inPlane + left - 1])) left--;
				while (right < width - 1 && joins(rowStart + right + 1, row[inPlane + right + 1])) right++;
				Arrays.fill(taken, rowStart + left, rowStart + right + 1, (byte) 1);
				Arrays.fill(labels, rowStart + left, rowStart + right + 1, region);
				pushRunsNextTo(left, right, y, z);
				filled += right - left + 1;
				if (filled - reported > 1 << 20) {
					reported = filled;
					progress.checkCancelled();
					progress.update("Region growing", filled, labels.length);
				}
			}
		}

		/** Pushes the first voxel of every run of free voxels within the range next to run [left, right] of row (y, z). */
		private void pushRunsNextTo(int left, int right, int y, int z) {
			for (int r = 0; r < rowDy.length; r++) {
				int ny = y + rowDy[r], nz = z + rowDz[r];
				if (ny < 0 || ny >= height || nz < 0 || nz >= depth) continue;
				float[] row = values.plane(nz);
				int rowStart = (nz * height + ny) * width, inPlane = ny * width;
				boolean inRun = false;
				for (int x = Math.max(0, left - rowReach[r]), to = Math.min(width - 1, right + rowReach[r]); x <= to; x++) {
					boolean joins = joins(rowStart + x, row[inPlane + x]);
					if (joins && !inRun) push(rowStart + x);
					inRun = joins;
				}
			}
		}

		private boolean joins(int i, float value) {
			return taken[i] == 0 && value >= low && value <= high; // false for NaN
		}

		private void push(int i) {
			if (size == stack.length) stack = Arrays.copyOf(stack, size * 2);
			stack[size++] = i;
		}
	}

	/**
	 * The start of a growth, in one pass over the seeds: the seed voxels inside the mask as labels, those voxels in
	 * raster order, and each region's sum and count of seed values (after checking the arguments).
	 */
	private static final class Start {

		final int[] labels;
		final IntFifo voxels = new IntFifo(1024);
		double[] sum = new double[16];
		long[] count = new long[16];
		int maxLabel;

		Start(Volume image, Intensities values, int[] seeds, byte[] mask, double tolerance, String from) {
			if (!(tolerance >= 0) || Double.isInfinite(tolerance)) throw new SegKitException("The tolerance " +
				"must be 0 or more (it is " + tolerance + "): the largest difference from " + from +
				" that a voxel may have to join it.");
			int n = image.size();
			if (seeds.length != n || mask != null && mask.length != n) throw new IllegalArgumentException(
				"seeds or mask do not match the image size");
			labels = new int[n];
			for (int i = 0; i < n; i++) {
				i = nextNonZero(seeds, i);
				if (i == n) break;
				int l = seeds[i];
				if (mask != null && mask[i] == 0) continue;
				labels[i] = l;
				if (l >= sum.length) {
					sum = Arrays.copyOf(sum, Math.max(l + 1, sum.length * 2));
					count = Arrays.copyOf(count, sum.length);
				}
				maxLabel = Math.max(maxLabel, l);
				sum[l] += values.at(i);
				count[l]++;
				voxels.add(i);
			}
			if (voxels.isEmpty()) throw new SegKitException("None of the seeds lies inside the mask. Place seeds " +
				"on the objects inside the mask, or check that the seed and mask images belong to this image.");
		}

		private static final int[] ZEROS = new int[4096];

		/**
		 * The first index from {@code i} on where {@code seeds} is not 0, or its length: Arrays.mismatch against
		 * zeros, a vectorised JDK intrinsic, so a few seeds in a large volume cost little even before the JIT has
		 * compiled this class (the benchmark's small regions were dominated by this scan).
		 */
		private static int nextNonZero(int[] seeds, int i) {
			int n = seeds.length;
			while (i < n) {
				int chunk = Math.min(ZEROS.length, n - i);
				int at = Arrays.mismatch(seeds, i, i + chunk, ZEROS, 0, chunk);
				if (at >= 0) return i + at;
				i += chunk;
			}
			return n;
		}
	}

	/** Seeds at the regional maxima that stand out by at least {@code dynamic} (0 = all regional maxima). */
	public static int[] maximaSeeds(Volume image, double dynamic, byte[] mask, Connectivity connectivity,
		Progress progress)
	{
		int w = image.width(), h = image.height(), d = image.depth();
		byte[] maxima = Extrema.hMaxima(image.toFloatArray(), dynamic, image.isIntegerType(), w, h, d, mask,
			connectivity, progress);
		boolean any = false;
		for (byte b : maxima) if (b != 0) {
			any = true;
			break;
		}
		if (!any) throw new SegKitException("No regional maxima were found to use as seeds (is the mask " +
			"empty?). Give seeds as points or a seed image instead.");
		return Seeds.fromMask(maxima, w, h, d, connectivity, progress);
	}

	private static long queueNeighbours(int p, int region, int[] labels, byte[] mask, Intensities values,
		double[] sum, long[] count, Neighbours neighbours, int[] buf, KeyHeap heap, long arrival)
	{
		double mean = sum[region] / count[region];
		int k = neighbours.of(p, buf);
		for (int j = 0; j < k; j++) {
			int q = buf[j];
			int l = labels[q];
			if (l > 0 || l == -region || mask != null && mask[q] == 0) continue;
			labels[q] = -region;
			float diff = (float) Math.abs(values.at(q) - mean);
			heap.push(KeyHeap.key(diff, arrival++), ((long) q << 32) | (region & 0xffffffffL));
		}
		return arrival;
	}

	/**
	 * The image's values as floats, each plane converted when first touched: a small region reads a few
	 * planes instead of a float copy of the whole volume.
	 */
	private static final class Intensities {

		private final Volume image;
		private final int plane;
		private final float[][] planes;

		Intensities(Volume image) {
			this.image = image;
			plane = image.planeSize();
			planes = new float[image.depth()][];
		}

		float at(int i) {
			int z = i / plane;
			float[] values = planes[z];
			if (values == null) values = load(z);
			return values[i - z * plane];
		}

		/** The values of plane z. */
		float[] plane(int z) {
			float[] values = planes[z];
			return values != null ? values : load(z);
		}

		private float[] load(int z) {
			Object raw = image.rawPlane(z);
			float[] values = raw instanceof float[] f ? f : new float[plane];
			if (raw != values) image.copyPlane(z, values);
			return planes[z] = values;
		}
	}

	private static float difference(long key) {
		return Float.intBitsToFloat((int) (key >>> 32));
	}
}
