package io.segkit.ij1;

import ij.IJ;
import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** A command used only to test the bridge: it sets its output, then runs out of memory. */
@Plugin(type = Command.class, label = "Out Of Memory Test")
public class OutOfMemoryTestCommand implements Command {

	@Parameter(label = "Image")
	ImagePlus image;
	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		result = IJ.createImage("partial", "8-bit black", 4, 4, 1);
		throw new OutOfMemoryError("Java heap space");
	}
}
