package io.segkit.command;

import java.io.File;
import java.nio.file.Files;
import java.util.List;

import io.segkit.engine.DeviceChoice;
import io.segkit.ij1.Units;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.ij1.CommandBridge;
import io.segkit.infer.SegmentationJob;
import io.segkit.image.MissingValues;
import io.segkit.image.Spacing;
import io.segkit.model.Preprocessor;
import io.segkit.infer.SlidingWindowPredictor;

/**
 * Segments the current image, or every TIFF of a folder, with a model saved by "Train Segmentation Model" or
 * "Auto-Train". An open image gives a label image {@code <title>-classes} (or {@code -objects}) and optionally
 * {@code <title>-probabilities}; a folder run writes {@code NAME-labels.tif} files into the output folder, skips
 * images already done and lists what it did in a table.
 */
@Plugin(type = Command.class, label = "Segment with Model")
public class SegmentWithModelCommand extends SegKitCommand {

	static final String AUTOMATIC = "automatic", CLASSES = "classes", OBJECTS = "objects";
	static final String MODEL_CHOICE = "model's choice", NONE = "none", LARGEST = "largest object",
		LARGEST_PER_CLASS = "largest object per class";

	@Parameter(label = "Image", required = false, style = CommandBridge.CURRENT_IMAGE_STYLE,
		description = "The image to segment; None to segment the input folder instead")
	ImagePlus image;

	@Parameter(label = "Model", style = FileWidget.OPEN_STYLE, description = "A SegKit model (.zip)")
	File model;

