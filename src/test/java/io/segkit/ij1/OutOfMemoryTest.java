package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** An OutOfMemoryError in a command becomes a clear message, and no output is shown. */
class OutOfMemoryTest {

	@Test
	void outOfMemoryBecomesAMessageWithNothingShown() {
		ImagePlus input = IJ.createImage("cells", "8-bit ramp", 16, 16, 1);
		WindowManager.setTempCurrentImage(input);
		PrintStream previous = System.err; // errors go to stderr without ImageJ's window
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int errors = CommandBridge.errorsReported();
		try {
			System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
			new CommandBridge().run(OutOfMemoryTestCommand.class.getName());
			assertSame(input, WindowManager.getCurrentImage(), "the partial output was not shown");
		} finally {
			System.setErr(previous);
			WindowManager.setTempCurrentImage(null);
		}
		String log = bytes.toString(StandardCharsets.UTF_8);
		assertEquals(errors + 1, CommandBridge.errorsReported());
		assertTrue(log.contains("Out Of Memory Test ran out of memory (Fiji may use at most "), log);
		assertTrue(log.contains("stopped without writing or showing any result"), log);
		assertTrue(log.contains("Edit > Options > Memory & Threads"), log);
		assertFalse(log.contains("Unexpected error"), log);
	}
}
