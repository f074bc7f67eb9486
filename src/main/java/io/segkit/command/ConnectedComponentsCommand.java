package io.segkit.command;

import ij.ImagePlus;


import io.segkit.ij1.Units;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Labels the connected objects of an image: every non-zero voxel is foreground (8-, 16- or 32-bit,
 * NaN = background). Optionally drops objects smaller than a calibrated size (area in 2D, volume
 * in 3D) and objects touching the border; the result is numbered 1..n in raster order. Time frames
 * are labelled one by one.
 */
@Plugin(type = Command.class, label = "Connected Components")
public class ConnectedComponentsCommand extends SegKitCommand {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Channel", min = "1")
	int channel = 1;

	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 },
		description = Choices.CONNECTIVITY_DESCRIPTION)
	String connectivity = Choices.CONNECTIVITY_26;

	@Parameter(label = "Minimum size", min = "0", attrs = @Attr(name = Units.ATTRIBUTE, value = Units.SIZE))
	double minimumSize = 0;

	@Parameter(label = "Exclude border objects")
	boolean excludeBorderObjects;

	@Parameter(label = "Ignore z borders")
	boolean ignoreZBorders;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;


	@Override
	public void run() {
		result = ClassicOperations.connectedComponents(image, channel, connectivity, minimumSize, excludeBorderObjects,
			ignoreZBorders, progress());
	}
}
