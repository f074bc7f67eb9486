package io.segkit.image;

import java.util.Arrays;

/**
 * Resampling of flat (z, y, x) arrays to another grid, separably one axis at a time. Grids are aligned on voxel
 * centres (output voxel j of n' covers the same physical position as input coordinate (j + 0.5) n / n' - 0.5), so
 * resampling to a new shape and back keeps objects in place. Values outside are clamped to the edge voxel.
 * <p>
 * Images use linear interpolation; label images use linear interpolation of each class's one-hot indicator and
 * then the class with the largest value (nnU-Net's rule), which keeps thin structures better than nearest
 * neighbour. When {@code nearestAlongZ} is set, the z axis is interpolated by nearest neighbour (nnU-Net does this
 * when z spacing is more than 3 times the in-plane spacing, where linear blending of far-apart slices blurs).
 */
public final class Resampling {

	private Resampling() {}

	/** The shape (z, y, x) a volume of {@code shape} at {@code spacing} gets at {@code target} spacing. */
	public static int[] shapeAtSpacing(int[] shape, double[] spacing, double[] target) {
		int[] out = new int[shape.length];
		for (int a = 0; a < shape.length; a++) {
			out[a] = Math.max(1, (int) Math.round(shape[a] * spacing[a] / target[a]));
		}
		return out;
	}

	/** Linear resampling of a (z, y, x) float array; a new array, the input is not changed. */
	public static float[] linear(float[] data, int[] shape, int[] newShape, boolean nearestAlongZ) {
		requireShape(data.length, shape);
		float[] current = data;
		int[] currentShape = shape.clone();
		for (int axis = 2; axis >= 0; axis--) { // x first: the innermost axis is the cheapest to shrink early
			if (currentShape[axis] == newShape[axis]) continue;
			current = alongAxis(current, currentShape, axis, newShape[axis], nearestAlongZ && axis == 0);
			currentShape[axis] = newShape[axis];
		}
		return current == data ? data.clone() : current;
	}

	/**
	 * Resamples a label array with values 0 .. classes-1 (unsigned bytes) by linear interpolation of each class's
	 * indicator followed by the arg-max; ties go to the lower class.
	 */
	public static byte[] labels(byte[] labels, int[] shape, int[] newShape, int classes, boolean nearestAlongZ) {
		requireShape(labels.length, shape);
		if (Arrays.equals(shape, newShape)) return labels.clone();
		int n = newShape[0] * newShape[1] * newShape[2];
		byte[] out = new byte[n];
		float[] best = new float[n];
		Arrays.fill(best, -1f);
		float[] indicator = new float[labels.length];
		for (int c = 0; c < classes; c++) {
			boolean present = false;
			for (int i = 0; i < labels.length; i++) {
				boolean is = (labels[i] & 0xff) == c;
				indicator[i] = is ? 1f : 0f;
				present |= is;
			}
			if (!present && c > 0) continue; // absent classes can never win
			float[] r = linear(indicator, shape, newShape, nearestAlongZ);
			for (int i = 0; i < n; i++) {
				if (r[i] > best[i]) {
					best[i] = r[i];
					out[i] = (byte) c;
				}
			}
		}
		return out;
	}

	private static float[] alongAxis(float[] in, int[] shape, int axis, int newSize, boolean nearest) {
		int oldSize = shape[axis];
		int stride = 1;
		for (int a = axis + 1; a < 3; a++) stride *= shape[a];
		int outer = 1;
		for (int a = 0; a < axis; a++) outer *= shape[a];
		float[] out = new float[outer * newSize * stride];
		int[] lower = new int[newSize];
		float[] weight = new float[newSize];
		coordinates(oldSize, newSize, nearest, lower, weight);
		for (int o = 0; o < outer; o++) {
			int inBase = o * oldSize * stride;
			int outBase = o * newSize * stride;
			for (int j = 0; j < newSize; j++) {
				int i0 = inBase + lower[j] * stride;
				int i1 = lower[j] + 1 < oldSize ? i0 + stride : i0;
				float w = weight[j];
				int dst = outBase + j * stride;
				for (int s = 0; s < stride; s++) out[dst + s] = in[i0 + s] + w * (in[i1 + s] - in[i0 + s]);
			}
		}
		return out;
	}

	/** For each output index: the lower input index and the weight of the next one. */
	private static void coordinates(int oldSize, int newSize, boolean nearest, int[] lower, float[] weight) {
		double scale = (double) oldSize / newSize;
		for (int j = 0; j < newSize; j++) {
			double c = Math.min(oldSize - 1, Math.max(0, (j + 0.5) * scale - 0.5));
			if (nearest) c = Math.min(oldSize - 1, Math.round(c));
			lower[j] = (int) Math.floor(c);
			weight[j] = (float) (c - lower[j]);
		}
	}

	private static void requireShape(int length, int[] shape) {
		if (shape.length != 3 || (long) shape[0] * shape[1] * shape[2] != length) {
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match " + length);
		}
	}
}
