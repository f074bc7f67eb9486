package io.segkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
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
	void imageJsOwnMenuCommandsThatNeedNoDialogRunWithoutADisplay() throws Exception {
		HeadlessImageJ.Run r = run("menus", "newImage(\"a\", \"16-bit ramp\", 64, 64, 4);\nrun(\"8-bit\");\n"
			+ "run(\"Select All\");\nrun(\"Measure\");\nrun(\"Invert\", \"stack\");\n"
			+ "print(\"DONE \" + bitDepth() + \" \" + nResults + \" \" + selectionType());\n");
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(r.output().contains("DONE 8 1 0"), r.output());
	}

	@Test
	void aCommandThatNeedsADisplayStopsTheMacroAndIsNamed() throws Exception {
		assertStops("blur3d", "newImage(\"a\", \"8-bit ramp\", 64, 64, 8);\nrun(\"Gaussian Blur 3D...\", "
			+ "\"x=2 y=2 z=2\");\n", "\"Gaussian Blur 3D...\" needs a display", "xvfb-run");
		assertStops("duplicate", "newImage(\"a\", \"8-bit ramp\", 64, 64, 8);\nrun(\"Duplicate...\", "
			+ "\"title=b duplicate\");\n", "\"Duplicate...\" needs a display", "xvfb-run");
	}

	/** What a biologist writes: ImageJ's commands and SegKit's mixed, measurements, files saved. */
	private static final String USER_PIPELINE = """
		dir = getArgument();
		open(dir + "/test-images/3d/images/nuclei3d-01.tif");
		run("Duplicate...", "title=copy duplicate");
		run("Gaussian Blur 3D...", "x=1 y=1 z=1");
		run("8-bit");
		run("Auto Threshold", "method=Otsu objects=Bright histogram=Stack output=Mask");
		run("Distance Watershed", "dynamic=1 connectivity=26");
		labels = getTitle();
		run("Label Measurements", "intensity_image=copy");
		objects = nResults;
		selectImage("copy");
		run("Z Project...", "projection=[Max Intensity]");
		run("Set Measurements...", "area mean redirect=None decimal=3");
		run("Measure");
		setAutoThreshold("Otsu dark");
		run("Convert to Mask");
		run("Analyze Particles...", "size=5-Infinity display clear");
		particles = nResults;
		saveAs("Tiff", dir + "/out/projection-mask.tif");
		selectImage(labels);
		saveAs("Tiff", dir + "/out/labels.tif");
		print("DONE objects=" + objects + " particles=" + particles);
		""";

	@Test
	void withAVirtualDisplayEveryImageJCommandRunsAndErrorsStillStop() throws Exception {
		Assumptions.assumeTrue(HeadlessImageJ.hasVirtualDisplay(), "xvfb-run is not installed (.ci/run installs it)");
		Path dir = Files.createDirectories(home.resolve("pipeline"));
		Files.createSymbolicLink(dir.resolve("test-images"), HeadlessImageJ.projectRoot().resolve("test-images"));
		Files.createDirectories(dir.resolve("out"));
		Path macro = Files.writeString(home.resolve("pipeline.ijm"), USER_PIPELINE);
		HeadlessImageJ.Run r = imagej.runMacroWithVirtualDisplay(macro, dir.toString(), 120);
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(r.output().matches("(?s).*DONE objects=[1-9][0-9]* particles=[1-9][0-9]*.*"), r.output());
		assertTrue(Files.size(dir.resolve("out/labels.tif")) > 0 && Files.size(dir.resolve("out/projection-mask.tif"))
			> 0, r.output());

		Path broken = Files.writeString(home.resolve("broken.ijm"), "x = 1;\nprint(\"hello\" + ;\nprint(\"AFTER\");\n");
		HeadlessImageJ.Run error = imagej.runMacroWithVirtualDisplay(broken, "", 60);
		assertEquals(1, error.exitCode(), error.output());
		assertTrue(error.output().contains("Macro error near line"), error.output());
		assertFalse(error.output().contains("AFTER"), error.output());
	}

	/**
	 * A batch-mode macro's roiManager(...) calls and SegKit's ROI commands share one ROI Manager (the macro's hidden
	 * one): before, SegKit's commands, which run on another thread, missed it and read or filled another.
	 */
	@Test
	void batchModeMacrosAndSegKitShareTheRoiManager() throws Exception {
		Assumptions.assumeTrue(HeadlessImageJ.hasVirtualDisplay(), "xvfb-run is not installed (.ci/run installs it)");
		Path macro = Files.writeString(home.resolve("rois.ijm"), "setBatchMode(true);\n"
			+ "newImage(\"cells\", \"8-bit black\", 64, 64, 1);\n"
			+ "makeOval(5, 5, 20, 20);\nroiManager(\"add\");\nmakeOval(35, 35, 20, 20);\nroiManager(\"add\");\n"
			+ "run(\"Select None\");\n"
			+ "run(\"ROIs to Label Image\", \"source=[ROI Manager] labels=[Each ROI an object] "
			+ "voxels_outside_the_rois=[Not annotated (sparse)]\");\n"
			+ "roiManager(\"reset\");\n"
			+ "run(\"Labels to ROIs\", \"destination=[ROI Manager]\");\n"
			+ "print(\"DONE rois=\" + roiManager(\"count\"));\n");
		HeadlessImageJ.Run r = imagej.runMacroWithVirtualDisplay(macro, "", 120);
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(r.output().contains("2 ROIs of the ROI Manager"), r.output());
		assertTrue(r.output().contains("2 objects in 'cells-roi-labels'"), "not-annotated is no object:\n" + r.output());
		assertTrue(r.output().contains("DONE rois="), r.output());
	}

	@Test
	void plainImageJBatchEndsWithExitCodeOneOnASegKitError() throws Exception {
		Assumptions.assumeTrue(HeadlessImageJ.hasVirtualDisplay(), "xvfb-run is not installed (.ci/run installs it)");
		Path macro = Files.writeString(home.resolve("batch-rgb.ijm"), "newImage(\"a\", \"RGB ramp\", 64, 64, 1);\n"
			+ "run(\"Auto Threshold\", \"method=Otsu objects=Bright histogram=Stack output=Mask\");\nprint(\"AFTER\");\n");
		HeadlessImageJ.Run r = imagej.runImageJBatch(macro, "", 60);
		assertEquals(1, r.exitCode(), r.output());
		assertTrue(r.output().contains("RGB image"), r.output());
		assertFalse(r.output().contains("AFTER"), r.output());
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
