package io.segkit.model;

import java.util.List;
import java.util.Locale;

import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.image.Resampling;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

/**
 * Brings images (and label images) from their own geometry to the model's: intensities normalised per channel,
 * then resampled to the model's voxel size (nnU-Net's order). A 2D model resamples each slice in-plane and keeps
 * the slices; a 3D model resamples all three axes. Arrays are flat (z, y, x).
 * <p>
 * An uncalibrated image (unit "pixel") is taken to be at the model's voxel size already: resampling it by the
 * numbers would blow it up or shrink it by the microscope's pixel size, which is never what the user means.
 */
public final class Preprocessor {

	/** Anisotropy above which the coarse axis is resampled by nearest neighbour (nnU-Net). */
	static final double ANISOTROPY = 3;

	private Preprocessor() {}

	/** Normalised, resampled channels of one image and their shape (z, y, x). */
	public record Prepared(float[][] channels, int[] shape) {}

	/** The image's voxel size (z, y, x) expressed in the model's unit. */
	public static double[] inputSpacing(Spacing input, int depth, ModelSpec spec) {
		double[] model = spec.spacing();
		if (isUncalibrated(input.unit())) {
			double z = spec.dims() == 3 ? model[0] : 1;
			return spec.dims() == 3 ? model : new double[] {z, model[0], model[1]};
		}
		double f = unitFactor(input.unit(), spec.unit());
		return new double[] {input.z() * f, input.y() * f, input.x() * f};
	}

	/** How far the image's voxel size may be from the model's before the Log warns (either way, per axis). */
	static final double SCALE_WARNING = 4;

	/**
	 * What a user must know about the image's voxel size before trusting a result, or null when it fits: no
	 * calibration (the model's voxel size is assumed), a unit SegKit cannot convert, or voxels far larger or smaller
	 * than the model was trained on (objects then look that much smaller or larger to it).
	 */
	public static String spacingNote(Spacing input, String title, ModelSpec spec) {
		String modelSize = formatSize(spec) + " " + spec.unit();
		if (isUncalibrated(input.unit())) return "'" + title + "' has no calibration, so it is taken to have the "
			+ "model's voxel size (" + modelSize + "). If it does not, set it with Image > Properties... and run again.";
		if (!input.unit().equalsIgnoreCase(spec.unit()) && (Double.isNaN(micronsPer(input.unit())) || Double.isNaN(
			micronsPer(spec.unit())))) return "'" + title + "' is calibrated in '" + input.unit() + "', which SegKit "
				+ "cannot convert to the model's '" + spec.unit() + "': its numbers are taken as " + spec.unit() + ".";
		double f = unitFactor(input.unit(), spec.unit());
		double[] model = spec.spacing();
		double ratio = Math.max(input.x() * f / model[model.length - 1], input.y() * f / model[model.length - 2]);
		if (ratio > SCALE_WARNING || ratio < 1 / SCALE_WARNING) return String.format(Locale.ROOT, "'%s' has voxels "
			+ "%.3g times the size the model was trained on (%s): objects look that much %s to it, and results may be "
			+ "poor. Check Image > Properties..., or use a model trained at this size.", title, ratio, modelSize, ratio
				> 1 ? "smaller" : "larger");
		return null;
	}

	private static String formatSize(ModelSpec spec) {
		StringBuilder out = new StringBuilder();
		double[] zyx = spec.spacing();
		for (int a = zyx.length - 1; a >= 0; a--) out.append(a < zyx.length - 1 ? " x " : "").append(
			java.math.BigDecimal.valueOf(zyx[a]).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString());
		return out.toString();
	}

	/** The voxel size (z, y, x) the image is resampled to: the model's; a 2D model keeps the image's z. */
	public static double[] targetSpacing(double[] inputSpacing, ModelSpec spec) {
		double[] model = spec.spacing();
		return spec.dims() == 3 ? model : new double[] {inputSpacing[0], model[0], model[1]};
	}

	/** The shape (z, y, x) an image of {@code shape} gets in the model's geometry. */
	public static int[] preparedShape(int[] shape, Spacing spacing, ModelSpec spec) {
		double[] in = inputSpacing(spacing, shape[0], spec);
		return Resampling.shapeAtSpacing(shape, in, targetSpacing(in, spec));
	}

