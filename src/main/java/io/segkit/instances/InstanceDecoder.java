package io.segkit.instances;

import io.segkit.Progress;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.labels.LabelTools;
import io.segkit.classic.morphology.Extrema;
import io.segkit.classic.watershed.Watershed;
import io.segkit.dataset.ObjectBoundaries;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;
import io.segkit.model.InstanceDecoding;

/**
 * Objects from an instance model's class probabilities (background, interior, boundary; {@link ObjectBoundaries}):
 * <ol>
 * <li>the foreground is where interior and boundary together are more probable than the foreground threshold
 * (0.5 by default: than background);</li>
 * <li>seeds are the face-connected parts of the foreground whose interior probability exceeds the seed
 * threshold: touching objects have separate interiors, because the network learnt a boundary between them; where
 * it did not quite, a distance watershed of the interiors (its dynamic a share of their typical radius) splits
 * what is still joined. With distance seeds (a model with a distance head) the seeds are instead the maxima of the
 * predicted distance map inside the foreground whose dynamic reaches the chosen share of the typical radius;</li>
 * <li>each seed grows over the foreground in order of falling interior probability (a seeded watershed on
 * 1 - interior probability), or of falling predicted distance with distance seeds, so the split follows the
 * predicted boundary wherever it runs;</li>
 * <li>foreground parts no seed reached (objects too small or too faint to have an interior) become objects of their
 * own, holes inside an object are filled, and objects smaller than the minimum size are removed; labels are
 * renumbered 1..n.</li>
 * </ol>
 * Nothing to guess: the seed threshold, the dynamic share and the minimum size are chosen on the validation folds
 * by Auto-Train ({@link InstanceTraining}).
 */
public final class InstanceDecoder {

	private InstanceDecoder() {}

	/**
	 * Objects of one image from its probabilities {@code [class][z * h * w + y * w + x]} (the three classes of
	 * {@link ObjectBoundaries}, then the distance map when the model has a distance head).
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
			if (1 - background[i] <= decoding.foregroundThreshold()) continue;
			foreground[i] = 1;
			landscape[i] = 1 - interior[i];
			if (interior[i] > decoding.seedThreshold()) seedMask[i] = 1;
		}
		boolean volumetric = depth > 1;
		Labels seeds;
		if (decoding.distanceSeeds()) {
			float[] distance = distanceMap(probabilities);
			seeds = distanceMaxima(distance, foreground, width, height, depth, spacing, decoding.dynamicShare(),
				progress);
			for (int i = 0; i < n; i++) landscape[i] = -distance[i];
		}
		else seeds = seeds(seedMask, width, height, depth, spacing, decoding.dynamicShare(), progress);
		int[] objects = seeds.count() == 0 ? new int[n] : Watershed.flood(landscape, width, height, depth, seeds.data(),
			foreground, false, Connectivity.full(volumetric), progress);
		int count = addUnreachedParts(objects, foreground, seeds.count(), width, height, depth, spacing, progress);
		fillHolesPerObject(objects, width, height, depth, spacing, progress);
		Labels labels = new Labels(objects, width, height, depth, spacing, count);
		if (decoding.minimumSize() > 0) labels = LabelTools.filterBySize(labels, decoding.minimumSize(),
			Double.POSITIVE_INFINITY, progress);
		return LabelTools.relabel(labels, LabelTools.Order.LABEL_VALUE, progress);
	}

	/**
	 * The interiors, each face-connected part one seed; with a dynamic share, interiors the network left joined
	 * (a boundary it did not learn well enough) are split further by the distance watershed, at that share of the
	 * interiors' typical radius (as Distance Watershed's automatic dynamic).
	 */
	static Labels seeds(byte[] interior, int width, int height, int depth, Spacing spacing, double dynamicShare,
			Progress progress) {
		Connectivity faces = Connectivity.faces(depth > 1);
		Labels parts = ConnectedComponents.label(interior, width, height, depth, spacing, faces, progress);
		fillHolesPerObject(parts.data(), width, height, depth, spacing, progress);
		if (dynamicShare <= 0 || parts.count() == 0) return parts;
		byte[] filled = new byte[interior.length];
		boolean background = false;
		for (int i = 0; i < filled.length; i++) {
			if (parts.data()[i] > 0) filled[i] = 1;
			else background = true;
		}
		// interior everywhere (an undertrained network): no distance to split by, so one seed
		if (!background) return parts;
		Volume mask = Volume.ofBytes(filled, width, height, depth, spacing);
		double dynamic = dynamicShare * Watershed.typicalRadius(mask, faces, progress);
		return Watershed.splitObjects(mask, dynamic, false, faces, progress);
	}

	/** The distance map a model with a distance head appends after its classes. */
	private static float[] distanceMap(float[][] probabilities) {
		if (probabilities.length <= ObjectBoundaries.BOUNDARY + 1) throw new IllegalArgumentException("Distance seeds "
			+ "need the distance map of a model with a distance head");
		return probabilities[ObjectBoundaries.BOUNDARY + 1];
	}

	/**
	 * One seed per maximum of the predicted distance inside the foreground whose dynamic is at least {@code dynamic}
	 * (the map is in units of the typical radius, so the dynamic is a share of it).
	 */
	static Labels distanceMaxima(float[] distance, byte[] foreground, int width, int height, int depth,
			Spacing spacing, double dynamic, Progress progress) {
		Connectivity full = Connectivity.full(depth > 1);
		boolean any = false;
		for (byte f : foreground) any |= f != 0;
		if (!any) return new Labels(new int[distance.length], width, height, depth, spacing, 0);
		byte[] maxima = Extrema.hMaxima(distance, dynamic, false, width, height, depth, foreground, full, progress);
		return ConnectedComponents.label(maxima, width, height, depth, spacing, full, progress);
	}

	/**
	 * Gives every region of background voxels that one object encloses (face steps; the image border is open) to
	 * that object: a nucleolus or a dim spot predicted as background inside a nucleus is part of it, and would
	 * otherwise add distance maxima or cut the nucleus apart. Background amid several objects (a ring of touching
	 * nuclei) stays background.
	 */
	static void fillHolesPerObject(int[] labels, int width, int height, int depth, Spacing spacing,
			Progress progress) {
		byte[] empty = new byte[labels.length];
		for (int i = 0; i < labels.length; i++) if (labels[i] == 0) empty[i] = 1;
		Connectivity faces = Connectivity.faces(depth > 1);
		Labels regions = ConnectedComponents.label(empty, width, height, depth, spacing, faces, progress);
		int[] region = regions.data();
		int[] owner = new int[regions.count() + 1]; // 0 = no object seen yet, -1 = open or several objects
		int[][] steps = faces.offsets(depth > 1);
		int plane = width * height;
		for (int i = 0; i < labels.length; i++) {
			int r = region[i];
			if (r == 0 || owner[r] < 0) continue;
			int x = i % width, y = (i / width) % height, z = i / plane;
			for (int[] s : steps) {
				int nx = x + s[0], ny = y + s[1], nz = z + s[2];
				if (nx < 0 || ny < 0 || nz < 0 || nx >= width || ny >= height || nz >= depth) {
					owner[r] = -1;
					break;
				}
				int l = labels[(nz * height + ny) * width + nx];
				if (l == 0) continue;
				if (owner[r] == 0) owner[r] = l;
				else if (owner[r] != l) {
					owner[r] = -1;
					break;
				}
			}
		}
		for (int i = 0; i < labels.length; i++) if (region[i] > 0 && owner[region[i]] > 0) labels[i] = owner[region[i]];
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
