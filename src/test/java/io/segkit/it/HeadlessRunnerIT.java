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

	/** Runs the macro with a print after it and checks that it stopped there, exit code 1, with these texts. */
	private static void assertStops(String name, String macro, String... expected) throws Exception {
		HeadlessImageJ.Run r = run(name, macro + "print(\"AFTER the failure\");\n");
		assertEquals(1, r.exitCode(), r.output());
		for (String text : expected) assertTrue(r.output().contains(text), "'" + text + "' in:\n" + r.output());
		assertFalse(r.output().contains("AFTER the failure"), "the macro went on after the failure:\n" + r.output());
	}

	@Test
	void aCommandThatNeedsADisplayStopsTheMacro() throws Exception {
		assertStops("blur3d", "newImage(\"a\", \"8-bit ramp\", 64, 64, 8);\nrun(\"Gaussian Blur 3D...\", "
			+ "\"x=2 y=2 z=2\");\n", "needed a display", "xvfb-run");
	}

	@Test
	void aMacroErrorIsPrintedWithItsText() throws Exception {
		assertStops("syntax", "x = 1;\nprint(\"hello\" + ;\n", "Macro error near line", "expected");
	}

	@Test
	void anUnknownCommandIsNamed() throws Exception {
		assertStops("unknown", "newImage(\"a\", \"8-bit ramp\", 64, 64, 1);\nrun(\"No Such Command\");\n",
			"Unrecognized command: \"No Such Command\"");
	}

	@Test
	void aSegKitErrorStopsTheMacro() throws Exception {
		assertStops("segkit", "newImage(\"a\", \"RGB ramp\", 64, 64, 1);\nrun(\"Auto Threshold\", \"method=Otsu "
			+ "objects=Bright histogram=Stack output=Mask\");\n", "RGB");
	}
}