	/** Normalises and resamples the channels of one image (one Volume per channel, same size). */
	public static Prepared prepareImage(List<Volume> channels, ModelSpec spec) {
		requireChannels(channels.size(), spec);
		Volume first = channels.get(0);
		int[] shape = shapeOf(first);
		int[] target = preparedShape(shape, first.spacing(), spec);
		boolean nearestZ = nearestAlongZ(first.spacing(), shape, spec);
		float[][] out = new float[channels.size()][];
		for (int c = 0; c < out.length; c++) {
			float[] normalised = spec.normalization().get(c).apply(channels.get(c).toFloatArray());
			out[c] = Resampling.linear(normalised, shape, target, nearestZ);
		}
		return new Prepared(out, target);
	}

	/**
	 * The label image's classes (see {@link LabelMode}) resampled to the model's geometry; {@code classes} is the
	 * number of label values that can occur (ignore label included).
	 */
	public static byte[] prepareLabels(Volume labels, LabelMode mode, ModelSpec spec, int classes) {
		int[] shape = shapeOf(labels);
		byte[] values = mode.classesOf(labels);
		int[] target = preparedShape(shape, labels.spacing(), spec);
		return Resampling.labels(values, shape, target, classes, nearestAlongZ(labels.spacing(), shape, spec));
	}

	/** {@link #prepareLabels(Volume, LabelMode, ModelSpec, int)} for class maps. */
	public static byte[] prepareLabels(Volume labels, ModelSpec spec, int classes) {
		return prepareLabels(labels, LabelMode.CLASSES, spec, classes);
	}

	/** Resamples one prepared array (for example a class probability) back to the image's shape. */
	public static float[] toImageGeometry(float[] prepared, int[] preparedShape, int[] imageShape, Spacing spacing,
			ModelSpec spec) {
		return Resampling.linear(prepared, preparedShape, imageShape, nearestAlongZ(spacing, imageShape, spec));
	}

	static int[] shapeOf(Volume v) {
		return new int[] {v.depth(), v.height(), v.width()};
	}

	/** Refuses an image whose channel count differs from the model's, saying which channels it expects. */
	public static void requireChannels(int channels, ModelSpec spec) {
		int expected = spec.network().inChannels();
		if (channels != expected) {
			throw new SegKitException("The model expects " + expected + " channel(s) (" + String.join(", ",
				spec.channelNames()) + ") but the image has " + channels + ". Open an image with these channels "
				+ "(Image > Color > Merge Channels, or Image > Hyperstacks > Re-order) or use a model trained on "
				+ channels + " channel(s).");
		}
	}

	/** Whether z is so much coarser than x/y (in the input or the model) that linear blending of slices blurs. */
	private static boolean nearestAlongZ(Spacing spacing, int[] shape, ModelSpec spec) {
		if (spec.dims() == 2 || shape[0] == 1) return false;
		double[] in = inputSpacing(spacing, shape[0], spec);
		double[] target = targetSpacing(in, spec);
		return anisotropic(in) || anisotropic(target);
	}

	private static boolean anisotropic(double[] zyx) {
		return zyx[0] > ANISOTROPY * Math.min(zyx[1], zyx[2]);
	}

	private static boolean isUncalibrated(String unit) {
		return unit == null || unit.isEmpty() || unit.toLowerCase(Locale.ROOT).startsWith("pixel");
	}

	/** Factor that converts a length in {@code from} into {@code to}; 1 when either is unknown or they agree. */
	static double unitFactor(String from, String to) {
		double f = micronsPer(from);
		double t = micronsPer(to);
		return Double.isNaN(f) || Double.isNaN(t) ? 1 : f / t;
	}

	private static double micronsPer(String unit) {
		if (unit == null) return Double.NaN;
		return switch (unit.toLowerCase(Locale.ROOT).trim()) {
			case "nm", "nanometer", "nanometre", "nanometers", "nanometres" -> 1e-3;
			case "um", "\u00b5m", "\u03bcm", "micron", "microns", "micrometer", "micrometre", "micrometers",
				"micrometres" -> 1;
			case "mm", "millimeter", "millimetre", "millimeters", "millimetres" -> 1e3;
			case "cm", "centimeter", "centimetre" -> 1e4;
			case "m", "meter", "metre" -> 1e6;
			default -> Double.NaN;
		};
	}
}
