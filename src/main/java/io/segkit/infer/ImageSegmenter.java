package io.segkit.infer;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDManager;

import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.dataset.Dimensions;
import io.segkit.image.ImageChecks;
import io.segkit.image.MissingValues;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelSpec;
import io.segkit.model.Preprocessor;

/**
 * Segments an ImageJ image with a model: for every time frame, the image's channels are normalised and resampled
 * to the model's voxel size, predicted by sliding window, and the class probabilities resampled back to the
 * image's own grid before the arg-max, so the result lines up voxel for voxel with the input. An ensemble of
 * configurations (each with its own voxel size and patch) is averaged there, in the image's grid, as nnU-Net does.
 */
public final class ImageSegmenter {

	/**
	 * Class probabilities of one frame in the image's grid, [class][z * h * w + y * w + x], and after the
	 * {@code classCount} classes the distance map of an instance model with a distance head.
	 */
	public record Frame(float[][] probabilities, int classCount, int width, int height, int depth) {

		/** The class probabilities alone. */
		public float[][] classProbabilities() {
			return Predictions.classRows(probabilities, classCount);
		}

		/** The most probable class of every voxel (0 = background). */
		public int[] classes() {
			byte[] b = Predictions.labelsAsBytes(classProbabilities());
			int[] out = new int[b.length];
			for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xff;
			return out;
		}

		/** The connected components of each class, numbered one after the other. */
		public int[] objects(Spacing spacing, Connectivity connectivity, Progress progress) {
			return ImageSegmenter.objects(classes(), classCount, width, height, depth, spacing, connectivity,
				progress);
		}
	}

	/**
	 * Objects: the connected components of each class of a class map, numbered one after the other (class 1's
	 * first), so every object has its own label.
	 */
	public static int[] objects(int[] classes, int classCount, int width, int height, int depth, Spacing spacing,
			Connectivity connectivity, Progress progress) {
			int[] out = new int[classes.length];
			int offset = 0;
			for (int c = 1; c < classCount; c++) {
				byte[] mask = new byte[classes.length];
				boolean any = false;
				for (int i = 0; i < mask.length; i++) {
					if (classes[i] == c) {
						mask[i] = 1;
						any = true;
					}
				}
				if (!any) continue;
				Labels labels = ConnectedComponents.label(mask, width, height, depth, spacing, connectivity, progress);
				int[] data = labels.data();
				for (int i = 0; i < data.length; i++) if (data[i] > 0) out[i] = data[i] + offset;
				offset += labels.count();
			}
			return out;
	}

	private final List<LoadedModel> configurations;
	private final List<SlidingWindowPredictor> predictors = new ArrayList<>();

	/** @param configurations one model, or the configurations of an ensemble (same classes and channels) */
	public ImageSegmenter(List<LoadedModel> configurations, NDManager manager, SlidingWindowPredictor.Options options) {
		if (configurations.isEmpty()) throw new IllegalArgumentException("no model");
		this.configurations = List.copyOf(configurations);
		for (LoadedModel m : configurations) predictors.add(new SlidingWindowPredictor(m, manager, options));
	}

	/** Where the predictors' notes go (fewer tiles per batch after the device ran out of memory). */
	public void setNotices(java.util.function.Consumer<String> notices) {
		for (SlidingWindowPredictor p : predictors) p.setNotices(notices);
	}

	/**
	 * Checks that the image can be segmented by the model (channels, dimensions, values, memory) before anything is
	 * computed; returns how many voxels have no value (NaN), which are labelled background ({@link MissingValues}).
	 */
	public long requireSuitable(ImagePlus image) {
		ImageChecks.requireUsable(image);
		Preprocessor.requireChannels(image.getNChannels(), configurations.get(0).spec());
		requireDimensions(image.getNSlices(), image.getTitle());
		long nan = 0;
		for (int t = 1; t <= image.getNFrames(); t++) {
			for (int c = 1; c <= image.getNChannels(); c++) nan += MissingValues.countNaN(Volume.of(image, c, t), image
				.getTitle());
		}
		ImageChecks.requireMemory("Segment with Model", bytesNeeded(image), image);
		return nan;
	}

