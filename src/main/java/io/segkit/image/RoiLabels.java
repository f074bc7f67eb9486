package io.segkit.image;

import ij.gui.Roi;
import ij.process.ImageProcessor;

import io.segkit.SegKitException;

import java.awt.Rectangle;
import java.util.List;

/**
 * Paints area ROIs into a label volume, the way back from {@link LabelRois}: each ROI one object, or each ROI group
 * one class. A ROI is painted on its own slice (its z position), or on every slice when it has none, as ImageJ
 * shows it. A ROI that carries the {@code label} property of {@link LabelRois} keeps that label, so the ROIs of one
 * 3D object (one per slice) become one object again and a round trip gives back the label image; other ROIs get
 * the next free labels in their order. A ROI whose name starts with "background" marks background (0), which
 * matters for sparse annotation, where every voxel no ROI covers is "not annotated". Where ROIs overlap, the later
 * one wins (as when drawing).
 */
public final class RoiLabels {

	/** What a ROI's value is. */
	public enum Meaning {
		/** Each ROI (or each {@code label} property) is its own object, 1, 2, ... */
		OBJECTS,
		/** The ROI's group (ROI Manager > Properties > Group) is its class. */
		CLASSES
	}

	/** The label volume and how many voxels were painted over by a later ROI. */
	public record Painted(int[] labels, long overlapping) {}

	private RoiLabels() {}

	/**
	 * Paints the ROIs of one time frame into a new {@code width x height x depth} volume whose other voxels hold
	 * {@code unpainted} (0, or the "not annotated" value). {@code zOf} gives a ROI's slice (1-based) or 0 for all.
	 */
	public static Painted paint(List<Roi> rois, int width, int height, int depth, Meaning meaning, int unpainted,
			java.util.function.ToIntFunction<Roi> zOf) {
		int[] values = values(rois, meaning);
		int[] out = new int[width * height * depth];
		if (unpainted != 0) java.util.Arrays.fill(out, unpainted);
		long overlapping = 0;
		for (int k = 0; k < rois.size(); k++) {
			Roi roi = rois.get(k);
			int z = zOf.applyAsInt(roi);
			if (z > depth) throw new SegKitException("ROI '" + name(roi, k) + "' lies on slice " + z + " but the image "
				+ "has " + depth + ". Check that the ROIs belong to this image.");
			for (int s = z > 0 ? z - 1 : 0; s < (z > 0 ? z : depth); s++) overlapping += paintPlane(roi, values[k], out,
				s * width * height, width, height, unpainted);
		}
		return new Painted(out, overlapping);
	}

	/** The value of every ROI: its class, its own label, or the next free label. */
	static int[] values(List<Roi> rois, Meaning meaning) {
		int[] values = new int[rois.size()];
		int next = 1;
		for (int k = 0; k < rois.size(); k++) {
			Roi roi = rois.get(k);
			requireArea(roi, k);
			if (isBackground(roi)) values[k] = BACKGROUND_MARK;
			else if (meaning == Meaning.CLASSES) {
				if (roi.getGroup() <= 0) throw new SegKitException("ROI '" + name(roi, k) + "' has no group, so its "
					+ "class is unknown. Give every ROI a group (ROI Manager > Properties... > Group: 1, 2, ...), or "
					+ "choose 'Each ROI an object'.");
				values[k] = roi.getGroup();
			}
			else {
				values[k] = ownLabel(roi);
				next = Math.max(next, values[k] + 1);
			}
		}
		for (int k = 0; k < values.length; k++) {
			if (values[k] == 0 && meaning == Meaning.OBJECTS) values[k] = next++;
			else if (values[k] == BACKGROUND_MARK) values[k] = 0;
		}
		return values;
	}

	private static final int BACKGROUND_MARK = -2;

	/** A ROI named "background..." (any case) marks background. */
	static boolean isBackground(Roi roi) {
		return roi.getName() != null && roi.getName().toLowerCase(java.util.Locale.ROOT).startsWith("background");
	}

	private static int ownLabel(Roi roi) {
		String text = roi.getProperty(LabelRois.LABEL_PROPERTY);
		if (text == null) return 0;
		try {
			int label = Integer.parseInt(text.trim());
			return label > 0 ? label : 0;
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

	private static void requireArea(Roi roi, int index) {
		if (!roi.isArea()) throw new SegKitException("ROI '" + name(roi, index) + "' is a " + roi.getTypeAsString()
			.toLowerCase(java.util.Locale.ROOT) + ", not an area, so it outlines no object. Remove it, or draw the "
			+ "object with an area tool (freehand, polygon, oval, wand).");
	}

	private static String name(Roi roi, int index) {
		return roi.getName() != null ? roi.getName() : "#" + (index + 1);
	}

	/** Paints one ROI into one plane; returns how many painted voxels already had another value. */
	private static long paintPlane(Roi roi, int value, int[] out, int offset, int width, int height, int unpainted) {
		Rectangle b = roi.getBounds();
		ImageProcessor mask = roi.getMask(); // null for a rectangle: all of its bounds
		long overlapping = 0;
		for (int y = Math.max(0, b.y); y < Math.min(height, b.y + b.height); y++) {
			for (int x = Math.max(0, b.x); x < Math.min(width, b.x + b.width); x++) {
				if (mask != null && mask.get(x - b.x, y - b.y) == 0) continue;
				int i = offset + y * width + x;
				if (out[i] != unpainted && out[i] != value) overlapping++;
				out[i] = value;
			}
		}
		return overlapping;
	}
}
