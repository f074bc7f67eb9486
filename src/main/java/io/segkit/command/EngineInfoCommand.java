package io.segkit.command;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;

import io.segkit.engine.EngineInfo;

/** Starts the deep-learning engine and reports what it loaded: version, flavour, devices, threads. */
@Plugin(type = Command.class, label = "SegKit Engine Info")
public class EngineInfoCommand implements Command {

	@Parameter(type = ItemIO.OUTPUT, label = "Engine info")
	String info;

	@Override
	public void run() {
		info = EngineInfo.current().toText();
		IJ.log(info);
	}

	/** The report of the last run. */
	public String info() {
		return info;
	}
}
