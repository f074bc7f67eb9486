package io.segkit.instances;

import io.segkit.Progress;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.labels.LabelTools;
import io.segkit.classic.watershed.Watershed;
import io.segkit.dataset.ObjectBoundaries;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.model.InstanceDecoding;

/**
 * Objects from an instance model's class probabilities (background, interior, boundary; {@link ObjectBoundaries}):
 * <ol>
 * <li>the foreground is where interior and boundary together are more probable than background;</li>
 * <li>seeds are the face-connected parts of the foreground whose interior probability exceeds the seed
 * threshold: touching objects have separate interiors, because the network learnt a boundary between them;</li>
 * <li>each seed grows over the foreground in order of falling interior probability (a seeded watershed on
 * 1 - interior probability), so the split follows the predicted boundary wherever it runs;</li>
 * <li>foreground parts no seed reached (objects too small or too faint to have an interior) become objects of their
 * own, and objects smaller than the minimum size are removed; labels are renumbered 1..n.</li>
 * </ol>
 * No distance transform and no dynamic to guess: what separates objects is what the network predicts.
 */
public final class InstanceDecoder {

	private InstanceDecoder() {}

	/**
	 * Objects of one image from its probabilities {@code [class][z * h * w + y * w + x]} (at least the three classes
	 * of {@link ObjectBoundaries}).
	 */
	public static Labels decode(float[][] probabilities, int width, int height, int depth, Spacing spacing,
			InstanceDecoding decoding, Progress progress) {
		float[] background = probabilities[ObjectBoundaries.BACKGROUND];
		float[] interior = probabilities[ObjectBoundaries.INTERIOR];
		int n = background.length;
		byte[] foreground = new byte[n];
		byte[] seedMask = new byte[n];
		float[] landscape = new float[n];
		for (int i = 0; i < n; i++) {
			if (background[i] >= 1 - background[i]) continue;
			foreground[i] = 1;
			landscape[i] = 1 - interior[i];
			if (interior[i] > decoding.seedThreshold()) seedMask[i] = 1;
		}
		boolean volumetric = depth > 1;
		Labels seeds = ConnectedComponents.label(seedMask, width, height, depth, spacing, Connectivity.faces(
			volumetric), progress);
		int[] objects = seeds.count() == 0 ? new int[n] : Watershed.flood(landscape, width, height, depth, seeds.data(),
			foreground, false, Connectivity.full(volumetric), progress);
		int count = addUnreachedParts(objects, foreground, seeds.count(), width, height, depth, spacing, progress);
		Labels labels = new Labels(objects, width, height, depth, spacing, count);
		if (decoding.minimumSize() > 0) labels = LabelTools.filterBySize(labels, decoding.minimumSize(),
			Double.POSITIVE_INFINITY, progress);
		return LabelTools.relabel(labels, LabelTools.Order.LABEL_VALUE, progress);
	}

	/** Foreground parts without a seed become objects numbered after the seeds; returns the largest label. */
	private static int addUnreachedParts(int[] objects, byte[] foreground, int seeds, int width, int height,
			int depth, Spacing spacing, Progress progress) {
		byte[] unreached = new byte[objects.length];
		boolean any = false;
		for (int i = 0; i < objects.length; i++) {
			if (foreground[i] != 0 && objects[i] == 0) {
				unreached[i] = 1;
				any = true;
			}
		}
		if (!any) return seeds;
		Labels parts = ConnectedComponents.label(unreached, width, height, depth, spacing, Connectivity.full(
			depth > 1), progress);
		int[] p = parts.data();
		for (int i = 0; i < p.length; i++) if (p[i] > 0) objects[i] = seeds + p[i];
		return seeds + parts.count();
	}
}
