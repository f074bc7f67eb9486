package io.segkit.command;

import java.util.List;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.AutoThresholder;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.labels.LabelMeasurements;
import io.segkit.classic.labels.LabelTools;
import io.segkit.classic.threshold.AutoThreshold;
import io.segkit.classic.watershed.Watershed;
import io.segkit.image.ImageChecks;
import io.segkit.image.LabelImages;
import io.segkit.image.Labels;
import io.segkit.image.Titles;
import io.segkit.image.Volume;

/**
 * The classic operations on a whole image (every time frame, the output image or table), shared by their menu
 * commands and the command line ({@code segkit threshold}, {@code components}, {@code watershed}, {@code measure}):
 * one implementation each. Choices are the words the dialogs and macros use. Nothing is shown or logged here.
 */
public final class ClassicOperations {

	private ClassicOperations() {}

	/** A thresholded image and the bounds used: thresholds[frame][slice] = {lower, upper}. */
	public record Thresholded(ImagePlus result, double[][][] thresholds) {}

	/** Auto Threshold: any of ImageJ's methods, one threshold per stack or per slice; a mask or labels. */
	public static Thresholded autoThreshold(ImagePlus image, String method, String objects, String histogram,
			int channel, String output, String connectivity, Progress progress) {
		ImageChecks.requireUsable(image);
		AutoThresholder.Method m = thresholdMethod(method);
		boolean bright = Choices.OBJECTS.of(objects);
		if (!"Stack".equals(histogram) && !"Each slice".equals(histogram)) throw new SegKitException(
			"Histogram must be 'Stack' or 'Each slice', not '" + histogram + "'.");
		boolean stack = "Stack".equals(histogram);
		Connectivity conn = MaskOutputs.checkOutput(output, connectivity);
		requireChannel(image, channel);
		ClassicInputs.checkValues(image, channel, progress);
		Volume like = Volume.of(image, channel, 1);
		List<AutoThreshold.Result> results = Frames.each(image, t -> AutoThreshold.apply(Volume.of(image, channel,
			t), m, bright, stack, progress), progress);
		double[][][] thresholds = new double[results.size()][][];
		for (int t = 0; t < results.size(); t++) {
			AutoThreshold.Result r = results.get(t);
			thresholds[t] = new double[r.lower().length][];
			for (int z = 0; z < r.lower().length; z++) thresholds[t][z] = new double[] {r.lower()[z], r.upper()[z]};
		}
		ImagePlus result = MaskOutputs.build(image, results.stream().map(AutoThreshold.Result::mask).toList(), like,
			output, conn, progress);
		return new Thresholded(result, thresholds);
	}

	/** ImageJ's auto-threshold method of that name (any case). */
	public static AutoThresholder.Method thresholdMethod(String name) {
		for (AutoThresholder.Method m : AutoThresholder.Method.values()) if (m.name().equalsIgnoreCase(name.trim()))
			return m;
		throw new SegKitException("Unknown threshold method '" + name + "'. Choose one of: " + String.join(", ",
			AutoThresholder.getMethods()) + ".");
	}

	/**
	 * Connected Components: every non-zero voxel is foreground; optionally objects below a calibrated size and
	 * objects touching the border are dropped, the rest numbered 1..n.
	 */
	public static ImagePlus connectedComponents(ImagePlus image, int channel, String connectivity,
			double minimumSize, boolean excludeBorderObjects, boolean ignoreZBorders, Progress progress) {
		ImageChecks.requireUsable(image);
		Connectivity c = Choices.CONNECTIVITY.of(connectivity);
		LabelTools.checkSizeRange(minimumSize, Double.POSITIVE_INFINITY);
		requireChannel(image, channel);
		ClassicInputs.checkValues(image, channel, progress);
		List<int[]> frames = Frames.each(image, t -> {
			Labels labels = ConnectedComponents.label(Volume.of(image, channel, t), c, progress);
			boolean changed = false;
			if (minimumSize > 0) {
				labels = LabelTools.filterBySize(labels, minimumSize, Double.POSITIVE_INFINITY, progress);
				changed = true;
			}
			if (excludeBorderObjects) {
				labels = LabelTools.removeBorderLabels(labels, !ignoreZBorders, progress);
				changed = true;
			}
			return (changed ? LabelTools.relabel(labels, LabelTools.Order.LABEL_VALUE, progress) : labels).data();
		}, progress);
		return LabelImages.createFrames(Titles.derived(image, "labels"), frames, Volume.of(image, channel, 1));
	}

