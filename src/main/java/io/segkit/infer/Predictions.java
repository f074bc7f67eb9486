package io.segkit.infer;

import java.util.stream.IntStream;

import io.segkit.SegKitException;

/**
 * Operations on per-class score maps {@code float[classes][voxels]} (logits or probabilities): softmax, argmax
 * labels, and sums for ensembles. To average several models or configurations (nnU-Net averages probabilities
 * over configurations), {@link #addInto} each model's probabilities into the first and {@link #scale} by 1/n.
 */
public final class Predictions {

	private static final int CHUNK = 1 << 16;

	private Predictions() {}

	/**
	 * The first {@code classes} rows of a network's scores: the class scores without the distance map an instance
	 * model with a distance head appends (no copy of the rows).
	 */
	public static float[][] classRows(float[][] scores, int classes) {
		return scores.length == classes ? scores : java.util.Arrays.copyOf(scores, classes);
	}

	/** Replaces logits by softmax probabilities, voxel by voxel. */
	public static void softmaxInPlace(float[][] logits) {
		int voxels = voxels(logits);
		chunks(voxels).forEach(c -> {
			for (int i = c * CHUNK, end = Math.min(voxels, i + CHUNK); i < end; i++) softmaxAt(logits, i);
		});
	}

	private static void softmaxAt(float[][] s, int i) {
		float max = Float.NEGATIVE_INFINITY;
		for (float[] c : s) max = Math.max(max, c[i]);
		double sum = 0;
		for (float[] c : s) {
			c[i] = (float) Math.exp(c[i] - max); // subtracting the maximum keeps exp finite
			sum += c[i];
		}
		float inv = (float) (1 / sum);
		for (float[] c : s) c[i] *= inv;
	}

	/** Adds {@code values} to {@code sum}, element by element (same number of classes and voxels). */
	public static void addInto(float[][] sum, float[][] values) {
		if (sum.length != values.length || voxels(sum) != voxels(values)) {
			throw new IllegalArgumentException("Score maps differ in classes or voxels");
		}
		for (int k = 0; k < sum.length; k++) {
			float[] s = sum[k];
			float[] v = values[k];
			for (int i = 0; i < s.length; i++) s[i] += v[i];
		}
	}

	/** Multiplies every score by {@code factor}. */
	public static void scale(float[][] scores, float factor) {
		for (float[] c : scores) for (int i = 0; i < c.length; i++) c[i] *= factor;
	}

	/** The class with the highest score per voxel (the lowest class on ties; 0 = background), as unsigned bytes. */
	public static byte[] labelsAsBytes(float[][] scores) {
		requireClasses(scores, 256);
		byte[] labels = new byte[voxels(scores)];
		chunks(labels.length).forEach(c -> {
			for (int i = c * CHUNK, end = Math.min(labels.length, i + CHUNK); i < end; i++) {
				labels[i] = (byte) argmax(scores, i);
			}
		});
		return labels;
	}

	/** As {@link #labelsAsBytes}, as unsigned shorts (up to 65,536 classes). */
	public static short[] labelsAsShorts(float[][] scores) {
		requireClasses(scores, 65536);
		short[] labels = new short[voxels(scores)];
		chunks(labels.length).forEach(c -> {
			for (int i = c * CHUNK, end = Math.min(labels.length, i + CHUNK); i < end; i++) {
				labels[i] = (short) argmax(scores, i);
			}
		});
		return labels;
	}

	private static int argmax(float[][] s, int i) {
		int best = 0;
		for (int k = 1; k < s.length; k++) if (s[k][i] > s[best][i]) best = k;
		return best;
	}

	private static void requireClasses(float[][] scores, int max) {
		if (scores.length > max) {
			throw new SegKitException("The model has " + scores.length + " classes; at most " + max
				+ " fit this label type.");
		}
	}

	private static int voxels(float[][] scores) {
		if (scores.length == 0) throw new IllegalArgumentException("No classes");
		return scores[0].length;
	}

	private static IntStream chunks(int voxels) {
		return IntStream.range(0, (voxels + CHUNK - 1) / CHUNK).parallel();
	}
}
