package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import ij.measure.ResultsTable;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.plan.FolderPlanning;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.Plans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanSegmentationCommandTest {

	@TempDir
	Path temp;

	static PlanSegmentationCommand command(Path folder) {
		PlanSegmentationCommand c = new PlanSegmentationCommand();
		c.trainingFolder = folder.toFile();
		c.device = "GPU 0";
		c.memoryGb = 8;
		c.progress = Progress.NONE;
		return c;
	}

	static String value(ResultsTable fingerprint, String property) {
		for (int r = 0; r < fingerprint.size(); r++) {
			if (fingerprint.getStringValue("Property", r).equals(property)) return fingerprint.getStringValue("Value", r);
		}
		throw new AssertionError("no row " + property);
	}

	static void assertDivisible(ResultsTable plans, int row) {
		String[] patch = plans.getStringValue("Patch size", row).split("x");
		String[] pools = plans.getStringValue("Poolings per axis", row).split("x");
		assertEquals(patch.length, pools.length);
		for (int a = 0; a < patch.length; a++) {
			assertEquals(0, Integer.parseInt(patch[a]) % (1 << Integer.parseInt(pools[a])), plans.getStringValue(
				"Patch size", row) + " / pools " + plans.getStringValue("Poolings per axis", row));
		}
	}

	@Test
	void plans2DTestImages() {
		PlanSegmentationCommand c = command(Path.of("test-images/2d"));
		c.run();
		assertEquals("6", value(c.fingerprint, "Cases"));
		assertEquals("2D", value(c.fingerprint, "Image dimensions"));
		assertEquals("0.5 x 0.5 µm", value(c.fingerprint, "Median spacing (y x)"));
		assertEquals("256 x 256", value(c.fingerprint, "Median shape after crop (y x)"));
		assertEquals(1, c.plans.size(), "2D images: only the 2d configuration");
		assertEquals("2d", c.plans.getStringValue("Configuration", 0));
		assertEquals("256x256", c.plans.getStringValue("Patch size", 0));
		assertEquals("0.5 x 0.5 µm", c.plans.getStringValue("Spacing", 0), "the spacing with the images' unit");
		assertTrue(c.plans.getValue("Batch size", 0) >= 2);
		assertDivisible(c.plans, 0);
	}

	@Test
	void plans3DTestImagesWithBothConfigurationsAndWritesNnUNetFiles() throws IOException {
		PlanSegmentationCommand c = command(Path.of("test-images/3d"));
		Path out = temp.resolve("plans");
		c.outputFolder = out.toFile();
		c.run();
		assertEquals("3", value(c.fingerprint, "Cases"));
		assertEquals("3D", value(c.fingerprint, "Image dimensions"));
		assertEquals("2 x 0.5 x 0.5 µm", value(c.fingerprint, "Median spacing (z y x)"));
		assertEquals("2 x 0.5 x 0.5 µm", c.plans.getStringValue("Spacing", 1));
		assertEquals(2, c.plans.size());
		assertEquals("2d", c.plans.getStringValue("Configuration", 0));
		assertEquals("3d_fullres", c.plans.getStringValue("Configuration", 1));
		assertEquals(3, c.plans.getStringValue("Patch size", 1).split("x").length);
		assertDivisible(c.plans, 0);
		assertDivisible(c.plans, 1);
		try (Stream<Path> files = Files.list(out)) {
			assertEquals(3, files.count(), "the three files and no temporary file");
		}
		Plans written = Plans.read(out.resolve("nnUNetPlans.json"));
		assertEquals(c.plans.getStringValue("Patch size", 1), PlanTables.plans(written, "µm").getStringValue("Patch size",
			1));
		assertTrue(Files.readString(out.resolve("dataset.json")).contains("\"numTraining\": 3"));
		// the test images number their nuclei: planned as Auto-Train trains them, objects with their boundaries
		String dataset = Files.readString(out.resolve("dataset.json"));
		assertTrue(dataset.contains("\"object boundary\": 2") && !dataset.contains("class_3"), dataset);
		assertTrue(Files.readString(out.resolve("dataset_fingerprint.json")).contains("\"spacings\""));

		PlanSegmentationCommand again = command(Path.of("test-images/3d"));
		again.outputFolder = out.toFile();
		SegKitException e = assertThrows(SegKitException.class, again::run);
		assertTrue(e.getMessage().contains("Overwrite"), e.getMessage());
		again.overwrite = true;
		again.batchSize3d = "3";
		again.run();
		assertEquals(3, Plans.read(out.resolve("nnUNetPlans.json")).configuration("3d_fullres").batchSize());
	}

	@Test
	void patchAndBatchOverridesGiveAValidPlanOrAClearError() {
		PlanSegmentationCommand c = command(Path.of("test-images/3d"));
		c.patchSize3d = "32x64x64";
		c.batchSize2d = "5";
		c.run();
		assertEquals("32x64x64", c.plans.getStringValue("Patch size", 1));
		assertDivisible(c.plans, 1);
		assertEquals(5, c.plans.getValue("Batch size", 0));

		PlanSegmentationCommand odd = command(Path.of("test-images/3d"));
		odd.patchSize3d = "32x60x60";
		SegKitException e = assertThrows(SegKitException.class, odd::run);
		assertTrue(e.getMessage().contains("divisible") && e.getMessage().contains("Try 32x64x64"), e.getMessage());

		PlanSegmentationCommand flat = command(Path.of("test-images/2d"));
		flat.patchSize3d = "16x64x64";
		e = assertThrows(SegKitException.class, flat::run);
		assertTrue(e.getMessage().contains("2D"), e.getMessage());
	}

	@Test
	void badOverrideTextIsRefusedBeforeAnyWork() {
		for (String[] bad : new String[][] { { "256", "" }, { "256xabc", "" }, { "", "0" }, { "", "two" },
			{ "0x256", "" } })
		{
			PlanSegmentationCommand c = command(temp.resolve("does-not-matter"));
			c.patchSize2d = bad[0];
			c.batchSize2d = bad[1];
			SegKitException e = assertThrows(SegKitException.class, c::run);
			assertTrue(e.getMessage().contains("2D"), e.getMessage());
		}
		PlanSegmentationCommand c = command(temp);
		c.device = "TPU";
		assertThrows(SegKitException.class, c::run);
	}

	@Test
	void badFoldersGiveClearErrorsAndWriteNothing() throws IOException {
		Path out = temp.resolve("out");
		assertFolderError(temp.resolve("missing"), out, "does not exist");
		Path noLabels = Files.createDirectories(temp.resolve("nolabels/images"));
		Files.copy(Path.of("test-images/2d/images/nuclei2d-01.tif"), noLabels.resolve("a.tif"));
		assertFolderError(noLabels.getParent(), out, "labels");
		Path mismatched = temp.resolve("mismatched");
		Files.createDirectories(mismatched.resolve("images"));
		Files.createDirectories(mismatched.resolve("labels"));
		Files.copy(Path.of("test-images/2d/images/nuclei2d-01.tif"), mismatched.resolve("images/a.tif"));
		Files.copy(Path.of("test-images/2d/labels/nuclei2d-01.tif"), mismatched.resolve("labels/b.tif"));
		assertFolderError(mismatched, out, "b.tif");
		assertFalse(Files.exists(out), "nothing written");
	}

	private static void assertFolderError(Path folder, Path out, String expected) {
		PlanSegmentationCommand c = command(folder);
		c.outputFolder = out.toFile();
		SegKitException e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}

	/** A copy of two 2D test cases, the images saved with these units ("" = uncalibrated). */
	private Path folderWithUnits(String first, String second) throws IOException {
		Path folder = temp.resolve("units-" + first + "-" + second);
		Files.createDirectories(folder.resolve("images"));
		Files.createDirectories(folder.resolve("labels"));
		String[] units = { first, second };
		for (int i = 0; i < 2; i++) {
			String name = "nuclei2d-0" + (i + 1) + ".tif";
			ij.ImagePlus image = ij.IJ.openImage("test-images/2d/images/" + name);
			ij.measure.Calibration cal = image.getCalibration();
			if (units[i].isEmpty()) image.setCalibration(new ij.measure.Calibration());
			else cal.setUnit(units[i]);
			ij.IJ.saveAsTiff(image, folder.resolve("images/" + name).toString());
			Files.copy(Path.of("test-images/2d/labels/" + name), folder.resolve("labels/" + name));
		}
		return folder;
	}

	@Test
	void theSpacingSaysItsUnitAndMixedUnitsAreFlagged() throws IOException {
		PlanSegmentationCommand pixels = command(folderWithUnits("", ""));
		pixels.run();
		assertEquals("1 x 1 pixels", pixels.plans.getStringValue("Spacing", 0), "uncalibrated images");

		PlanSegmentationCommand micron = command(folderWithUnits("micron", "µm"));
		micron.run();
		assertEquals("0.5 x 0.5 µm", micron.plans.getStringValue("Spacing", 0), "ImageJ's 'micron' is µm");

		Path mixedFolder = folderWithUnits("µm", "nm");
		PlanSegmentationCommand mixed = command(mixedFolder);
		mixed.run();
		FolderPlanning.Result result = FolderPlanning.plan(mixedFolder, MemoryBudget.cpu(1),
			FolderPlanning.Changes.NONE, Progress.NONE);
		assertEquals("", PlanTables.spacingUnit(result));
		assertEquals("0.5 x 0.5", mixed.plans.getStringValue("Spacing", 0), "no single unit to show");
		String log = String.join("\n", PlanTables.log(result, "", null));
		assertTrue(log.contains("Warning: the images' voxel sizes are in different units (µm, nm)"), log);
	}

	@Test
	void automaticBudgetsFollowTheDevice() {
		assertEquals(8, PlanSegmentationCommand.budget("GPU", 0).gigabytes(), "the former label");
		assertEquals(MemoryBudget.Device.GPU, PlanSegmentationCommand.budget("GPU 1", 0).device(),
			"a GPU of another computer can be planned for");
		assertEquals(MemoryBudget.Device.CPU, PlanSegmentationCommand.budget("automatic", 0).device(),
			"automatic is the CPU with the CPU build");
		double cpu = PlanSegmentationCommand.budget("CPU", 0).gigabytes();
		assertTrue(cpu >= 1 && cpu <= 8, "" + cpu);
		assertEquals(3, PlanSegmentationCommand.budget("CPU", 3).gigabytes());
		assertThrows(SegKitException.class, () -> PlanSegmentationCommand.budget("CPU", -1));
		assertFalse(new File("test-images/2d/dataset.json").exists(), "the test folder stays untouched");
	}
}
