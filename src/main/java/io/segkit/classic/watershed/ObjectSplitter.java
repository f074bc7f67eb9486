package io.segkit.classic.watershed;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.distance.DistanceTransform;
import io.segkit.classic.morphology.Extrema;
import io.segkit.classic.morphology.Neighbours;
import io.segkit.classic.queue.IntFifo;
import io.segkit.image.ImageChecks;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import java.util.Arrays;

/**
 * The distance watershed of a binary image computed one object at a time: each 26-connected
 * object is cut out with a one-voxel margin, and its distance transform, h-maxima markers and
 * flooding run on that small box. The result is identical to running them on the whole volume,
 * because nothing crosses from one object to another: the nearest background voxel of an object
 * voxel always lies in the box (a closer voxel outside it would be foreground and connected, so
 * inside), and markers, reconstruction and flooding never leave the object. Markers are numbered
 * as the whole-volume run numbers them: in raster order of their first voxel.
 * <p>
 * Memory: two bits per voxel (collected, in the current object) and the 16-bit output (32-bit past
 * 65,535 labels), plus about {@link #BYTES_PER_BOX_VOXEL} bytes per voxel of the largest object's
 * box, instead of about 25 bytes per voxel of the whole volume.
 */
final class ObjectSplitter {

	/** Memory per voxel of the whole volume: the 16-bit labels (and two bits, rounded up). */
	static final long BYTES_PER_VOXEL = 3;

	/** Working memory per voxel of an object's box: masks, distance, reconstruction, markers, labels. */
	static final long BYTES_PER_BOX_VOXEL = 20;

	private final int w, h, d, plane;
	private final Spacing spacing;
	private final double dynamic;
	private final boolean lines;
	private final Connectivity connectivity;
	private final Progress progress;
	private final Volume binary;
	/** Bits: the voxel's object was collected; the voxel belongs to the object being split. */
	private final long[] collected, current;
	private final Progress cancelOnly;
	private final LabelPlanes out;
	/** Per provisional label (1-based): the flat index of its first voxel, for the final numbering. */
	private int[] firstVoxel = new int[1024];
	private int provisional;

	private ObjectSplitter(Volume binary, double dynamic, boolean lines, Connectivity connectivity,
		Progress progress)
	{
		w = binary.width();
		h = binary.height();
		d = binary.depth();
		plane = w * h;
		spacing = binary.spacing();
		this.dynamic = dynamic;
		this.lines = lines;
		this.connectivity = connectivity;
		this.progress = progress;
		cancelOnly = new Progress() {

			public void update(String step, long done, long total) {}

			public boolean isCancelRequested() {
				return progress.isCancelRequested();
			}
		};
		this.binary = binary;
		collected = new long[(int) ((binary.size() + 63L) >>> 6)];
		current = new long[collected.length];
		out = new LabelPlanes(w, h, d);
	}

	/** Labels of the split objects as ImageJ planes (16-bit, or 32-bit past 65,535 labels). */
	record Result(ImageStack stack, int count) {}

	static Result split(Volume binary, double dynamic, boolean lines, Connectivity connectivity,
		Progress progress)
	{
		ObjectSplitter splitter = new ObjectSplitter(binary, dynamic, lines, connectivity, progress);
		return splitter.run();
	}

	private Result run() {
		if (!anyVoxel(true)) throw new SegKitException("There are no objects: the image (inside the mask) is all " +
			"zero. The distance watershed needs a binary image with the objects non-zero.");
		if (!anyVoxel(false)) throw DistanceTransform.noBackground();
		Neighbours all = new Neighbours(Connectivity.C26, w, h, d);
		int[] buf = new int[all.max()];
		IntFifo fifo = new IntFifo(1024);
		for (int z = 0; z < d; z++) {
			progress.checkCancelled();
			progress.update("Distance watershed", z, d);
			Object raw = binary.rawPlane(z);
			for (int j = 0; j < plane; j++) {
				if (isForeground(raw, j) && !isSet(collected, z * plane + j)) splitObject(collect(z * plane + j, all, buf,
					fifo));
			}
		}
		progress.update("Distance watershed", d, d);
		int count = renumber();
		return new Result(out.toStack(), count);
	}

