package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.LabelImages;
import io.segkit.image.Volume;

import java.io.File;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label images from outlines: the way back from Labels to ROIs, classes from groups, and bad ROIs refused. */
class RoisToLabelImageCommandTest {

	@TempDir
	Path dir;

	/** Four round objects (smaller away from slice 3 in a stack), numbered by Connected Components. */
	private static ImagePlus labelImage(int depth) {
		int[][] centres = { {10, 8}, {30, 8}, {12, 22}, {28, 21} };
		ImagePlus blobs = LabelCommandsTest.stack("cells", 8, 40, 30, depth, (x, y, z) -> {
			for (int[] c : centres) if (Math.hypot(x - c[0], y - c[1]) <= 5 - Math.abs(z - 2) * 0.8) return 255;
			return 0;
		});
		ConnectedComponentsCommand cc = new ConnectedComponentsCommand();
		cc.image = blobs;
		cc.progress = Progress.NONE;
		cc.run();
		return cc.result;
	}

	private static RoisToLabelImageCommand command(ImagePlus image, String source) {
		RoisToLabelImageCommand c = new RoisToLabelImageCommand();
		c.image = image;
		c.source = source;
		c.progress = Progress.NONE;
		return c;
	}

	private static int[] labelsOf(ImagePlus image) {
		return LabelImages.read(Volume.of(image, 1, 1));
	}

	@Test
	void labelsToRoisAndBackGiveTheSameLabelImageIn2DAnd3D() {
		for (int depth : new int[] { 1, 6 }) {
			ImagePlus labels = labelImage(depth);
			assertTrue(labels.getStatistics().max >= 2, "the test needs several objects");
			File zip = dir.resolve("rois-" + depth + ".zip").toFile();
			LabelsToRoisCommand out = new LabelsToRoisCommand();
			out.image = labels;
			out.destination = LabelsToRoisCommand.FILE;
			out.roiFile = zip;
			out.progress = Progress.NONE;
			out.run();
			RoisToLabelImageCommand back = command(labels, RoisToLabelImageCommand.FILE);
			back.roiFile = zip;
			back.run();
			assertArrayEquals(labelsOf(labels), labelsOf(back.result), "depth " + depth);
			assertEquals("cells-labels-roi-labels", back.result.getTitle());
			assertEquals(depth, back.result.getNSlices());
		}
	}

	/** In a sparse label image the not-annotated voxels (65535) are no object, so Labels to ROIs makes no ROI of them. */
	@Test
	void labelsToRoisLeavesOutTheNotAnnotatedVoxels() {
		ImagePlus labels = labelImage(1);
		ij.process.ImageProcessor dense = labels.getProcessor();
		ij.process.ShortProcessor sparse = new ij.process.ShortProcessor(dense.getWidth(), dense.getHeight());
		for (int y = 0; y < dense.getHeight(); y++) for (int x = 0; x < dense.getWidth(); x++) {
			int v = (int) dense.getf(x, y);
			sparse.set(x, y, v == 0 && x >= 20 ? io.segkit.dataset.LabelMode.NOT_ANNOTATED_16BIT : v);
		}
		ImagePlus image = new ImagePlus("sparse", sparse);
		LabelsToRoisCommand out = new LabelsToRoisCommand();
		out.image = image;
		out.destination = LabelsToRoisCommand.OVERLAY;
		out.progress = Progress.NONE;
		out.run();
		assertEquals(4, image.getOverlay().size(), "the four objects, nothing for the not-annotated half");
	}

	@Test
	void groupsAreClassesAndARoiWithoutAPositionCoversEverySlice() {
		ImagePlus image = LabelCommandsTest.stack("raw", 8, 40, 30, 3, (x, y, z) -> x);
		Overlay overlay = new Overlay();
		Roi nucleus = new OvalRoi(2, 2, 10, 10);
		nucleus.setGroup(1);
		Roi cell = new Roi(20, 5, 10, 10);
		cell.setGroup(2);
		cell.setPosition(2); // slice 2 only
		overlay.add(nucleus);
		overlay.add(cell);
		image.setOverlay(overlay);
		RoisToLabelImageCommand c = command(image, RoisToLabelImageCommand.OVERLAY);
		c.labels = RoisToLabelImageCommand.CLASSES;
		c.run();
		int[] labels = labelsOf(c.result);
		int plane = 40 * 30;
		for (int z = 0; z < 3; z++) {
			assertEquals(1, labels[z * plane + 7 * 40 + 7], "the oval on slice " + (z + 1));
			assertEquals(z == 1 ? 2 : 0, labels[z * plane + 10 * 40 + 25], "the rectangle only on slice 2");
		}
		assertEquals(0, labels[2 * 40 + 2], "outside the oval's corner");
		assertSame(overlay, image.getOverlay());
		assertEquals(2, overlay.size());
	}

	@Test
	void overlappingRoisGoToTheLaterOneAndEachRoiIsAnObject() {
		ImagePlus image = LabelCommandsTest.stack("raw", 8, 30, 20, 1, (x, y, z) -> x);
		Overlay overlay = new Overlay(new Roi(0, 0, 10, 10));
		overlay.add(new Roi(5, 5, 10, 10));
		image.setOverlay(overlay);
		RoisToLabelImageCommand c = command(image, RoisToLabelImageCommand.OVERLAY);
		c.run();
		int[] labels = labelsOf(c.result);
		assertEquals(1, labels[2 * 30 + 2]);
		assertEquals(2, labels[7 * 30 + 7], "the overlap belongs to the later ROI");
		assertEquals(2, labels[12 * 30 + 12]);
	}

	@Test
	void badRoisAndMissingSourcesAreRefusedAndNothingIsMade() {
		ImagePlus image = LabelCommandsTest.stack("raw", 8, 30, 20, 2, (x, y, z) -> x);
		Object[] before = LabelCommandsTest.pixelsCopy(image);
		RoisToLabelImageCommand empty = command(image, RoisToLabelImageCommand.OVERLAY);
		assertTrue(assertThrows(SegKitException.class, empty::run).getMessage().startsWith("There are no ROIs in the "
			+ "Overlay."));
		image.setOverlay(new Overlay(new Line(1, 1, 10, 10)));
		String line = assertThrows(SegKitException.class, command(image, RoisToLabelImageCommand.OVERLAY)::run)
			.getMessage();
		assertTrue(line.contains("is a straight line, not an area"), line);
		Roi noGroup = new Roi(1, 1, 5, 5);
		noGroup.setName("first");
		image.setOverlay(new Overlay(noGroup));
		RoisToLabelImageCommand classes = command(image, RoisToLabelImageCommand.OVERLAY);
		classes.labels = RoisToLabelImageCommand.CLASSES;
		assertTrue(assertThrows(SegKitException.class, classes::run).getMessage().startsWith("ROI 'first' has no "
			+ "group"));
		Roi deep = new Roi(1, 1, 5, 5);
		deep.setPosition(9);
		image.setOverlay(new Overlay(deep));
		assertTrue(assertThrows(SegKitException.class, command(image, RoisToLabelImageCommand.OVERLAY)::run)
			.getMessage().contains("lies on slice 9 but the image has 2"));
		RoisToLabelImageCommand file = command(image, RoisToLabelImageCommand.FILE);
		file.roiFile = dir.resolve("missing.zip").toFile();
		assertTrue(assertThrows(SegKitException.class, file::run).getMessage().contains("does not exist"));
		LabelCommandsTest.assertPixelsUnchanged(before, image);
		assertEquals(null, file.result);
	}
}
