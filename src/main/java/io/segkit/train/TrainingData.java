package io.segkit.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.ImageChecks;
import io.segkit.image.Resampling;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;
import io.segkit.model.ChannelNormalization;
import io.segkit.model.LabelMode;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.plan.Planner;
import io.segkit.plan.TrainingCase;
import io.segkit.plan.TrainingFolder;

/**
 * Training data for the commands: cases read from a folder of image/label pairs or from an open image and its
 * label image, the classes they hold, and the model description they imply (voxel size = nnU-Net's target
 * spacing of the cases, z-score normalisation per channel).
 */
public final class TrainingData {

	private TrainingData() {}

	/** Every case of a training folder, read into memory. */
	public static List<TrainingCase> load(TrainingFolder folder, Progress progress) {
		List<TrainingCase> cases = new ArrayList<>();
		for (int i = 0; i < folder.size(); i++) {
			progress.checkCancelled();
			progress.update("Reading " + folder.caseNames().get(i), i, folder.size());
			cases.add(folder.load(i));
		}
		return cases;
	}

	/** An open image and its label image (same size); each time frame becomes a case. */
	public static List<TrainingCase> fromImages(ImagePlus image, ImagePlus labels) {
		ImageChecks.requireUsable(image);
		ImageChecks.requireSameSize(image, labels, "label image");
		if (labels.getNChannels() != 1) {
			throw new SegKitException("The label image '" + labels.getTitle() + "' has " + labels.getNChannels()
				+ " channels; a label image has one.");
		}
		List<TrainingCase> cases = new ArrayList<>();
		for (int t = 1; t <= image.getNFrames(); t++) {
			List<Volume> channels = new ArrayList<>();
			for (int c = 1; c <= image.getNChannels(); c++) channels.add(Volume.of(image, c, t));
			String name = image.getNFrames() == 1 ? image.getTitle() : image.getTitle() + "-t" + t;
			cases.add(new TrainingCase(name, channels, Volume.of(labels, 1, t)));
		}
		return cases;
	}

	/** Number of classes (background included) the label images hold under {@code mode}. */
	public static int classCount(List<TrainingCase> cases, LabelMode mode, int ignoreLabel) {
		int max = 0;
		for (TrainingCase c : cases) {
			for (byte b : mode.classesOf(c.labels())) {
				int v = b & 0xff;
				if (v != ignoreLabel && v > max) max = v;
			}
		}
		if (max == 0) {
			throw new SegKitException("The label images contain only background (0): draw or import the objects to "
				+ "learn (values 1, 2, ... per class) first.");
		}
		return max + 1;
	}

	/** Class names: the user's comma-separated list (background first), or background, class 1, class 2, ... */
	public static List<String> classNames(String given, int classes) {
		if (given != null && !given.isBlank()) {
			List<String> names = Arrays.stream(given.split(",")).map(String::trim).toList();
			if (names.size() != classes) {
				throw new SegKitException("The label images hold " + classes + " classes (background included) but "
					+ names.size() + " class names were given: " + names + ". Give one name per class, background first.");
			}
			return names;
		}
		List<String> names = new ArrayList<>();
		names.add("background");
		for (int c = 1; c < classes; c++) names.add(classes == 2 ? "foreground" : "class " + c);
		return names;
	}

	/** The voxel size the model works at: nnU-Net's target spacing of the cases, (z, y, x) or (y, x). */
	public static double[] targetSpacing(List<TrainingCase> cases, int dims) {
		List<double[]> spacings = new ArrayList<>();
		List<int[]> shapes = new ArrayList<>();
		for (TrainingCase c : cases) {
			Volume v = c.labels();
			spacings.add(c.channels().get(0).spacing().zyx());
			shapes.add(new int[] {v.depth(), v.height(), v.width()});
		}
		double[] zyx = Planner.targetSpacing(spacings, shapes);
		return dims == 3 ? zyx : new double[] {zyx[1], zyx[2]};
	}

	/**
	 * A patch no larger than {@code largest} nor than the cases' median size at the target spacing (rounded up to
	 * a multiple of 16 per axis, so that a few down-sampling stages fit).
	 */
	public static int[] automaticPatch(List<TrainingCase> cases, double[] spacing, int[] largest) {
		int dims = largest.length;
		int[][] sizes = new int[dims][cases.size()];
		for (int i = 0; i < cases.size(); i++) {
			Volume v = cases.get(i).labels();
			int[] shape = {v.depth(), v.height(), v.width()};
			double[] target = dims == 3 ? spacing : new double[] {v.spacing().z(), spacing[0], spacing[1]};
			int[] resampled = Resampling.shapeAtSpacing(shape, v.spacing().zyx(), target);
			for (int a = 0; a < dims; a++) sizes[a][i] = resampled[a + 3 - dims];
		}
		int[] patch = new int[dims];
		for (int a = 0; a < dims; a++) {
			Arrays.sort(sizes[a]);
			int median = sizes[a][sizes[a].length / 2];
			patch[a] = Math.min(largest[a], Math.max(16, (median + 15) / 16 * 16));
		}
		return patch;
	}

	/** The model description training starts from (Trainer sets network and patch from the settings). */
	public static ModelSpec template(String name, List<TrainingCase> cases, TrainingSettings settings,
			List<String> classNames) {
		int channels = cases.get(0).channels().size();
		for (TrainingCase c : cases) {
			if (c.channels().size() != channels) {
				throw new SegKitException("Case '" + c.name() + "' has " + c.channels().size() + " channel(s) but '"
					+ cases.get(0).name() + "' has " + channels + ". All training images need the same channels.");
			}
		}
		double[] spacing = targetSpacing(cases, settings.dims());
		Spacing first = cases.get(0).channels().get(0).spacing();
		List<String> channelNames = new ArrayList<>();
		List<ChannelNormalization> norms = new ArrayList<>();
		for (int c = 1; c <= channels; c++) {
			channelNames.add("channel " + c);
			norms.add(ChannelNormalization.zScore());
		}
		var network = Trainer.network(settings, channels, classNames.size(), spacing);
		return new ModelSpec(name, network, channelNames, classNames, Trainer.roundedPatch(settings, network), spacing,
			first.unit(), norms, null, ModelBundle.segkitVersion());
	}

	/** Normalises and resamples every case to the model's geometry. */
	public static List<PreparedCase> prepare(List<TrainingCase> cases, ModelSpec spec, LabelMode mode,
			int ignoreLabel, Progress progress) {
		List<PreparedCase> out = new ArrayList<>();
		for (int i = 0; i < cases.size(); i++) {
			progress.checkCancelled();
			progress.update("Preparing " + cases.get(i).name(), i, cases.size());
			out.add(PreparedCase.prepare(cases.get(i), spec, mode, ignoreLabel));
		}
		return out;
	}
}
