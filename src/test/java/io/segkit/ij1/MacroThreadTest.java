package io.segkit.ij1;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

/**
 * Tests that run a command through the bridge as a macro line would: the test thread is named like ImageJ's macro
 * threads (ImageJ keeps macro options only for those), a 16x16 image "cells" is current, and the options are
 * cleared afterwards.
 */
abstract class MacroThreadTest {

	final ImagePlus image = IJ.createImage("cells", "8-bit ramp", 16, 16, 1);

	private String threadName;

	@BeforeEach
	void enterMacroThread() {
		threadName = Thread.currentThread().getName();
		Thread.currentThread().setName("Run$_test");
		WindowManager.setTempCurrentImage(image);
	}

	@AfterEach
	void leaveMacroThread() {
		Macro.setOptions(null);
		WindowManager.setTempCurrentImage(null);
		Thread.currentThread().setName(threadName);
	}

	/** Runs the test command with macro options and returns the "echo" property of its result image. */
	static String echo(Class<? extends Command> command, String options) {
		Macro.setOptions(options);
		var module = new CommandBridge().runCommand(new CommandInfo(command), new MacroOptionsForm());
		return (String) ((ImagePlus) module.getOutput("result")).getProperty("echo");
	}
}
