package io.segkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.TestProgress;
import io.segkit.SegKitException;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class LabelRoisTest {

	@TempDir
	Path folder;

	/**
	 * 20 x 16: label 1 a square ring (hole inside), label 2 in two pieces, label 3 one pixel on the
	 * border, label 4 diagonal pixels only (8-connected), label 5 touching label 1.
	 */
	static Labels tricky2D() {
		int w = 20, h = 16;
		int[] d = new int[w * h];
		for (int y = 2; y < 9; y++) for (int x = 2; x < 9; x++) if (x < 4 || x > 6 || y < 4 || y > 6) d[y * w + x] = 1;
		for (int y = 11; y < 14; y++) for (int x = 1; x < 4; x++) d[y * w + x] = 2;
		for (int y = 12; y < 15; y++) for (int x = 12; x < 17; x++) d[y * w + x] = 2;
		d[19] = 3;
		for (int k = 0; k < 4; k++) d[(2 + k) * w + 12 + k] = 4;
		d[5 * w + 9] = 5;
		d[5 * w + 10] = 5;
		return new Labels(d, w, h, 1, new Spacing(0.5, 0.5, 1, "µm"), 5);
	}

	/** The pixels a ROI covers, drawn on a blank w x h image. */
	static boolean[] covered(Roi roi, int w, int h) {
		ByteProcessor ip = new ByteProcessor(w, h);
		ip.setColor(255);
		ip.fill(roi);
		boolean[] inside = new boolean[w * h];
		byte[] p = (byte[]) ip.getPixels();
		for (int i = 0; i < inside.length; i++) inside[i] = p[i] != 0;
		return inside;
	}

	static boolean[] labelPixels(Labels labels, int l, int z) {
		int plane = labels.planeSize();
		boolean[] inside = new boolean[plane];
		for (int i = 0; i < plane; i++) inside[i] = labels.data()[z * plane + i] == l;
		return inside;
	}

	@Test
	void each2DRoiCoversExactlyItsLabel() {
		Labels labels = tricky2D();
		List<Roi> rois = LabelRois.toRois(labels, Progress.NONE);
		assertEquals(5, rois.size());
		for (int l = 1; l <= 5; l++) {
			Roi roi = rois.get(l - 1);
			assertEquals("label-000" + l, roi.getName());
			assertEquals(Integer.toString(l), roi.getProperty(LabelRois.LABEL_PROPERTY));
			assertEquals(0, roi.getPosition());
			assertArrayEquals(labelPixels(labels, l, 0), covered(roi, 20, 16), "label " + l);
		}
	}

	/** Two slices: label 7 in both (a ring in z=1), label 2 only in slice 2. */
	static Labels stack3D() {
		int w = 10, h = 9, d = 3;
		int[] data = new int[w * h * d];
		for (int y = 1; y < 6; y++) for (int x = 1; x < 6; x++) data[(0 * h + y) * w + x] = 7;
		for (int y = 1; y < 6; y++) for (int x = 1; x < 6; x++) if (x != 3 || y != 3) data[(1 * h + y) * w + x] = 7;
		data[(1 * h + 8) * w + 9] = 2;
		return new Labels(data, w, h, d, new Spacing(0.5, 0.5, 2, "µm"), 7);
	}

	@Test
	void roisOf3DLabelsArePerSliceNamedAndPositioned() {
		Labels labels = stack3D();
		List<Roi> rois = LabelRois.toRois(labels, Progress.NONE);
		List<String> names = new ArrayList<>();
		for (Roi r : rois) names.add(r.getName());
		assertEquals(List.of("label-0002-z002", "label-0007-z001", "label-0007-z002"), names);
		assertEquals(2, rois.get(0).getPosition());
		assertEquals(1, rois.get(1).getPosition());
		assertEquals(2, rois.get(2).getPosition());
		assertEquals("7", rois.get(2).getProperty("label"));
		assertArrayEquals(labelPixels(labels, 7, 1), covered(rois.get(2), 10, 9));
		assertArrayEquals(labelPixels(labels, 2, 1), covered(rois.get(0), 10, 9));
	}

	@Test
	void hyperstackRoisCarryChannelSliceAndFrame() {
		List<Roi> rois = LabelRois.toRois(stack3D(), new LabelRois.Position(1, 4, true), "-t004", Progress.NONE);
		Roi last = rois.get(2);
		assertEquals("label-0007-z002-t004", last.getName());
		assertTrue(last.hasHyperStackPosition());
		assertEquals(1, last.getCPosition());
		assertEquals(2, last.getZPosition());
		assertEquals(4, last.getTPosition());
	}

	@Test
	void overlayKeepsWhatWasThere() {
		ImagePlus image = tricky2D().toImage("labels");
		Overlay existing = new Overlay(new OvalRoi(1, 1, 3, 3));
		image.setOverlay(existing);
		List<Roi> rois = LabelRois.toRois(tricky2D(), Progress.NONE);
		LabelRois.addToOverlay(image, rois);
		assertEquals(6, image.getOverlay().size());
		assertEquals(OvalRoi.class, image.getOverlay().get(0).getClass());
		assertEquals("label-0005", image.getOverlay().get(5).getName());
	}

	@Test
	void zipIsReadableByImageJsRoiDecoder() throws IOException {
		Labels labels = stack3D();
		List<Roi> rois = LabelRois.toRois(labels, Progress.NONE);
		File written = LabelRois.saveZip(rois, folder.resolve("RoiSet").toFile(), Progress.NONE);
		assertEquals("RoiSet.zip", written.getName());
		List<Roi> read = readZip(written);
		assertEquals(3, read.size());
		for (int i = 0; i < 3; i++) {
			assertEquals(rois.get(i).getName(), read.get(i).getName());
			assertEquals(rois.get(i).getPosition(), read.get(i).getPosition());
			assertEquals(rois.get(i).getProperty("label"), read.get(i).getProperty("label"));
		}
		assertArrayEquals(labelPixels(labels, 7, 1), covered(read.get(2), 10, 9), "ring with hole survives the file");
		assertOnlyFiles("RoiSet.zip");
	}

	@Test
	void zipOf2DRoisWithHolesAndPiecesStaysExact() throws IOException {
		Labels labels = tricky2D();
		File written = LabelRois.saveZip(LabelRois.toRois(labels, Progress.NONE), folder.resolve("a.zip").toFile(),
			Progress.NONE);
		List<Roi> read = readZip(written);
		for (int l = 1; l <= 5; l++) assertArrayEquals(labelPixels(labels, l, 0), covered(read.get(l - 1), 20, 16));
	}

	static List<Roi> readZip(File file) throws IOException {
		List<Roi> rois = new ArrayList<>();
		try (ZipFile zip = new ZipFile(file)) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry e = entries.nextElement();
				assertTrue(e.getName().endsWith(".roi"));
				Roi roi = new RoiDecoder(zip.getInputStream(e).readAllBytes(), e.getName()).getRoi();
				assertNotNull(roi, e.getName());
				rois.add(roi);
			}
		}
		return rois;
	}

	/** For tests elsewhere: the ROIs in a RoiSet zip, read with ImageJ's RoiDecoder. */
	public static List<Roi> readZipForCommands(File file) throws IOException {
		return readZip(file);
	}

	private void assertOnlyFiles(String... names) throws IOException {
		try (var list = Files.list(folder)) {
			assertEquals(List.of(names), list.map(p -> p.getFileName().toString()).sorted().toList());
		}
	}

	@Test
	void failedOrCancelledSaveLeavesTheOldFileAndNoPartialFile() throws IOException {
		Path target = folder.resolve("RoiSet.zip");
		Files.writeString(target, "old content");
		List<Roi> rois = LabelRois.toRois(tricky2D(), Progress.NONE);
		Progress cancelled = TestProgress.cancelled();
		assertThrows(Cancelled.class, () -> LabelRois.saveZip(rois, target.toFile(), cancelled));
		List<Roi> duplicates = List.of(rois.get(0), rois.get(0)); // same entry name twice: the zip fails
		assertThrows(SegKitException.class, () -> LabelRois.saveZip(duplicates, target.toFile(), Progress.NONE));
		assertEquals("old content", Files.readString(target));
		assertOnlyFiles("RoiSet.zip");
	}

	@Test
	void badFileDestinationsAreRefusedBeforeWork() {
		SegKitException none = assertThrows(SegKitException.class, () -> LabelRois.zipTarget(null));
		assertTrue(none.getMessage().contains("No file"), none.getMessage());
		assertThrows(SegKitException.class, () -> LabelRois.zipTarget(new File("")));
		File missing = folder.resolve("no-such-folder").resolve("RoiSet.zip").toFile();
		SegKitException e = assertThrows(SegKitException.class, () -> LabelRois.zipTarget(missing));
		assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
		assertFalse(missing.getParentFile().exists());
	}

	@Test
	void roiManagerIsRefusedClearlyWhenHeadless() {
		assumeTrue(GraphicsEnvironment.isHeadless(), "only headless ImageJ lacks a ROI Manager");
		SegKitException e = assertThrows(SegKitException.class, () -> LabelRois.addToRoiManager(List.of(new Roi(0, 0,
			1, 1))));
		assertTrue(e.getMessage().contains("Overlay") && e.getMessage().contains("File"), e.getMessage());
	}

	@Test
	void roiManagerKeepsWhatTheUserHad() {
		assumeFalse(GraphicsEnvironment.isHeadless(), "the ROI Manager needs a display; skipped headless");
		RoiManager manager = RoiManager.getRoiManager();
		int start = manager.getCount();
		Roi mine = new Roi(1, 1, 2, 2);
		mine.setName("user-roi");
		manager.addRoi(mine);
		LabelRois.addToRoiManager(LabelRois.toRois(tricky2D(), Progress.NONE));
		assertEquals(start + 6, manager.getCount());
		assertEquals("user-roi", manager.getRoi(start).getName());
		assertEquals("label-0001", manager.getRoi(start + 1).getName());
		// remove only what this test added
		manager.setSelectedIndexes(java.util.stream.IntStream.range(start, start + 6).toArray());
		manager.runCommand("Delete");
		assertEquals(start, manager.getCount());
	}
}