	/** Whether some voxel is foreground ({@code foreground} true) or background (false). */
	private boolean anyVoxel(boolean foreground) {
		for (int z = 0; z < d; z++) {
			Object raw = binary.rawPlane(z);
			for (int j = 0; j < plane; j++) if (isForeground(raw, j) == foreground) return true;
		}
		return false;
	}

	/** Non-zero and not NaN, as {@link ConnectedComponents#foreground}. */
	private static boolean isForeground(Object raw, int j) {
		if (raw instanceof byte[] b) return b[j] != 0;
		if (raw instanceof short[] s) return s[j] != 0;
		float v = ((float[]) raw)[j];
		return v != 0 && !Float.isNaN(v);
	}

	private boolean isForeground(int i) {
		int z = i / plane;
		return isForeground(binary.rawPlane(z), i - z * plane);
	}

	private static boolean isSet(long[] bits, int i) {
		return (bits[i >>> 6] & (1L << i)) != 0;
	}

	private static void set(long[] bits, int i) {
		bits[i >>> 6] |= 1L << i;
	}

	/** Marks the object containing {@code seed} as collected and current; returns its box {x0, y0, z0, x1, y1, z1}. */
	private int[] collect(int seed, Neighbours all, int[] buf, IntFifo fifo) {
		int[] box = { Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1 };
		set(collected, seed);
		set(current, seed);
		fifo.add(seed);
		while (!fifo.isEmpty()) {
			int p = fifo.remove();
			extend(box, p);
			int count = all.of(p, buf);
			for (int k = 0; k < count; k++) {
				int q = buf[k];
				if (!isSet(collected, q) && isForeground(q)) {
					set(collected, q);
					set(current, q);
					fifo.add(q);
				}
			}
		}
		return box;
	}

	private void extend(int[] box, int p) {
		int z = p / plane, y = (p - z * plane) / w, x = p - z * plane - y * w;
		box[0] = Math.min(box[0], x);
		box[1] = Math.min(box[1], y);
		box[2] = Math.min(box[2], z);
		box[3] = Math.max(box[3], x);
		box[4] = Math.max(box[4], y);
		box[5] = Math.max(box[5], z);
	}

	/** Runs the distance watershed on the object's box (one voxel of margin) and writes its labels. */
	private void splitObject(int[] box) {
		int x0 = Math.max(0, box[0] - 1), y0 = Math.max(0, box[1] - 1), z0 = Math.max(0, box[2] - 1);
		int cw = Math.min(w - 1, box[3] + 1) - x0 + 1, ch = Math.min(h - 1, box[4] + 1) - y0 + 1;
		int cd = Math.min(d - 1, box[5] + 1) - z0 + 1;
		int n = cw * ch * cd;
		ImageChecks.requireMemory(n * BYTES_PER_BOX_VOXEL, "Distance Watershed on an object of " + cw + "x" + ch +
			"x" + cd + " voxels");
		byte[] foreground = new byte[n], object = new byte[n];
		for (int z = 0, c = 0; z < cd; z++) {
			Object raw = binary.rawPlane(z0 + z);
			for (int y = 0; y < ch; y++) {
				int j = (y0 + y) * w + x0, g = (z0 + z) * plane + j;
				for (int x = 0; x < cw; x++, c++, g++, j++) {
					if (isForeground(raw, j)) foreground[c] = 1;
					if (isSet(current, g)) object[c] = 1;
				}
			}
		}
		float[] distance = DistanceTransform.compute(foreground, cw, ch, cd, spacing, cancelOnly);
		foreground = null;
		byte[] maxima = Extrema.hMaxima(distance, dynamic, false, cw, ch, cd, object, connectivity, cancelOnly);
		int[] labels = Seeds.fromMask(maxima, cw, ch, cd, connectivity, cancelOnly);
		maxima = null;
		int offset = provisional;
		recordFirstVoxels(labels, x0, y0, z0, cw, ch);
		for (int i = 0; i < n; i++) distance[i] = -distance[i];
		Watershed.flood(new Watershed.HeapQueue(distance), labels, object, lines, new Neighbours(connectivity, cw,
			ch, cd), cancelOnly);
		for (int z = 0, c = 0; z < cd; z++) for (int y = 0; y < ch; y++) {
			int g = (z0 + z) * plane + (y0 + y) * w + x0;
			for (int x = 0; x < cw; x++, c++, g++) {
				if (object[c] == 0) continue;
				current[g >>> 6] &= ~(1L << g);
				if (labels[c] != 0) out.set(z0 + z, g - (z0 + z) * plane, offset + labels[c]);
			}
		}
	}

