package io.segkit.classic;

import io.segkit.Progress;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.Arrays;

/**
 * Connected-component labeling of a binary mask (two raster passes with union-find). Labels are
 * numbered 1..n in raster order of each component's first voxel (x fastest, then y, then z), the
 * same order scikit-image's {@code label} gives.
 */
public final class ConnectedComponents {

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
		float[] buffer = new float[plane];
		for (int z = 0; z < volume.depth(); z++) {
			volume.copyPlane(z, buffer);
			for (int i = 0; i < plane; i++) if (buffer[i] != 0 && !Float.isNaN(buffer[i])) mask[z * plane + i] = 1;
		}
		return mask;
	}

	/** Labels the non-zero entries of a flat mask of the given size. */
	public static Labels label(byte[] mask, int width, int height, int depth, Spacing spacing,
		Connectivity connectivity, Progress progress)
	{
		Connectivity.Neighbourhood nb = connectivity.neighbourhood(width, height, depth);
		int[] backward = backwardIndices(nb);
		int[] labels = new int[mask.length];
		UnionFind sets = new UnionFind();
		int plane = width * height;
		for (int z = 0; z < depth; z++) {
			progress.checkCancelled();
			for (int y = 0; y < height; y++) {
				int row = z * plane + y * width;
				for (int x = 0; x < width; x++) {
					int i = row + x;
					if (mask[i] == 0) continue;
					boolean interior = nb.interior(x, y, z);
					int current = 0;
					for (int k : backward) {
						if (!interior && !nb.inside(k, x, y, z)) continue;
						int other = labels[i + nb.delta[k]];
						if (other == 0) continue;
						current = current == 0 ? other : sets.union(current, other);
					}
					labels[i] = current != 0 ? current : sets.add();
				}
			}
			progress.update("Labeling", z + 1, depth);
		}
		int[] finalLabel = sets.sequentialLabels();
		for (int i = 0; i < labels.length; i++) labels[i] = finalLabel[labels[i]];
		return new Labels(labels, width, height, depth, spacing, sets.componentCount());
	}

	private static int[] backwardIndices(Connectivity.Neighbourhood nb) {
		return java.util.stream.IntStream.range(0, nb.size()).filter(k -> nb.delta[k] < 0).toArray();
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
			int ra = find(a), rb = find(b);
			if (ra == rb) return ra;
			if (ra < rb) {
				parent[rb] = ra;
				return ra;
			}
			parent[ra] = rb;
			return rb;
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
