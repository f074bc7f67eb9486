package io.segkit.classic.watershed;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.distance.DistanceTransform;
import io.segkit.classic.morphology.Extrema;
import io.segkit.classic.morphology.Gradient;
import io.segkit.classic.morphology.Neighbours;
import io.segkit.classic.queue.BucketQueue;
import io.segkit.classic.queue.KeyHeap;
import io.segkit.image.LabelImages;
import io.segkit.image.Labels;
import io.segkit.image.Volume;

/**
 * Marker-controlled watershed by Meyer's flooding. Basins grow from the markers in order of
 * landscape value; equal values leave the queue first in, first out, so a plateau between two
 * markers is split half-way (in steps), as in scikit-image. 8- and 16-bit landscapes use an exact
 * bucket queue; float landscapes (32-bit images, gradient, distance) a heap on the exact float
 * value, so nothing is quantised.
 * <p>
 * With watershed lines, a voxel that touches two different basins when it is reached becomes 0,
 * as scikit-image's {@code watershed_line=True} does.
 * <p>
 * Memory beyond the output labels: the landscape (2 bytes per voxel for 8/16-bit, 4 for float),
 * a one-byte "taken" flag per voxel,
 * the mask, and the queue (the flooding front only). Automatic markers need two float copies
 * while they are computed.
 */
public final class Watershed {

	private static final int LINE = Integer.MIN_VALUE;

	/**
	 * Peak memory of {@link #segment} per voxel, with automatic markers, beyond the input: measured on the
	 * distance landscape of a 256x1024x1024 volume (ScaleBenchmark ... old: 6.5 GB more than before it started).
	 */
	public static final long SEGMENT_BYTES_PER_VOXEL = 25;

	private Watershed() {}

	/** What is flooded. */
	public enum Landscape {
		/** Bright objects on a dark background: the inverted intensity is flooded from its minima. */
		BRIGHT_OBJECTS,
		/** Dark objects on a bright background: the intensity itself is flooded. */
		DARK_OBJECTS,
		/** Object boundaries are edges: the gradient magnitude is flooded. */
		GRADIENT,
		/** Touching convex objects in a binary mask: the inverted distance transform of the non-zero voxels. */
		DISTANCE
	}

	/**
	 * Settings of a watershed.
	 *
	 * @param dynamic h for automatic markers: maxima (or minima) must stand out by at least this much,
	 *          in intensity units, or calibrated units for {@link Landscape#DISTANCE}; 0 keeps all.
	 * @param gradientSigma Gaussian smoothing before the gradient, calibrated units (0 = none).
	 */
	public record Options(Landscape landscape, double dynamic, double gradientSigma,
		boolean watershedLines, Connectivity connectivity)
	{

		public Options {
			if (landscape == null || connectivity == null) throw new IllegalArgumentException("null option");
			if (!(dynamic >= 0) || Double.isInfinite(dynamic)) throw new SegKitException("The dynamic must be " +
				"0 or more (it is " + dynamic + "). Use 0 to keep every maximum, larger values to merge small ones.");
			if (!(gradientSigma >= 0) || Double.isInfinite(gradientSigma)) throw new SegKitException(
				"The gradient smoothing must be 0 or more (it is " + gradientSigma + ").");
		}
	}

