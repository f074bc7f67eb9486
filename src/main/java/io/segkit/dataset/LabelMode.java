package io.segkit.dataset;

import io.segkit.SegKitException;
import io.segkit.image.Volume;

/**
 * What the values of a training label image mean. Biologists often have object annotations (one value per
 * nucleus) rather than class maps: those train an instance model (background, object interior, object boundary;
 * {@link ObjectBoundaries}) whose objects come out split, or, when asked, a plain foreground/background model.
 */
public enum LabelMode {

	/** 0 = background, 1, 2, ... = classes (at most 255). */
	CLASSES("classes"),
	/**
	 * Each value above 0 is one object: trained as background, object interior and object boundary, so that
	 * touching objects come out separated.
	 */
	OBJECTS("objects"),
	/** Any value above 0 is foreground (one class), whatever object it numbers: no splitting of touching objects. */
	FOREGROUND("foreground"),
	/** Decided from the label images ({@link LabelKinds#detect}); must be resolved before labels are read. */
	AUTOMATIC("automatic");

	/**
	 * "Not annotated" in a training label image (sparse annotation: ROIs to Label Image writes it where nobody drew):
	 * 65535 in a 16-bit image, -1 in a 32-bit one. Training leaves these voxels out of the loss and the validation.
	 */
	public static final int NOT_ANNOTATED_16BIT = 65535, NOT_ANNOTATED_32BIT = -1;
	/** The class byte of a voxel that is not annotated (so at most 254 classes with sparse annotation). */
	public static final int IGNORE = 255;

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
		throw new SegKitException("Unknown label meaning '" + label + "': use 'classes', 'objects' or 'foreground'.");
	}

	/** The class of every voxel as unsigned bytes ({@link #IGNORE} where not annotated); refuses fractions,
	 * negatives and NaN. */
	public byte[] classesOf(Volume labels) {
		if (this == AUTOMATIC) throw new IllegalStateException("resolve the automatic label meaning first");
		float[] v = labels.toFloatArray();
		float notAnnotated = notAnnotatedValue(labels);
		requireWholeNumbers(v, notAnnotated);
		if (this == OBJECTS) return ObjectBoundaries.classes(v, notAnnotated, IGNORE, labels.width(), labels.height(),
			labels.depth(), labels.spacing());
		byte[] out = new byte[v.length];
		for (int i = 0; i < v.length; i++) {
			float x = v[i];
			if (x == notAnnotated) {
				out[i] = (byte) IGNORE;
				continue;
			}
			if (this == CLASSES && x > 255) throw new SegKitException("A class map holds at most 255 classes; found "
				+ x + ". If the values number objects rather than classes, choose label images = objects.");
			out[i] = this == FOREGROUND ? (byte) (x > 0 ? 1 : 0) : (byte) (int) x;
		}
		return out;
	}

	/** The number of classes (background included) a model trained in this mode has, or -1 = from the labels. */
	public int fixedClassCount() {
		return switch (this) {
			case CLASSES, AUTOMATIC -> -1;
			case OBJECTS -> 3;
			case FOREGROUND -> 2;
		};
	}

	private static void requireWholeNumbers(float[] values, float notAnnotated) {
		for (float x : values) {
			if (x != notAnnotated && !(x >= 0 && x == Math.rint(x))) throw new SegKitException("A label image may only "
				+ "hold whole numbers 0 (background), 1, 2, ...; found " + x + ".");
		}
	}

	/** The value that means "not annotated" in this label image's type, or NaN for 8-bit images (none). */
	public static float notAnnotatedValue(Volume labels) {
		return switch (labels.bitDepth()) {
			case 16 -> NOT_ANNOTATED_16BIT;
			case 32 -> NOT_ANNOTATED_32BIT;
			default -> Float.NaN;
		};
	}

	/** Whether the label image has voxels that are not annotated (sparse annotation). */
	public static boolean hasNotAnnotated(Volume labels) {
		float notAnnotated = notAnnotatedValue(labels);
		if (Float.isNaN(notAnnotated)) return false;
		for (float x : labels.toFloatArray()) if (x == notAnnotated) return true;
		return false;
	}
}