	/** Gives the box's markers provisional labels after the ones so far; notes each one's first voxel. */
	private void recordFirstVoxels(int[] labels, int x0, int y0, int z0, int cw, int ch) {
		int seen = 0;
		for (int i = 0; i < labels.length; i++) {
			int l = labels[i];
			if (l <= seen) continue; // markers are numbered in raster order: a new one is always seen + 1
			seen = l;
			int x = i % cw, y = (i / cw) % ch, z = i / (cw * ch);
			int id = provisional + l;
			if (id >= firstVoxel.length) firstVoxel = Arrays.copyOf(firstVoxel, firstVoxel.length * 2);
			firstVoxel[id] = (z0 + z) * plane + (y0 + y) * w + x0 + x;
		}
		provisional += seen;
	}

	/** Renumbers the provisional labels in raster order of their first voxel; returns the count. */
	private int renumber() {
		long[] order = new long[provisional];
		for (int id = 1; id <= provisional; id++) order[id - 1] = ((long) firstVoxel[id] << 32) | id;
		Arrays.sort(order);
		int[] finalLabel = new int[provisional + 1];
		for (int rank = 0; rank < provisional; rank++) finalLabel[(int) order[rank]] = rank + 1;
		out.relabel(finalLabel, progress);
		return provisional;
	}

	/** Label planes written in place: 16-bit while every label fits, else 32-bit float (exact to 2^24). */
	static final class LabelPlanes {

		private final int w, h;
		private short[][] shorts;
		private float[][] floats;

		LabelPlanes(int w, int h, int d) {
			this.w = w;
			this.h = h;
			shorts = new short[d][w * h];
		}

		void set(int z, int i, int label) {
			if (floats == null && label > 0xffff) widen();
			if (floats != null) floats[z][i] = label;
			else shorts[z][i] = (short) label;
		}

		private void widen() {
			floats = new float[shorts.length][];
			for (int z = 0; z < shorts.length; z++) {
				floats[z] = new float[w * h];
				for (int i = 0; i < w * h; i++) floats[z][i] = shorts[z][i] & 0xffff;
				shorts[z] = null;
			}
		}

		void relabel(int[] finalLabel, Progress progress) {
			for (int z = 0; z < (floats != null ? floats.length : shorts.length); z++) {
				progress.checkCancelled();
				if (floats != null) for (int i = 0; i < w * h; i++) floats[z][i] = finalLabel[(int) floats[z][i]];
				else for (int i = 0; i < w * h; i++) shorts[z][i] = (short) finalLabel[shorts[z][i] & 0xffff];
			}
		}

		ImageStack toStack() {
			ImageStack stack = new ImageStack(w, h);
			int depth = floats != null ? floats.length : shorts.length;
			for (int z = 0; z < depth; z++) stack.addSlice(floats != null ? new FloatProcessor(w, h, floats[z])
				: new ShortProcessor(w, h, shorts[z], null));
			return stack;
		}
	}
}