	/**
	 * Segments {@code image}: builds the landscape, finds markers when {@code markers} is null (h-maxima
	 * of bright objects or of the distance, h-minima of dark objects or of the gradient), and floods.
	 * Voxels where {@code mask} is 0 (null = no mask) stay 0. Markers keep their label values.
	 */
	public static Labels segment(Volume image, int[] markers, byte[] mask, Options options,
		Progress progress)
	{
		int w = image.width(), h = image.height(), d = image.depth(), n = image.size();
		if (markers != null && markers.length != n || mask != null && mask.length != n)
			throw new IllegalArgumentException("markers or mask do not match the image size");
		if (mask != null && isEmpty(mask)) throw new SegKitException("The mask is empty (all zero), so " +
			"there is nowhere to grow. Choose a mask with the objects non-zero, or no mask.");
		Connectivity c = options.connectivity();
		boolean integer = image.isIntegerType();
		char[] levels = null;
		float[] heights = null;
		byte[] domain = mask;
		switch (options.landscape()) {
			case DISTANCE -> {
				domain = ConnectedComponents.foreground(image);
				if (mask != null) for (int i = 0; i < n; i++) if (mask[i] == 0) domain[i] = 0;
				if (isEmpty(domain)) throw new SegKitException("There are no objects: the image (inside the " +
					"mask) is all zero. The distance watershed needs a binary image with the objects non-zero.");
				float[] distance = DistanceTransform.compute(domain, w, h, d, image.spacing(), progress);
				if (markers == null) markers = automatic(distance, 1, options.dynamic(), false, w, h, d, domain,
					c, progress);
				for (int i = 0; i < n; i++) distance[i] = -distance[i];
				heights = distance;
			}
			case GRADIENT -> {
				heights = Gradient.magnitude(image, options.gradientSigma(), progress);
				if (markers == null) markers = automatic(heights, -1, options.dynamic(), false, w, h, d, domain,
					c, progress);
			}
			default -> {
				boolean bright = options.landscape() == Landscape.BRIGHT_OBJECTS;
				if (markers == null) markers = automatic(image.toFloatArray(), bright ? 1 : -1, options.dynamic(),
					integer, w, h, d, domain, c, progress);
				if (integer) levels = levels(image, bright);
				else {
					heights = image.toFloatArray();
					if (bright) for (int i = 0; i < n; i++) heights[i] = -heights[i];
				}
			}
		}
		int[] labels = Seeds.insideMask(markers, domain, "None of the markers lies inside the " + (options
			.landscape() == Landscape.DISTANCE ? "objects" : "mask") + ". Place markers on the objects you " +
			"want to separate, or check that the marker and mask images belong to this image.");
		Neighbours neighbours = new Neighbours(c, w, h, d);
		IndexQueue queue = levels != null ? new LevelQueue(levels) : new HeapQueue(heights);
		flood(queue, labels, domain, options.watershedLines(), neighbours, progress);
		int max = 0;
		for (int v : labels) if (v > max) max = v;
		return new Labels(labels, w, h, d, image.spacing(), max);
	}

	/**
	 * The distance watershed that splits touching round objects of a binary image (non-zero = object):
	 * the same labels as {@link #segment} with {@link Landscape#DISTANCE}, computed one object at a time.
	 */
	public static Labels splitObjects(Volume binary, double dynamic, boolean watershedLines,
		Connectivity connectivity, Progress progress)
	{
		ObjectSplitter.Result split = ObjectSplitter.split(binary, dynamic, watershedLines, connectivity, progress);
		int[] labels = LabelImages.read(Volume.of(new ij.ImagePlus("split", split.stack())));
		return new Labels(labels, binary.width(), binary.height(), binary.depth(), binary.spacing(), split.count());
	}

	/**
	 * {@link #splitObjects} without a whole-volume int array: the labels as ImageJ planes, 16-bit (32-bit
	 * past 65,535 labels), ready for a label image. Extra memory: about 3 bytes per voxel plus the largest
	 * object's box (see {@link #splitObjectsBytes}).
	 */
	public static ij.ImageStack splitObjectsToStack(Volume binary, double dynamic, boolean watershedLines,
		Connectivity connectivity, Progress progress)
	{
		return ObjectSplitter.split(binary, dynamic, watershedLines, connectivity, progress).stack();
	}

	/** Memory {@link #splitObjectsToStack} needs for {@code voxels}, before the objects' boxes. */
	public static long splitObjectsBytes(long voxels) {
		return ObjectSplitter.BYTES_PER_VOXEL * voxels;
	}

	/** A distance watershed's labels and the dynamic it used. */
	public record Split(Labels labels, double dynamic) {}

	/**
	 * Share of the typical object radius a distance maximum must stand out by. Touching round objects leave a
	 * saddle well below their centres; ragged thresholded borders add shallow maxima that a smaller share would
	 * split off. Chosen with WatershedDefaultsBenchmark (object F1 on ground-truth and Otsu masks of test-images and
	 * held-out synthetic nuclei): 0.05 over-splits dim noisy nuclei, 0.15 and more leave touching pairs merged.
	 */
	public static final double DYNAMIC_PER_RADIUS = 0.1;

	/**
	 * The distance watershed with its dynamic chosen from the objects: {@link #DYNAMIC_PER_RADIUS} of the typical
	 * object radius ({@link #typicalRadius}), so touching nuclei split whatever the pixel size.
	 */
	public static Split splitObjectsAutomatically(Volume binary, boolean watershedLines, Connectivity connectivity,
		Progress progress)
	{
		double dynamic = automaticDynamic(binary, connectivity, progress);
		return new Split(splitObjects(binary, dynamic, watershedLines, connectivity, progress), dynamic);
	}

