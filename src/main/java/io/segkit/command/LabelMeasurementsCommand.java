package io.segkit.command;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;



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
		table = ClassicOperations.measureLabels(image, intensity, intensityChannel, progress());
		if (table.size() == 0) IJ.log("SegKit Label Measurements: '" + image.getTitle() +
			"' contains no labels (every pixel is 0), so the table is empty.");
	}
}
