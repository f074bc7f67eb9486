package io.segkit.classic;

import io.segkit.Progress;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Connected-component labeling of a binary mask (raster scan with union-find). Labels are
 * numbered 1..n in raster order of each component's first voxel (x fastest, then y, then z), the
 * same order scikit-image's {@code label} gives.
 * <p>
 * How it is fast: the image is cut into slabs of planes (rows for a 2D image) that are labelled in
 * parallel, each with its own provisional labels; the slab boundaries are merged afterwards. Each
 * voxel looks only at its already-visited ("backward") neighbours; border rows and columns are
 * handled by per-row neighbour sets instead of per-voxel bounds checks; and neighbours that touch
 * a neighbour already taken are skipped, because the scan has already joined them (for 8/26
 * connectivity the neighbour straight above or below usually settles a voxel in one look).
 */
public final class ConnectedComponents {

	/** Slabs smaller than this many voxels are not worth a thread. */
	private static final long MIN_SLAB_VOXELS = 1 << 16;

	private ConnectedComponents() {}

	/** Labels the voxels of {@code volume} that are non-zero (NaN counts as background). */
	public static Labels label(Volume volume, Connectivity connectivity, Progress progress) {
		return label(foreground(volume), volume.width(), volume.height(), volume.depth(), volume.spacing(),
			connectivity, progress);
	}

	/** A mask (1 = inside) of the non-zero, non-NaN voxels of {@code volume}. */
	public static byte[] foreground(Volume volume) {
		byte[] mask = new byte[volume.size()];
		int plane = volume.planeSize();
		IntStream.range(0, volume.depth()).parallel().forEach(z -> {
			Object raw = volume.rawPlane(z);
			int offset = z * plane;
			if (raw instanceof byte[] b) {
				for (int i = 0; i < plane; i++) if (b[i] != 0) mask[offset + i] = 1;
			} else if (raw instanceof short[] s) {
				for (int i = 0; i < plane; i++) if (s[i] != 0) mask[offset + i] = 1;
			} else {
				float[] f = (float[]) raw;
				for (int i = 0; i < plane; i++) if (f[i] != 0 && !Float.isNaN(f[i])) mask[offset + i] = 1;
			}
		});
		return mask;
	}

	/** Labels the non-zero entries of a flat mask of the given size. */
	public static Labels label(byte[] mask, int width, int height, int depth, Spacing spacing,
		Connectivity connectivity, Progress progress)
	{
		int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
		long bySize = Math.max(1, (long) width * height * depth / MIN_SLAB_VOXELS);
		return label(mask, width, height, depth, spacing, connectivity, progress, (int) Math.min(2L * threads, bySize));
	}

	/** As above with at most {@code maxSlabs} slabs (tests use many thin slabs to exercise the merge). */
	static Labels label(byte[] mask, int width, int height, int depth, Spacing spacing,
		Connectivity connectivity, Progress progress, int maxSlabs)
	{
		if ((long) width * height * depth != mask.length) throw new IllegalArgumentException("Mask of " +
			mask.length + " does not match " + width + "x" + height + "x" + depth);
		Scan scan = new Scan(mask, width, height, depth, connectivity);
		int[] slabStarts = slabStarts(height, depth, maxSlabs);
		int slabs = slabStarts.length - 1;
		UnionFind[] local = new UnionFind[slabs];
		AtomicInteger planesDone = new AtomicInteger();
		IntStream.range(0, slabs).parallel().forEach(s -> local[s] = scan.labelSlab(slabStarts[s],
			slabStarts[s + 1], progress, planesDone));
		progress.checkCancelled();

		int[] offsets = new int[slabs];
		UnionFind global = UnionFind.concatenate(local, offsets);
		for (int s = 1; s < slabs; s++) scan.mergeBoundary(slabStarts[s], offsets[s - 1], offsets[s], global);
		int[] finalLabel = global.sequentialLabels();

		int[] labels = scan.labels;
		IntStream.range(0, slabs).parallel().forEach(s -> {
			int offset = offsets[s];
			int from = slabStarts[s] * width, to = slabStarts[s + 1] * width;
			for (int i = from; i < to; i++) {
				int v = labels[i];
				if (v != 0) labels[i] = finalLabel[offset + v];
			}
		});
		progress.update("Labeling", depth, depth);
		return new Labels(labels, width, height, depth, spacing, global.componentCount());
	}

