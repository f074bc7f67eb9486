package io.segkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segkit.ij1.CommandCatalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.Command;

/**
 * The GUI smoke test: a real ImageJ with the built plugin installed, under a virtual display, opens every SegKit
 * dialog from its menu command with a suitable 3D image open ({@link DialogDriver}): each opens, fits a 1280x800
 * screen and has a Help button; the previews appear and follow a change of slice; Cancel leaves every image as it
 * was. Skipped when xvfb-run is missing (.ci/run installs it).
 */
class DialogsIT {

	@TempDir
	Path home;

	@Test
	void everyDialogOpensFitsHasHelpAndCancelLeavesTheImagesAsTheyWere() throws Exception {
		Assumptions.assumeTrue(HeadlessImageJ.hasVirtualDisplay(), "xvfb-run is not installed (.ci/run installs it)");
		HeadlessImageJ imagej = new HeadlessImageJ(home.resolve("imagej"));
		HeadlessImageJ.Run r = imagej.runTestMainWithVirtualDisplay("1600x1200x24", DialogDriver.class.getName(), List
			.of("check", HeadlessImageJ.projectRoot().resolve("test-images").toString()), 600);
		String output = r.output();
		assertEquals(0, r.exitCode(), output);
		assertTrue(output.contains("DONE all dialogs passed"), output);
		assertFalse(output.contains("FAIL "), output);
		int dialogs = 0, previews = 0;
		for (Map.Entry<String, String> e : CommandCatalog.menuEntries().entrySet()) {
			Class<? extends Command> type = Class.forName(e.getValue()).asSubclass(Command.class);
			if (CommandCatalog.macroKeys(type).isEmpty()) continue;
			dialogs++;
			assertTrue(output.contains("PASS " + e.getKey() + " "), e.getKey() + " was not checked:\n" + output);
			if (io.segkit.ij1.Previewable.class.isAssignableFrom(type)) previews++;
		}
		List<String> passed = output.lines().filter(line -> line.startsWith("PASS ")).toList();
		assertEquals(dialogs, passed.size(), output);
		assertEquals(previews, passed.stream().filter(line -> line.endsWith(" with preview")).count(), output);
		assertTrue(previews >= 4, "Auto, Manual and Local Threshold and Distance Watershed preview");
	}
}
