package io.segkit.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.ImageChecks;
import io.segkit.image.Volume;

/**
 * Training cases for the commands and Auto-Train: read from a folder of image/label pairs or from an open image and
 * its label image, and what they hold (channels, classes, names).
 */
public final class TrainingCases {

	private TrainingCases() {}

	/**
	 * The cases of a folder pair (images and labels with the same file names) when one is given, else of an open
	 * image and its label image.
	 */
	public static List<TrainingCase> of(java.nio.file.Path imagesFolder, java.nio.file.Path labelsFolder,
			ImagePlus image, ImagePlus labels, Progress progress) {
		if (imagesFolder != null) {
			if (labelsFolder == null) throw new SegKitException("Choose the labels folder that goes with the images.");
			return load(TrainingFolder.of(imagesFolder, labelsFolder), progress);
		}
		if (image == null || labels == null) {
			throw new SegKitException("Choose an images folder and a labels folder, or an open image and its label "
				+ "image.");
		}
		if (image == labels) throw new SegKitException("Image and label image are the same image.");
		return fromImages(image, labels);
	}

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

	/**
	 * The ignore label training uses: {@link LabelMode#IGNORE} when some label image has voxels that are not
	 * annotated (sparse annotation), otherwise -1.
	 */
	public static int ignoreLabel(List<TrainingCase> cases) {
		for (TrainingCase c : cases) if (LabelMode.hasNotAnnotated(c.labels())) return LabelMode.IGNORE;
		return -1;
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
		return mode.fixedClassCount() > 0 ? mode.fixedClassCount() : max + 1;
	}

	/**
	 * Class names for a model trained in {@code mode}: for objects, background, the object's name (the user's, e.g.
	 * "nucleus" or "background,nucleus", else "object") and its boundary; otherwise {@link #classNames(String, int)}.
	 */
	public static List<String> classNames(String given, int classes, LabelMode mode) {
		if (mode != LabelMode.OBJECTS) return classNames(given, classes);
		List<String> names = given == null || given.isBlank() ? List.of() : Arrays.stream(given.split(",")).map(
			String::trim).toList();
		if (names.size() == 3) return names;
		if (names.size() > 3) throw new SegKitException("Object labels train the classes background, object and "
			+ "object boundary, but " + names.size() + " class names were given: " + names + ". Give the object's name "
			+ "(e.g. nucleus).");
		String object = names.isEmpty() ? "object" : names.get(names.size() - 1);
		return List.of("background", object, object + " boundary");
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

	/**
	 * Object label images become classes (object interior and boundary, or one foreground class), so that planning
	 * and training see classes only.
	 */
	public static List<TrainingCase> asClasses(List<TrainingCase> cases, LabelMode mode) {
		if (mode == LabelMode.CLASSES) return List.copyOf(cases);
		List<TrainingCase> out = new ArrayList<>();
		for (TrainingCase c : cases) {
			Volume l = c.labels();
			out.add(new TrainingCase(c.name(), c.channels(), Volume.ofBytes(mode.classesOf(l), l.width(), l.height(), l
				.depth(), l.spacing())));
		}
		return out;
	}

	/** The number of image channels, the same in every case. */
	public static int channels(List<TrainingCase> cases) {
		if (cases.isEmpty()) throw new SegKitException("There are no training cases. Add images with label images.");
		int channels = cases.get(0).channels().size();
		for (TrainingCase c : cases) {
			if (c.channels().size() != channels) {
				throw new SegKitException("Case '" + c.name() + "' has " + c.channels().size() + " channel(s) but '"
					+ cases.get(0).name() + "' has " + channels + ". All training images need the same channels.");
			}
		}
		return channels;
	}

	/** The case names, in order; fails when two cases share a name. */
	public static List<String> names(List<TrainingCase> cases) {
		List<String> names = new ArrayList<>();
		for (TrainingCase c : cases) names.add(c.name());
		if (new java.util.HashSet<>(names).size() != names.size()) throw new SegKitException("Some training cases "
			+ "share a name; give every case its own name.");
		return names;
	}
}
