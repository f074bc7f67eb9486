package io.segkit.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.model.ModelSpec;
import io.segkit.model.Preprocessor;

/**
 * One training case ready for the network: normalised channels at the model's spacing and its labels, as flat
 * arrays (index z*Y*X + y*X + x). Labels are unsigned bytes: 0 = background, 1..classes-1, or the ignore value.
 * The arrays are shared, never changed by training.
 *
 * @param name the case name (unique within a data set)
 * @param channels one array per input channel, each Z*Y*X long
 * @param labels Z*Y*X class values
 * @param shape {Z, Y, X}; Z = 1 for a 2D image
 */
public record PreparedCase(String name, float[][] channels, byte[] labels, int[] shape) {

	public PreparedCase {
		if (name == null || name.isEmpty()) throw new SegKitException("A training case has no name.");
		if (shape == null || shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
			throw new SegKitException("Case '" + name + "' has an invalid size " + Arrays.toString(shape)
				+ " (expected depth, height, width, each at least 1).");
		}
		long voxels = (long) shape[0] * shape[1] * shape[2];
		if (channels == null || channels.length == 0) {
			throw new SegKitException("Case '" + name + "' has no image channel.");
		}
		for (int c = 0; c < channels.length; c++) {
			if (channels[c] == null || channels[c].length != voxels) {
				throw new SegKitException("In case '" + name + "' channel " + c + " has " + length(channels[c])
					+ " voxels but the case is " + describe(shape) + " (" + voxels + " voxels). Image channels and "
					+ "labels must have the same size.");
			}
		}
		if (labels == null || labels.length != voxels) {
			throw new SegKitException("In case '" + name + "' the label image has " + length(labels)
				+ " voxels but the image is " + describe(shape) + " (" + voxels + " voxels). Image and label must "
				+ "have the same size.");
		}
		shape = shape.clone();
	}

	/**
	 * A training case brought to the model's geometry by the {@link Preprocessor} (normalised channels, resampled
	 * to the model's voxel size; labels linear on one-hot then argmax). Label values are checked against the classes
	 * before resampling, which would silently drop unknown values.
	 *
	 * @param spec the model description (channels, normalisation, spacing, classes)
	 * @param ignoreLabel the value of unannotated voxels, or -1
	 */
	public static PreparedCase prepare(TrainingCase c, ModelSpec spec, LabelMode mode, int ignoreLabel) {
		int classes = spec.classNames().size();
		int[] raw = {c.labels().depth(), c.labels().height(), c.labels().width()};
		requireLabels(c.name(), mode.classesOf(c.labels()), raw, classes, ignoreLabel);
		Preprocessor.Prepared image = Preprocessor.prepareImage(c.channels(), spec);
		byte[] labels = Preprocessor.prepareLabels(c.labels(), mode, spec, Math.max(classes, ignoreLabel + 1));
		return new PreparedCase(c.name(), image.channels(), labels, image.shape());
	}

	/** Every case brought to the model's geometry ({@link #prepare}), with progress and cancel between cases. */
	public static List<PreparedCase> prepareAll(List<TrainingCase> cases, ModelSpec spec, LabelMode mode,
			int ignoreLabel, Progress progress) {
		List<PreparedCase> out = new ArrayList<>();
		for (int i = 0; i < cases.size(); i++) {
			progress.checkCancelled();
			progress.update("Preparing " + cases.get(i).name(), i, cases.size());
			out.add(prepare(cases.get(i), spec, mode, ignoreLabel));
		}
		return out;
	}

	/** Throws SegKitException naming the first voxel whose label is neither a class nor the ignore value. */
	static void requireLabels(String name, byte[] labels, int[] shape, int classes, int ignoreLabel) {
		for (int i = 0; i < labels.length; i++) {
			int value = labels[i] & 0xFF;
			if (value < classes || value == ignoreLabel) continue;
			throw new SegKitException("Case '" + name + "' has the label value " + value + " at x=" + i % shape[2]
				+ ", y=" + (i / shape[2]) % shape[1] + ", z=" + i / (shape[1] * shape[2]) + ", but the model has "
				+ classes + " classes (values 0 to " + (classes - 1) + (ignoreLabel >= 0 ? ", and " + ignoreLabel
					+ " for unannotated voxels" : "") + "). Check the label image, or add classes to the model.");
		}
	}

	@Override
	public int[] shape() {
		return shape.clone();
	}

	public int depth() {
		return shape[0];
	}

	public int height() {
		return shape[1];
	}

	public int width() {
		return shape[2];
	}

	public int voxels() {
		return shape[0] * shape[1] * shape[2];
	}

	/** The label of voxel i as an unsigned value. */
	public int label(int i) {
		return labels[i] & 0xFF;
	}

	static String describe(int[] shape) {
		return shape[2] + " x " + shape[1] + " x " + shape[0];
	}

	private static String length(Object array) {
		if (array == null) return "no";
		return Integer.toString(array instanceof float[] f ? f.length : ((byte[]) array).length);
	}
}
