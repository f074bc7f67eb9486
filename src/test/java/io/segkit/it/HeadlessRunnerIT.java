package io.segkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SegKit's headless runner never carries on after a failure: each failing macro a user could write stops at once,
 * with its message on stderr and exit code 1; a macro that works exits 0.
 */
class HeadlessRunnerIT {

	@TempDir
	static Path home;

	private static HeadlessImageJ imagej;

	@BeforeAll
	static void install() throws Exception {
		imagej = new HeadlessImageJ(home.resolve("imagej"));
	}

	private static HeadlessImageJ.Run run(String name, String macro) throws Exception {
		Path file = Files.writeString(home.resolve(name + ".ijm"), macro);
		return imagej.runMacro(file, "", 120);
	}

	@Test
	void aMacroThatWorksExitsZero() throws Exception {
		HeadlessImageJ.Run r = run("works", "newImage(\"a\", \"8-bit ramp\", 64, 64, 1);\n"
			+ "run(\"Gaussian Blur...\", \"sigma=2\");\nrun(\"Auto Threshold\", \"method=Otsu objects=Bright "
			+ "histogram=Stack output=Mask\");\nprint(\"DONE \" + getTitle());\n");
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(r.output().contains("DONE a-mask"), r.output());
	}

	@Test
	void aCommandThatNeedsADisplayStopsTheMacro() throws Exception {
		HeadlessImageJ.Run r = run("blur3d", "newImage(\"a\", \"8-bit ramp\", 64, 64, 8);\n"
			+ "run(\"Gaussian Blur 3D...\", \"x=2 y=2 z=2\");\nprint(\"AFTER the blur\");\n");
		assertEquals(1, r.exitCode(), r.output());
		assertTrue(r.output().contains("needed a display") && r.output().contains("xvfb-run"), r.output());
		assertFalse(r.output().contains("AFTER the blur"), "the macro went on with the unblurred image:\n" + r.output());
	}

	@Test
	void aMacroErrorIsPrintedWithItsText() throws Exception {
		HeadlessImageJ.Run r = run("syntax", "x = 1;\nprint(\"hello\" + ;\nprint(\"AFTER the error\");\n");
		assertEquals(1, r.exitCode(), r.output());
		assertTrue(r.output().contains("Macro error near line") && r.output().contains("expected"), r.output());
		assertFalse(r.output().contains("AFTER the error"), r.output());
	}

	@Test
	void anUnknownCommandIsNamed() throws Exception {
		HeadlessImageJ.Run r = run("unknown", "newImage(\"a\", \"8-bit ramp\", 64, 64, 1);\n"
			+ "run(\"No Such Command\");\nprint(\"AFTER the command\");\n");
		assertEquals(1, r.exitCode(), r.output());
		assertTrue(r.output().contains("Unrecognized command: \"No Such Command\""), r.output());
		assertFalse(r.output().contains("AFTER the command"), r.output());
	}

	@Test
	void aSegKitErrorStopsTheMacro() throws Exception {
		HeadlessImageJ.Run r = run("segkit", "newImage(\"a\", \"RGB ramp\", 64, 64, 1);\n"
			+ "run(\"Auto Threshold\", \"method=Otsu objects=Bright histogram=Stack output=Mask\");\n"
			+ "print(\"AFTER the threshold\");\n");
		assertEquals(1, r.exitCode(), r.output());
		assertTrue(r.output().contains("RGB"), r.output());
		assertFalse(r.output().contains("AFTER the threshold"), r.output());
	}
}
