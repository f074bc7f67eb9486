package io.segkit.command;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.labels.LabelMeasurements;
import io.segkit.image.ImageChecks;
import io.segkit.image.Volume;

import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Measures every label of the label image (size, centroid, bounding box, and intensity statistics
 * of an optional intensity image) into a table titled {@code <title>-measurements}, one row per
 * label; with several time frames a "Frame" column tells them apart. A label image without labels
 * gives an empty table (a count of zero is a valid answer in a batch run) and a note in the Log.
 */
@Plugin(type = Command.class, label = "Label Measurements")
public class LabelMeasurementsCommand extends SegKitCommand {

	@Parameter(label = "Label image")
	ImagePlus image;

	@Parameter(label = "Intensity image", required = false)
	ImagePlus intensity;

	@Parameter(label = "Intensity channel", min = "1")
	int intensityChannel = 1;

	@Parameter(type = ItemIO.OUTPUT, label = "Measurements")
	ResultsTable table;


	@Override
	public void run() {
		LabelImageInput.require(image, progress());
		if (intensity != null) checkIntensity();
		Progress p = progress();
		// the label image is read plane by plane in place: no whole-volume int copy (issue 10)
		List<LabelMeasurements> perFrame = Frames.each(image, t -> LabelMeasurements.measure(Volume.of(image, 1, t),
			intensity == null ? null : Volume.of(intensity, intensityChannel, intensity.getNFrames() == 1
				? 1 : t), p), p);
		ResultsTable out = new ResultsTable();
		int rows = 0;
		for (int t = 1; t <= perFrame.size(); t++) {
			perFrame.get(t - 1).appendTo(out, perFrame.size() > 1 ? t : 0);
			rows += perFrame.get(t - 1).rows();
		}
		if (rows == 0) IJ.log("SegKit Label Measurements: '" + image.getTitle() +
			"' contains no labels (every pixel is 0), so the table is empty.");
		table = out;
	}

	private void checkIntensity() {
		ImageChecks.requireSameSize(image, intensity, "intensity");
		if (intensityChannel < 1 || intensityChannel > intensity.getNChannels()) throw new SegKitException(
			"Intensity channel " + intensityChannel + " does not exist: '" + intensity.getTitle() + "' has " +
				intensity.getNChannels() + " channel(s).");
		int f = intensity.getNFrames();
		if (f != 1 && f != image.getNFrames()) throw new SegKitException("The intensity image '" + intensity
			.getTitle() + "' has " + f + " time frames but the label image '" + image.getTitle() + "' has " + image
				.getNFrames() + ". Give an intensity image with one frame or with as many frames as the labels.");
	}
}