	/**
	 * A 3D network needs a stack: on a single slice it would see nothing but padding along z and give a wrong result
	 * without a word. A 2D model runs slice by slice on a stack, as documented.
	 */
	void requireDimensions(int slices, String title) {
		boolean volumetric = Dimensions.isVolumetric(slices);
		for (LoadedModel m : configurations) {
			if (m.spec().dims() == 3 && !volumetric) throw new SegKitException("'" + m.spec().name() + "' is a 3D model "
				+ "(trained on stacks) but '" + title + "' is a single slice. Segment the whole stack, or use a 2D model.");
		}
	}

	/** Segments frame {@code t} (1-based) of the image. */
	public Frame segment(ImagePlus image, int t, Progress progress) {
		List<Volume> channels = new ArrayList<>();
		for (int c = 1; c <= image.getNChannels(); c++) channels.add(Volume.of(image, c, t));
		for (Volume v : channels) ImageChecks.requireNotConstant(v, image.getTitle());
		return segment(channels, progress);
	}

	/**
	 * Segments one image given as its channels (same size and spacing): each configuration predicts at its own
	 * voxel size, and its class probabilities are resampled back to the channels' grid, where they are averaged.
	 */
	public Frame segment(List<Volume> channels, Progress progress) {
		Volume first = channels.get(0);
		int[] shape = {first.depth(), first.height(), first.width()};
		float[][] sum = null;
		for (int k = 0; k < configurations.size(); k++) {
			ModelSpec spec = configurations.get(k).spec();
			Preprocessor.Prepared prepared = Preprocessor.prepareImage(channels, spec);
			float[][] probabilities = predictors.get(k).predictProbabilities(prepared.channels(), prepared.shape(),
				progress);
			float[][] inImageGrid = toImageGrid(probabilities, prepared.shape(), shape, first.spacing(), spec);
			if (sum == null) sum = inImageGrid;
			else Predictions.addInto(sum, inImageGrid);
		}
		if (configurations.size() > 1) Predictions.scale(sum, 1f / configurations.size());
		backgroundWhereNoValue(sum, channels);
		return new Frame(sum, configurations.get(0).spec().classNames().size(), shape[2], shape[1], shape[0]);
	}

	/** A voxel without a value (NaN in any channel) is background with certainty, whatever the network guessed. */
	private static void backgroundWhereNoValue(float[][] probabilities, List<Volume> channels) {
		for (Volume channel : channels) {
			if (channel.isIntegerType()) continue;
			int plane = channel.planeSize();
			for (int z = 0; z < channel.depth(); z++) { // the planes in place: no float copy of the channel
				float[] values = (float[]) channel.rawPlane(z);
				for (int i = 0; i < plane; i++) {
					if (!Float.isNaN(values[i])) continue;
					for (int c = 0; c < probabilities.length; c++) probabilities[c][z * plane + i] = c == 0 ? 1f : 0f;
				}
			}
		}
	}

	private static float[][] toImageGrid(float[][] probabilities, int[] preparedShape, int[] shape, Spacing spacing,
			ModelSpec spec) {
		if (java.util.Arrays.equals(preparedShape, shape)) return probabilities;
		float[][] out = new float[probabilities.length][];
		for (int c = 0; c < out.length; c++) {
			out[c] = Preprocessor.toImageGeometry(probabilities[c], preparedShape, shape, spacing, spec);
			probabilities[c] = null; // let the model-grid copy go as soon as it is resampled
		}
		return out;
	}

	/**
	 * A generous estimate of the memory one frame needs: the channels as floats (twice: normalised and resampled),
	 * the probabilities in the model's and in the image's grid, and the blending weights; for an ensemble, the most
	 * any configuration needs plus the running sum.
	 */
	long bytesNeeded(ImagePlus image) {
		long most = 0;
		for (LoadedModel m : configurations) most = Math.max(most, bytesNeeded(image, m.spec()));
		long sum = 4L * image.getWidth() * image.getHeight() * image.getNSlices() * configurations.get(0).spec()
			.network().classes();
		return configurations.size() > 1 ? most + sum : most;
	}

	private static long bytesNeeded(ImagePlus image, ModelSpec spec) {
		long voxels = (long) image.getWidth() * image.getHeight() * image.getNSlices();
		int[] prepared = Preprocessor.preparedShape(new int[] {image.getNSlices(), image.getHeight(),
			image.getWidth()}, Spacing.of(image.getCalibration()), spec);
		long preparedVoxels = (long) prepared[0] * prepared[1] * prepared[2];
		int classes = spec.network().classes();
		return 4L * (voxels * (2L * image.getNChannels() + classes)
			+ preparedVoxels * (image.getNChannels() + classes + 1));
	}
}