	/** Distance Watershed's dynamic that stands for "choose from the objects" (see {@link #splitTouching}). */
	public static final double AUTOMATIC_DYNAMIC = 0;

	/** A split image and the dynamic used in each frame (calibrated units). */
	public record Split(ImagePlus result, double[] dynamics) {}

	/** Distance Watershed: touching objects of a mask split at the h-maxima (dynamic) of the distance. */
	public static ImagePlus distanceWatershed(ImagePlus image, double dynamic, boolean watershedLines,
			String connectivity, Progress progress) {
		return splitTouching(image, dynamic, watershedLines, connectivity, progress).result();
	}

	/**
	 * Distance Watershed with the dynamic used: {@link #AUTOMATIC_DYNAMIC} (0) chooses it per frame from the
	 * typical object radius ({@link Watershed#splitObjectsAutomatically}); any other value is used as it is.
	 */
	public static Split splitTouching(ImagePlus image, double dynamic, boolean watershedLines, String connectivity,
			Progress progress) {
		ClassicInputs.checkValues(image, progress);
		Connectivity c = Choices.CONNECTIVITY.of(connectivity);
		Volume first = ClassicInputs.frame(image, 1);
		ImageChecks.requireMemory("Distance Watershed", Watershed.splitObjectsBytes(first.size()) * image.getNFrames(),
			image);
		double[] dynamics = new double[image.getNFrames()];
		// label planes straight from the watershed: no whole-volume int array (issue 10: 12x the input before)
		List<ij.ImageStack> frames = Frames.each(image, t -> {
			Volume frame = ClassicInputs.frame(image, t);
			dynamics[t - 1] = dynamic == AUTOMATIC_DYNAMIC ? Watershed.automaticDynamic(frame, c, progress) : dynamic;
			return Watershed.splitObjectsToStack(frame, dynamics[t - 1], watershedLines, c, progress);
		}, progress);
		return new Split(LabelImages.createFromStacks(Titles.derived(image, "split"), frames, first), dynamics);
	}

	/** Label Measurements: one row per label and frame ("Frame" column when there are several). */
	public static ResultsTable measureLabels(ImagePlus labels, ImagePlus intensity, int intensityChannel,
			Progress progress) {
		LabelImageInput.require(labels, progress);
		if (intensity != null) checkIntensity(labels, intensity, intensityChannel, progress);
		// the label image is read plane by plane in place: no whole-volume int copy (issue 10)
		List<LabelMeasurements> perFrame = Frames.each(labels, t -> LabelMeasurements.measure(Volume.of(labels, 1, t),
			intensity == null ? null : Volume.of(intensity, intensityChannel, intensity.getNFrames() == 1
				? 1 : t), progress), progress);
		ResultsTable out = new ResultsTable();
		for (int t = 1; t <= perFrame.size(); t++) perFrame.get(t - 1).appendTo(out, perFrame.size() > 1 ? t : 0);
		return out;
	}

	private static void checkIntensity(ImagePlus image, ImagePlus intensity, int intensityChannel, Progress progress) {
		ImageChecks.requireSameSize(image, intensity, "intensity");
		if (intensityChannel < 1 || intensityChannel > intensity.getNChannels()) throw new SegKitException(
			"Intensity channel " + intensityChannel + " does not exist: '" + intensity.getTitle() + "' has " +
				intensity.getNChannels() + " channel(s).");
		ClassicInputs.checkValues(intensity, intensityChannel, progress);
		int f = intensity.getNFrames();
		if (f != 1 && f != image.getNFrames()) throw new SegKitException("The intensity image '" + intensity
			.getTitle() + "' has " + f + " time frames but the label image '" + image.getTitle() + "' has " + image
				.getNFrames() + ". Give an intensity image with one frame or with as many frames as the labels.");
	}

	private static void requireChannel(ImagePlus image, int channel) {
		if (channel < 1 || channel > image.getNChannels()) throw new SegKitException("Channel " + channel +
			" does not exist: '" + image.getTitle() + "' has " + image.getNChannels() + " channel(s).");
	}
}