	@Parameter(label = "Input folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "Segment every TIFF in this folder (used when Image is None)")
	File inputFolder;

	@Parameter(label = "Output folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "Where a folder run writes NAME-labels.tif (must differ from the input folder)")
	File outputFolder;

	@Parameter(label = "Label image", choices = {AUTOMATIC, OBJECTS, CLASSES},
		description = "automatic: objects for a model trained on object labels, else classes; objects: each object "
			+ "numbered (an instance model splits touching objects); classes: the class of every pixel")
	String labels = AUTOMATIC;

	@Parameter(label = "Postprocessing", choices = {MODEL_CHOICE, NONE, LARGEST, LARGEST_PER_CLASS},
		description = "model's choice: what cross-validation chose when the model was trained (else none)")
	String postprocessing = MODEL_CHOICE;

	@Parameter(label = "Minimum size", min = "0", attrs = @Attr(name = Units.ATTRIBUTE, value = Units.SIZE),
		description = "Remove connected parts smaller than this (calibrated area or volume; 0 = keep all)")
	double minimumSize = 0;

	@Parameter(label = "Probability maps", description = "Also output each class's probability (32-bit)")
	boolean probabilities = false;

	@Parameter(label = "Mirroring", description = "Test-time augmentation: average the predictions of mirrored copies, "
		+ "and where x and y pixels are the same size of copies turned by 90 degrees: smoother, 8x (2D) or 16x (3D) "
		+ "slower. Object models whose Auto-Train chose it always mirror")
	boolean mirroring = false;

	@Parameter(label = "Tile step", min = "0.1", max = "1",
		description = "Distance between tiles as a fraction of the tile (0.5 = half overlap)")
	double tileStep = 0.5;

	@Parameter(label = "Device", style = DeviceChoice.STYLE, description = Choices.DEVICE_DESCRIPTION)
	String device = DeviceChoice.AUTOMATIC;

	@Parameter(type = ItemIO.OUTPUT, label = "Labels")
	ImagePlus labelImage;

	@Parameter(type = ItemIO.OUTPUT, label = "Probabilities")
	ImagePlus probabilityImage;

	@Parameter(type = ItemIO.OUTPUT, label = "Segmented")
	ResultsTable summary;


	@Override
	public void run() {
		if (model == null) throw new SegKitException("Choose the model file (.zip) to segment with.");
		boolean folderRun = image == null;
		if (folderRun) requireFolders();
		SlidingWindowPredictor.Options options = SlidingWindowPredictor.Options.defaults().withStep(tileStep)
			.withMirroring(mirroring);
		SegmentationJob.Output output = OBJECTS.equals(labels) ? SegmentationJob.Output.OBJECTS : CLASSES.equals(labels)
			? SegmentationJob.Output.CLASSES : SegmentationJob.Output.AUTOMATIC;
		Progress p = progress();
		try (SegmentationJob job = new SegmentationJob(model.toPath(), DeviceChoice.of(device).text(), options, output,
			probabilities, cleanup(), minimumSize)) {
			IJ.log("SegKit: segmenting with " + model.getName() + (job.configurations().size() > 1 ? " (an ensemble of "
				+ job.configurations().size() + " configurations)" : "") + " on " + job.device() + "; "
				+ job.describeLabelling());
			if (folderRun) {
				List<SegmentationJob.Row> rows = job.segmentFolder(inputFolder.toPath(), outputFolder.toPath(), p);
				summary = table(rows);
				reportFailures(rows);
			}
			else {
				String spacing = Preprocessor.spacingNote(Spacing.of(image.getCalibration()), image.getTitle(), job
					.configurations().get(0).spec());
				if (spacing != null) IJ.log("SegKit: " + spacing);
				SegmentationJob.Result r = job.segment(image, p);
				String noValue = MissingValues.note(image.getTitle(), r.voxelsWithoutValue());
				if (noValue != null) IJ.log(noValue);
				labelImage = r.labels();
				probabilityImage = r.probabilities();
			}
		}
	}

	/** null = stop a running macro when an image failed (as in headless batch runs), else the given choice. */
	Boolean stopMacroOnFailure;

	/**
	 * Each image that failed goes to the Log; a macro is stopped after the run (the others are written), so that a
	 * batch run ends with an error instead of a success that missed images.
	 */
	private void reportFailures(List<SegmentationJob.Row> rows) {
		List<SegmentationJob.Row> failed = rows.stream().filter(SegmentationJob.Row::failed).toList();
		for (SegmentationJob.Row r : failed) IJ.log("SegKit: " + r.image() + ": " + r.status());
		IJ.log("SegKit: " + (rows.size() - failed.size()) + " of " + rows.size() + " images done or skipped, "
			+ failed.size() + " failed.");
		boolean stop = stopMacroOnFailure != null ? stopMacroOnFailure : IJ.isMacro();
		if (stop && !failed.isEmpty()) throw new SegKitException(failed.size() + " of " + rows.size() + " images "
			+ "could not be segmented (" + failed.stream().map(SegmentationJob.Row::image).toList() + "; see the Log "
			+ "for why); the others were written to " + outputFolder + ".");
	}

	private SegmentationJob.Cleanup cleanup() {
		return switch (postprocessing == null ? MODEL_CHOICE : postprocessing) {
			case NONE -> SegmentationJob.Cleanup.NONE;
			case LARGEST -> SegmentationJob.Cleanup.LARGEST;
			case LARGEST_PER_CLASS -> SegmentationJob.Cleanup.LARGEST_PER_CLASS;
			case MODEL_CHOICE -> SegmentationJob.Cleanup.MODEL;
			default -> throw new SegKitException("Postprocessing must be one of: " + MODEL_CHOICE + ", " + NONE + ", "
				+ LARGEST + ", " + LARGEST_PER_CLASS + ".");
		};
	}

	private void requireFolders() {
		if (inputFolder == null) throw new SegKitException("Open the image to segment, or choose an input folder.");
		if (outputFolder == null) throw new SegKitException("Choose an existing output folder for the label images.");
		SegmentationJob.requireFolders(inputFolder.toPath(), outputFolder.toPath());
	}

	private static ResultsTable table(List<SegmentationJob.Row> rows) {
		ResultsTable t = new ResultsTable();
		for (SegmentationJob.Row r : rows) {
			t.incrementCounter();
			t.addValue("Image", r.image());
			t.addValue("Status", r.status());
			t.addValue("Max label", r.objectsOrClasses());
			t.addValue("Seconds", r.seconds());
		}
		return t;
	}
}
