package io.segkit.command;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;


/**
 * Splits touching round objects (nuclei) of a binary image: markers are the maxima of the distance
 * transform that stand out by at least the dynamic (calibrated units), and the inverted distance is
 * flooded inside the objects. Output: a label image {@code <title>-split}.
 */
@Plugin(type = Command.class, label = "Distance Watershed")
public class DistanceWatershedCommand extends SegKitCommand {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Dynamic", min = "0")
	double dynamic = 1;

	@Parameter(label = "Watershed lines")
	boolean watershedLines = false;

	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 },
		description = Choices.CONNECTIVITY_DESCRIPTION)
	String connectivity = Choices.CONNECTIVITY_26;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		result = ClassicOperations.distanceWatershed(image, dynamic, watershedLines, connectivity, progress());
	}
}