	/**
	 * Slab boundaries as row indices (row = z * height + y): whole planes for a 3D image, whole rows
	 * for a 2D one, so a voxel's backward neighbours lie in its own slab or the one before.
	 */
	private static int[] slabStarts(int height, int depth, int maxSlabs) {
		int units = depth > 1 ? depth : height; // planes or rows
		int rowsPerUnit = depth > 1 ? height : 1;
		int slabs = Math.max(1, Math.min(maxSlabs, units));
		int[] starts = new int[slabs + 1];
		for (int s = 0; s <= slabs; s++) starts[s] = (int) ((long) units * s / slabs) * rowsPerUnit;
		return starts;
	}

	/** The raster scan over one mask; fills {@link #labels} with slab-local provisional labels. */
	private static final class Scan {

		final byte[] mask;
		final int[] labels;
		final int width, height, depth;
		/** Backward neighbours: offsets, flat deltas, and for each a bit mask of the neighbours it touches. */
		final int[] dx, dy, dz, delta;
		final long[] touches;

		Scan(byte[] mask, int width, int height, int depth, Connectivity connectivity) {
			this.mask = mask;
			this.labels = new int[mask.length];
			this.width = width;
			this.height = height;
			this.depth = depth;
			Connectivity.Neighbourhood nb = connectivity.neighbourhood(width, height, depth);
			int[] backward = backwardInVisitOrder(nb, connectivity, depth > 1);
			int n = backward.length;
			dx = new int[n];
			dy = new int[n];
			dz = new int[n];
			delta = new int[n];
			for (int j = 0; j < n; j++) {
				int k = backward[j];
				dx[j] = nb.dx[k];
				dy[j] = nb.dy[k];
				dz[j] = nb.dz[k];
				delta[j] = nb.delta[k];
			}
			touches = new long[n];
			int[][] all = connectivity.offsets(depth > 1);
			for (int a = 0; a < n; a++) {
				for (int b = 0; b < n; b++) {
					if (a == b || isNeighbour(all, dx[a] - dx[b], dy[a] - dy[b], dz[a] - dz[b])) touches[a] |= 1L << b;
				}
			}
		}

		/**
		 * Backward neighbours ordered so the ones touching most others come first: once such a
		 * neighbour is taken, the others it touches need no look.
		 */
		private static int[] backwardInVisitOrder(Connectivity.Neighbourhood nb, Connectivity c, boolean is3D) {
			int[][] all = c.offsets(is3D);
			Integer[] order = IntStream.range(0, nb.size()).filter(k -> nb.delta[k] < 0).boxed().toArray(
				Integer[]::new);
			int[] degree = new int[nb.size()];
			for (int a : order) for (int b : order) {
				if (a != b && isNeighbour(all, nb.dx[a] - nb.dx[b], nb.dy[a] - nb.dy[b], nb.dz[a] - nb.dz[b])) degree[a]++;
			}
			Arrays.sort(order, (a, b) -> degree[b] != degree[a] ? degree[b] - degree[a] : a - b);
			return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
		}

		private static boolean isNeighbour(int[][] offsets, int ddx, int ddy, int ddz) {
			for (int[] o : offsets) if (o[0] == ddx && o[1] == ddy && o[2] == ddz) return true;
			return false;
		}

		/** Bits of the backward neighbours that lie outside the image or before row {@code firstRow}. */
		long unreachable(int row, int firstRow, boolean firstColumn, boolean lastColumn) {
			int y = row % height, z = row / height;
			long out = 0;
			for (int j = 0; j < delta.length; j++) {
				int ny = y + dy[j], nz = z + dz[j];
				boolean outside = ny < 0 || ny >= height || nz < 0 || nz >= depth ||
					nz * height + ny < firstRow || (firstColumn && dx[j] < 0) || (lastColumn && dx[j] > 0);
				if (outside) out |= 1L << j;
			}
			return out;
		}

