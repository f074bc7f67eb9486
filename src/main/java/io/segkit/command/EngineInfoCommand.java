package io.segkit.command;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;

import io.segkit.engine.EngineInfo;

/** Starts the deep-learning engine and reports what it loaded: version, flavour, devices, threads. */
@Plugin(type = Command.class, label = "SegKit Engine Info")
public class EngineInfoCommand extends SegKitCommand {

	@Parameter(type = ItemIO.OUTPUT, label = "Engine info")
	String info;

	@Override
	public void run() {
		progress().update("Starting the deep-learning engine", 0, 1);
		info = EngineInfo.current().toText();
		progress().update("Starting the deep-learning engine", 1, 1);
		IJ.log(info);
	}

	/** The report of the last run. */
	public String info() {
		return info;
	}
}