	/** Most voxels the typical radius is measured on: a larger volume is sampled in its centre. */
	static final int RADIUS_SAMPLE_VOXELS = 1 << 24;

	/**
	 * {@link #DYNAMIC_PER_RADIUS} of the typical object radius. On a large volume the radius is measured in a
	 * central box of at most {@link #RADIUS_SAMPLE_VOXELS} voxels (all slices when they fit), so choosing the dynamic
	 * costs a few bytes per sampled voxel, not per voxel of the volume (the split itself works object by object).
	 */
	public static double automaticDynamic(Volume binary, Connectivity connectivity, Progress progress) {
		return DYNAMIC_PER_RADIUS * typicalRadius(centralSample(binary), connectivity, progress);
	}

	/** The foreground of a central box of at most RADIUS_SAMPLE_VOXELS voxels (the volume itself when small). */
	static Volume centralSample(Volume binary) {
		if (binary.size() <= RADIUS_SAMPLE_VOXELS) return binary;
		int d = binary.depth();
		int side = (int) Math.max(1, Math.sqrt((double) RADIUS_SAMPLE_VOXELS / d));
		if (side < 64) { // thick stacks: fewer slices rather than a sliver of each
			side = Math.min(256, Math.min(binary.width(), binary.height()));
			d = (int) Math.max(1, Math.min(d, RADIUS_SAMPLE_VOXELS / ((long) side * side)));
		}
		int w = Math.min(side, binary.width()), h = Math.min(side, binary.height());
		int x0 = (binary.width() - w) / 2, y0 = (binary.height() - h) / 2, z0 = (binary.depth() - d) / 2;
		byte[] sample = new byte[w * h * d];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			float v = binary.get(x0 + x, y0 + y, z0 + z);
			if (v != 0 && !Float.isNaN(v)) sample[(z * h + y) * w + x] = 1;
		}
		return Volume.ofBytes(sample, w, h, d, binary.spacing());
	}

	/**
	 * The radius (calibrated) of the object a typical foreground voxel belongs to: each connected object's largest
	 * distance to the background, the median weighted by object size, so specks of noise do not count. 0 when
	 * there are no objects.
	 */
	public static double typicalRadius(Volume binary, Connectivity connectivity, Progress progress) {
		byte[] foreground = ConnectedComponents.foreground(binary);
		Labels objects = ConnectedComponents.label(foreground, binary.width(), binary.height(), binary.depth(),
			binary.spacing(), connectivity, progress);
		if (objects.count() == 0) return 0;
		float[] distance = DistanceTransform.compute(foreground, binary.width(), binary.height(), binary.depth(),
			binary.spacing(), progress);
		double[] radius = new double[objects.count() + 1];
		long[] size = new long[objects.count() + 1];
		int[] label = objects.data();
		for (int i = 0; i < label.length; i++) if (label[i] > 0) {
			radius[label[i]] = Math.max(radius[label[i]], distance[i]);
			size[label[i]]++;
		}
		return weightedMedian(radius, size);
	}

	private static double weightedMedian(double[] values, long[] weights) {
		Integer[] order = new Integer[values.length - 1];
		long total = 0;
		for (int i = 1; i < values.length; i++) {
			order[i - 1] = i;
			total += weights[i];
		}
		java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
		long seen = 0;
		for (int i : order) if ((seen += weights[i]) * 2 >= total) return values[i];
		return values[order[order.length - 1]];
	}

	/**
	 * Floods a float landscape from {@code markers} (labels > 0; not modified) within {@code mask}
	 * (null = everywhere), lowest values first. Returns the new labels.
	 */
	public static int[] flood(float[] landscape, int width, int height, int depth, int[] markers,
		byte[] mask, boolean watershedLines, Connectivity connectivity, Progress progress)
	{
		int[] labels = Seeds.insideMask(markers, mask, "None of the markers lies inside the mask.");
		flood(new HeapQueue(landscape), labels, mask, watershedLines, new Neighbours(connectivity, width,
			height, depth), progress);
		return labels;
	}

	private static int[] automatic(float[] values, int sign, double dynamic, boolean integer, int w, int h,
		int d, byte[] domain, Connectivity c, Progress progress)
	{
		byte[] extrema = sign > 0 ? Extrema.hMaxima(values, dynamic, integer, w, h, d, domain, c, progress)
			: Extrema.hMinima(values, dynamic, integer, w, h, d, domain, c, progress);
		if (isEmpty(extrema)) throw new SegKitException("No " + (sign > 0 ? "maxima" : "minima") +
			" were found to start from. Lower the dynamic, or give markers.");
		return Seeds.fromMask(extrema, w, h, d, c, progress);
	}

	/** 8/16-bit values as flooding levels, inverted (max - value) for bright objects. */
	private static char[] levels(Volume image, boolean invert) {
		int plane = image.planeSize();
		char[] out = new char[image.size()];
		int max = (int) image.minMax()[1];
		for (int z = 0; z < image.depth(); z++) {
			Object raw = image.rawPlane(z);
			int offset = z * plane;
			for (int i = 0; i < plane; i++) {
				int v = raw instanceof byte[] b ? b[i] & 0xff : ((short[]) raw)[i] & 0xffff;
				out[offset + i] = (char) (invert ? max - v : v);
			}
		}
		return out;
	}

	static void flood(IndexQueue queue, int[] labels, byte[] mask, boolean lines,
		Neighbours neighbours, Progress progress)
	{
		int n = labels.length;
		// One byte per voxel says "taken" (labelled, queued or outside the mask): 4x less memory
		// traffic than reading the labels, which matters because flooding jumps around the volume.
		byte[] taken = new byte[n];
		for (int i = 0; i < n; i++) {
			if (labels[i] != 0 || mask != null && mask[i] == 0) taken[i] = 1;
			if (labels[i] > 0) queue.push(i);
		}
		int[] buf = new int[neighbours.max()];
		long popped = 0;
		while (!queue.isEmpty()) {
			if ((++popped & 0xfffff) == 0) {
				progress.checkCancelled();
				progress.update("Watershed", popped, n);
			}
			int p = queue.pop();
			int label = labels[p];
			int count = neighbours.of(p, buf);
			if (label < 0) { // reached but not settled (watershed-line mode)
				if (touchesTwoBasins(labels, buf, count)) {
					labels[p] = LINE;
					continue;
				}
				label = -label;
				labels[p] = label;
			}
			int pending = lines ? -label : label;
			for (int k = 0; k < count; k++) {
				int q = buf[k];
				if (taken[q] != 0) continue;
				taken[q] = 1;
				labels[q] = pending;
				queue.push(q);
			}
		}
		if (lines) for (int i = 0; i < n; i++) if (labels[i] == LINE) labels[i] = 0;
		progress.update("Watershed", n, n);
	}

	private static boolean touchesTwoBasins(int[] labels, int[] neighbours, int count) {
		int first = 0;
		for (int k = 0; k < count; k++) {
			int l = labels[neighbours[k]];
			if (l <= 0) continue;
			if (first == 0) first = l;
			else if (l != first) return true;
		}
		return false;
	}

	static boolean isEmpty(byte[] mask) {
		for (byte b : mask) if (b != 0) return false;
		return true;
	}

	interface IndexQueue {

		void push(int index);

		int pop();

		boolean isEmpty();
	}

	/** Exact integer levels, FIFO within a level. */
	private static final class LevelQueue implements IndexQueue {

		private final char[] levels;
		private final BucketQueue queue;

		LevelQueue(char[] levels) {
			this.levels = levels;
			int max = 0;
			for (char c : levels) if (c > max) max = c;
			queue = new BucketQueue(max + 1);
		}

		public void push(int index) {
			queue.push(index, levels[index]);
		}

		public int pop() {
			return queue.pop();
		}

		public boolean isEmpty() {
			return queue.isEmpty();
		}
	}

	/** Exact float values, FIFO among equal values (arrival counter in the key). */
	static final class HeapQueue implements IndexQueue {

		private final float[] heights;
		private final KeyHeap heap = new KeyHeap(4096);
		private long arrival;

		HeapQueue(float[] heights) {
			this.heights = heights;
		}

		public void push(int index) {
			heap.push(KeyHeap.key(heights[index], arrival++), index);
		}

		public int pop() {
			return (int) heap.pop();
		}

		public boolean isEmpty() {
			return heap.isEmpty();
		}
	}
}
