package io.segkit.ij1;

import ij.ImagePlus;

import io.segkit.SegKitException;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** A command used only to test the bridge: it echoes its inputs into its output image's title. */
@Plugin(type = Command.class, label = "Echo Test")
public class EchoTestCommand implements Command {

	@Parameter
	LogService log;
	@Parameter(label = "Image")
	ImagePlus image;
	@Parameter(label = "Minimum size", min = "0")
	double minimumSize = 2.5;
	@Parameter(label = "Iterations", min = "1", max = "10")
	int iterations = 3;
	@Parameter(label = "Method", choices = { "Otsu", "Default", "Li" })
	String method = "Default";
	@Parameter(label = "Dark objects")
	boolean darkObjects;
	@Parameter(label = "Marker image", required = false)
	ImagePlus markers;
	@Parameter(label = "Output file", required = false)
	File outputFile;
	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		if (minimumSize > 100) throw new SegKitException("Minimum size is too large: choose at most 100.");
		result = new ImagePlus(image.getTitle() + "-echo", image.getProcessor().duplicate());
		result.setProperty("echo", minimumSize + "|" + iterations + "|" + method + "|" + darkObjects + "|" +
			(markers == null ? "none" : markers.getTitle()) + "|" + outputFile + "|" + (log != null));
	}
}
