package io.segkit.ij1;

import ij.ImagePlus;

import io.segkit.engine.DeviceChoice;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** A command used only to test the device choice: its Device as the four deep-learning commands declare it. */
@Plugin(type = Command.class, label = "Device Test")
public class DeviceTestCommand implements Command {

	@Parameter(label = "Image")
	ImagePlus image;
	@Parameter(label = "Device", style = DeviceChoice.STYLE)
	String device = DeviceChoice.AUTOMATIC;
	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		result = new ImagePlus(image.getTitle() + "-device", image.getProcessor().duplicate());
		result.setProperty("echo", device + "|" + DeviceChoice.of(device).text());
	}
}
