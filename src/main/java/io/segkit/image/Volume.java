package io.segkit.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

import io.segkit.SegKitException;

/**
 * One channel of one time frame of an image: a 2D plane (depth 1) or a 3D volume, with its voxel
 * spacing. It reads the ImageJ pixel arrays in place (no copy) and never writes to them.
 * <p>
 * Voxels are addressed by (x, y, z) or by the flat index {@code z * width * height + y * width + x}.
 */
public final class Volume {

	private final int width;
	private final int height;
	private final int depth;
	private final Spacing spacing;
	private final Object[] planes;
	private final int bitDepth;

	private Volume(int width, int height, int depth, Spacing spacing, Object[] planes, int bitDepth) {
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.spacing = spacing;
		this.planes = planes;
		this.bitDepth = bitDepth;
	}

	/**
	 * The given channel and frame (both 1-based, as in ImageJ) of an image, after
	 * {@link ImageChecks#requireUsable}.
	 */
	public static Volume of(ImagePlus image, int channel, int frame) {
		ImageChecks.requireUsable(image);
		if (channel < 1 || channel > image.getNChannels()) throw new SegKitException("Channel " + channel +
			" does not exist: '" + image.getTitle() + "' has " + image.getNChannels() + " channel(s).");
		if (frame < 1 || frame > image.getNFrames()) throw new SegKitException("Frame " + frame +
			" does not exist: '" + image.getTitle() + "' has " + image.getNFrames() + " frame(s).");
		ImageStack stack = image.getStack();
		int depth = image.getNSlices();
		Object[] planes = new Object[depth];
		for (int z = 0; z < depth; z++) {
			planes[z] = stack.getPixels(image.getStackIndex(channel, z + 1, frame));
		}
		return new Volume(image.getWidth(), image.getHeight(), depth, Spacing.of(image.getCalibration()),
			planes, image.getBitDepth());
	}

	/** The first channel of the first frame. */
	public static Volume of(ImagePlus image) {
		return of(image, 1, 1);
	}

	/** A 32-bit volume over a flat array (used as is, not copied). */
	public static Volume ofFloats(float[] data, int width, int height, int depth, Spacing spacing) {
		return new Volume(width, height, depth, spacing, split(data, width * height, depth), 32);
	}

	/** A 16-bit volume over a flat array (used as is, not copied). */
	public static Volume ofShorts(short[] data, int width, int height, int depth, Spacing spacing) {
		return new Volume(width, height, depth, spacing, split(data, width * height, depth), 16);
	}

	/** An 8-bit volume over a flat array (used as is, not copied). */
	public static Volume ofBytes(byte[] data, int width, int height, int depth, Spacing spacing) {
		return new Volume(width, height, depth, spacing, split(data, width * height, depth), 8);
	}

	private static Object[] split(Object flat, int planeSize, int depth) {
		int length = java.lang.reflect.Array.getLength(flat);
		if ((long) planeSize * depth != length) throw new IllegalArgumentException("Array of " + length +
			" voxels does not match " + planeSize + " x " + depth);
		Object[] planes = new Object[depth];
		for (int z = 0; z < depth; z++) {
			if (depth == 1) {
				planes[z] = flat;
				break;
			}
			Object plane = java.lang.reflect.Array.newInstance(flat.getClass().getComponentType(), planeSize);
			System.arraycopy(flat, z * planeSize, plane, 0, planeSize);
			planes[z] = plane;
		}
		return planes;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public int depth() {
		return depth;
	}

	public int planeSize() {
		return width * height;
	}

	/** Number of voxels; {@link ImageChecks} guarantees it fits in an int. */
	public int size() {
		return width * height * depth;
	}

	public boolean is3D() {
		return depth > 1;
	}

	public Spacing spacing() {
		return spacing;
	}

	/** 8, 16 or 32. */
	public int bitDepth() {
		return bitDepth;
	}

	/** True for 8- and 16-bit data, whose values are whole numbers. */
	public boolean isIntegerType() {
		return bitDepth != 32;
	}

	public float get(int x, int y, int z) {
		return valueAt(planes[z], y * width + x);
	}

	public float get(int index) {
		int planeSize = width * height;
		return valueAt(planes[index / planeSize], index % planeSize);
	}

	/**
	 * The raw ImageJ pixel array of plane z (byte[], short[] or float[]), for loops that need speed.
	 * Read-only: callers must never write to it.
	 */
	public Object rawPlane(int z) {
		return planes[z];
	}

	/** Plane z converted to floats into {@code target} (length planeSize). */
	public void copyPlane(int z, float[] target) {
		Object plane = planes[z];
		int n = width * height;
		if (plane instanceof float[]) {
			System.arraycopy(plane, 0, target, 0, n);
		} else if (plane instanceof short[]) {
			short[] s = (short[]) plane;
			for (int i = 0; i < n; i++) target[i] = s[i] & 0xffff;
		} else {
			byte[] b = (byte[]) plane;
			for (int i = 0; i < n; i++) target[i] = b[i] & 0xff;
		}
	}

	/** All voxels as a new flat float array. */
	public float[] toFloatArray() {
		int planeSize = width * height;
		float[] out = new float[size()];
		float[] buffer = new float[planeSize];
		for (int z = 0; z < depth; z++) {
			copyPlane(z, buffer);
			System.arraycopy(buffer, 0, out, z * planeSize, planeSize);
		}
		return out;
	}

	/** Smallest and largest value, ignoring NaN; {NaN, NaN} if every value is NaN. */
	public float[] minMax() {
		float min = Float.POSITIVE_INFINITY;
		float max = Float.NEGATIVE_INFINITY;
		float[] buffer = new float[planeSize()];
		for (int z = 0; z < depth; z++) {
			copyPlane(z, buffer);
			for (float v : buffer) {
				if (v < min) min = v;
				if (v > max) max = v;
			}
		}
		return min > max ? new float[] { Float.NaN, Float.NaN } : new float[] { min, max };
	}

	private static float valueAt(Object plane, int offset) {
		if (plane instanceof short[]) return ((short[]) plane)[offset] & 0xffff;
		if (plane instanceof byte[]) return ((byte[]) plane)[offset] & 0xff;
		return ((float[]) plane)[offset];
	}

	/** The calibration an output image derived from this volume should carry. */
	public Calibration calibration() {
		return spacing.toCalibration();
	}
}
