package io.segkit.image;

/**
 * A label volume: a flat int array (index z*w*h + y*w + x), 0 = background, objects 1..count.
 * Algorithms produce and consume it; {@link LabelImages} turns it into an ImageJ image.
 */
public final class Labels {

	private final int[] data;
	private final int width, height, depth;
	private final Spacing spacing;
	private final int count;

	/** Wraps {@code data} as is; {@code count} is the largest label (labels need not be sequential). */
	public Labels(int[] data, int width, int height, int depth, Spacing spacing, int count) {
		if ((long) width * height * depth != data.length) throw new IllegalArgumentException(
			"Label array of " + data.length + " does not match " + width + "x" + height + "x" + depth);
		this.data = data;
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.spacing = spacing;
		this.count = count;
	}

	/** Wraps {@code data}, taking the largest value as the count. */
	public static Labels of(int[] data, Volume like) {
		int max = 0;
		for (int v : data) if (v > max) max = v;
		return new Labels(data, like.width(), like.height(), like.depth(), like.spacing(), max);
	}

	/** Other labels in this geometry, the largest value as the count. */
	public Labels withData(int[] other) {
		int max = 0;
		for (int v : other) if (v > max) max = v;
		return new Labels(other, width, height, depth, spacing, max);
	}

	/** Reads an ImageJ label image (channel 1, frame 1). */
	public static Labels read(Volume labelImage) {
		return of(LabelImages.read(labelImage), labelImage);
	}

	public int[] data() {
		return data;
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

	public int size() {
		return data.length;
	}

	public Spacing spacing() {
		return spacing;
	}

	/** The largest label value. */
	public int count() {
		return count;
	}

	public int get(int x, int y, int z) {
		return data[(z * height + y) * width + x];
	}

	public boolean is3D() {
		return depth > 1;
	}

	/** An ImageJ label image with this data (16-bit, or 32-bit past 65,535 labels). */
	public ij.ImagePlus toImage(String title) {
		return LabelImages.create(title, data, width, height, depth, spacing);
	}
}