		/** Labels rows [firstRow, endRow) looking only at neighbours inside that range. */
		UnionFind labelSlab(int firstRow, int endRow, Progress progress, AtomicInteger rowsDone) {
			UnionFind sets = new UnionFind();
			long all = (1L << delta.length) - 1;
			for (int row = firstRow; row < endRow; row++) {
				if (row % height == 0 || row == firstRow) progress.checkCancelled();
				int start = row * width;
				long skipMiddle = unreachable(row, firstRow, false, false);
				long skipFirst = unreachable(row, firstRow, true, width == 1);
				long skipLast = unreachable(row, firstRow, false, true);
				labelVoxel(start, skipFirst, all, sets);
				for (int x = 1; x < width - 1; x++) labelVoxel(start + x, skipMiddle, all, sets);
				if (width > 1) labelVoxel(start + width - 1, skipLast, all, sets);
				int done = rowsDone.incrementAndGet();
				if (done % height == 0) {
					synchronized (progress) {
						progress.update("Labeling", done / height, depth);
					}
				}
			}
			return sets;
		}

		private void labelVoxel(int i, long skip, long all, UnionFind sets) {
			if (mask[i] == 0) return;
			int current = 0;
			long covered = skip;
			for (int j = 0; j < delta.length && covered != all; j++) {
				if ((covered & (1L << j)) != 0) continue;
				int other = labels[i + delta[j]];
				if (other == 0) continue;
				covered |= touches[j];
				current = current == 0 ? other : sets.union(current, other);
			}
			labels[i] = current != 0 ? current : sets.add();
		}

		/**
		 * Joins, in the global union-find, the voxels of the slab starting at {@code firstRow} with
		 * their backward neighbours in the slab before it.
		 */
		void mergeBoundary(int firstRow, int previousOffset, int offset, UnionFind global) {
			int reach = depth > 1 ? height + 1 : 1; // rows back that a neighbour can be
			for (int row = firstRow; row < Math.min(firstRow + reach, height * depth); row++) {
				int y = row % height, z = row / height;
				for (int x = 0; x < width; x++) {
					int i = row * width + x;
					if (labels[i] == 0) continue;
					for (int j = 0; j < delta.length; j++) {
						int nx = x + dx[j], ny = y + dy[j], nz = z + dz[j];
						if (nx < 0 || nx >= width || ny < 0 || ny >= height || nz < 0) continue;
						if (nz * height + ny >= firstRow) continue;
						int other = labels[i + delta[j]];
						if (other != 0) global.union(offset + labels[i], previousOffset + other);
					}
				}
			}
		}
	}

	/** Union-find over provisional labels 1..n with path halving; the smaller root wins. */
	private static final class UnionFind {

		private int[] parent = new int[1024];
		private int size = 1; // index 0 is background
		private int components;

		int add() {
			if (size == parent.length) parent = Arrays.copyOf(parent, parent.length * 2);
			parent[size] = size;
			return size++;
		}

		int find(int a) {
			while (parent[a] != a) {
				parent[a] = parent[parent[a]];
				a = parent[a];
			}
			return a;
		}

		int union(int a, int b) {
			if (a == b) return a;
			int ra = find(a), rb = find(b);
			if (ra == rb) return ra;
			if (ra < rb) {
				parent[rb] = ra;
				return ra;
			}
			parent[ra] = rb;
			return rb;
		}

		/**
		 * One union-find holding the sets of each slab one after the other; {@code offsets[s]} is
		 * what to add to a label of slab s to get its label here.
		 */
		static UnionFind concatenate(UnionFind[] slabs, int[] offsets) {
			int total = 1;
			for (int s = 0; s < slabs.length; s++) {
				offsets[s] = total - 1;
				total += slabs[s].size - 1;
			}
			UnionFind all = new UnionFind();
			all.parent = new int[Math.max(total, 1)];
			all.size = total;
			for (int s = 0; s < slabs.length; s++) {
				int[] p = slabs[s].parent;
				for (int l = 1; l < slabs[s].size; l++) all.parent[offsets[s] + l] = offsets[s] + p[l];
			}
			return all;
		}

		/** Final labels 1..k in order of each set's smallest provisional label (= raster order). */
		int[] sequentialLabels() {
			int[] out = new int[size];
			components = 0;
			for (int p = 1; p < size; p++) {
				int root = find(p);
				if (root == p) out[p] = ++components;
				else out[p] = out[root];
			}
			return out;
		}

		int componentCount() {
			return components;
		}
	}
}
