package io.segkit.dataset;

import io.segkit.SegKitException;
import io.segkit.image.Volume;

/**
 * What the values of a training label image mean. Biologists often have object annotations (one value per
 * nucleus) rather than class maps; those train a foreground/background model.
 */
public enum LabelMode {

	/** 0 = background, 1, 2, ... = classes (at most 255). */
	CLASSES("classes"),
	/** Any value above 0 is foreground (one class), whatever object it numbers. */
	OBJECTS("objects");

	private final String label;

	LabelMode(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	public static LabelMode of(String label) {
		for (LabelMode m : values()) {
			if (m.label.equalsIgnoreCase(label) || label.toLowerCase().startsWith(m.label)) return m;
		}
		throw new SegKitException("Unknown label meaning '" + label + "': use 'classes' or 'objects'.");
	}

	/** The class of every voxel as unsigned bytes; refuses fractions, negatives and NaN. */
	public byte[] classesOf(Volume labels) {
		float[] v = labels.toFloatArray();
		byte[] out = new byte[v.length];
		for (int i = 0; i < v.length; i++) {
			float x = v[i];
			if (!(x >= 0 && x == Math.rint(x)) || (this == CLASSES && x > 255)) {
				throw new SegKitException("A label image may only hold whole numbers 0 (background), 1, 2, ... "
					+ (this == CLASSES ? "(at most 255 classes); found " + x + ". If the values number objects "
						+ "rather than classes, choose label images = objects." : "; found " + x + "."));
			}
			out[i] = this == OBJECTS ? (byte) (x > 0 ? 1 : 0) : (byte) (int) x;
		}
		return out;
	}
}
