package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import io.segkit.Progress;
import io.segkit.SegKitException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelCommandsTest {

	@TempDir
	Path folder;

	/** A stack of the given bit depth whose voxel (x, y, z) holds value(x, y, z). */
	static ImagePlus stack(String title, int bits, int w, int h, int d, Voxel value) {
		ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			ImageProcessor ip = bits == 8 ? new ByteProcessor(w, h) : bits == 16 ? new ShortProcessor(w, h)
				: new FloatProcessor(w, h);
			for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) ip.putPixelValue(x, y, value.at(x, y, z));
			stack.addSlice(ip);
		}
		ImagePlus image = new ImagePlus(title, stack);
		image.getCalibration().pixelWidth = 0.5;
		image.getCalibration().pixelHeight = 0.5;
		image.getCalibration().pixelDepth = 2;
		image.getCalibration().setUnit("µm");
		return image;
	}

	interface Voxel {
		double at(int x, int y, int z);
	}

	/** 12 x 12 x 6: a 3x3x3 cube (13.5 µm³), a 2x2x2 cube (4 µm³), and a cube cut by the x border. */
	static double blobs(int x, int y, int z) {
		if (x >= 2 && x < 5 && y >= 2 && y < 5 && z >= 1 && z < 4) return 1;
		if (x >= 7 && x < 9 && y >= 7 && y < 9 && z >= 2 && z < 4) return 1;
		if (x < 3 && y >= 8 && y < 11 && z >= 1 && z < 4) return 1;
		return 0;
	}

	static Object[] pixelsCopy(ImagePlus image) {
		ImageStack s = image.getStack();
		Object[] copy = new Object[s.getSize()];
		for (int i = 1; i <= s.getSize(); i++) copy[i - 1] = s.getProcessor(i).duplicate().getPixels();
		return copy;
	}

	static void assertPixelsUnchanged(Object[] before, ImagePlus image) {
		for (int i = 1; i <= before.length; i++) {
			Object now = image.getStack().getPixels(i);
			if (now instanceof byte[] b) assertArrayEquals((byte[]) before[i - 1], b);
			else if (now instanceof short[] s) assertArrayEquals((short[]) before[i - 1], s);
			else assertArrayEquals((float[]) before[i - 1], (float[]) now);
		}
	}

	static int countValue(ImagePlus image, double v) {
		int n = 0;
		for (int i = 1; i <= image.getStackSize(); i++) {
			ImageProcessor ip = image.getStack().getProcessor(i);
			for (int p = 0; p < ip.getPixelCount(); p++) if (ip.getf(p) == v) n++;
		}
		return n;
	}

	ImagePlus connectedComponents(ImagePlus image, String conn, double min, boolean border) {
		ConnectedComponentsCommand c = new ConnectedComponentsCommand();
		c.image = image;
		c.connectivity = conn;
		c.minimumSize = min;
		c.excludeBorderObjects = border;
		c.progress = Progress.NONE;
		c.run();
		return c.result;
	}

	@Test
	void connectedComponentsForEveryBitDepth() {
		for (int bits : new int[] { 8, 16, 32 }) {
			ImagePlus input = stack("blobs", bits, 12, 12, 6, LabelCommandsTest::blobs);
			Object[] before = pixelsCopy(input);
			ImagePlus all = connectedComponents(input, "26", 0, false);
			assertEquals("blobs-labels", all.getTitle());
			assertEquals(16, all.getBitDepth());
			assertEquals(6, all.getNSlices());
			assertEquals(2, all.getCalibration().pixelDepth);
			assertEquals(3, (int) maxOf(all));
			ImagePlus filtered = connectedComponents(input, "6", 13.5, true);
			assertEquals(1, (int) maxOf(filtered), "only the 3x3x3 cube: 13.5 µm³, not on the border");
			assertEquals(27, countValue(filtered, 1));
			assertPixelsUnchanged(before, input);
		}
	}

	static double maxOf(ImagePlus image) {
		double max = 0;
		for (int i = 1; i <= image.getStackSize(); i++) max = Math.max(max, maxPixel(image.getStack().getProcessor(i)));
		return max;
	}

	/** Largest pixel value (getMax() of a 16-bit processor is its display maximum). */
	static double maxPixel(ImageProcessor ip) {
		double max = Double.NEGATIVE_INFINITY;
		for (int p = 0; p < ip.getPixelCount(); p++) max = Math.max(max, ip.getf(p));
		return max;
	}

	@Test
	void connectedComponentsOfAHyperstackLabelsEachFrame() {
		ImagePlus image = stack("t", 8, 6, 5, 4, (x, y, z) -> (z < 2 ? x == 1 || x == 4 : x == 2) ? 255 : 0);
		image.setDimensions(1, 2, 2);
		image.setOpenAsHyperStack(true);
		ImagePlus labels = connectedComponents(image, "6", 0, false);
		assertEquals(2, labels.getNFrames());
		assertEquals(2, labels.getNSlices());
		assertEquals(2, maxPixel(labels.getStack().getProcessor(labels.getStackIndex(1, 1, 1))), 1e-9);
		assertEquals(1, maxPixel(labels.getStack().getProcessor(labels.getStackIndex(1, 1, 2))), 1e-9);
		// a 2D connectivity on a stack links only within each slice: 2 columns x 2 slices in frame 1
		ImagePlus perSlice = connectedComponents(image, "4", 0, false);
		assertEquals(4, maxPixel(perSlice.getStack().getProcessor(perSlice.getStackIndex(1, 2, 1))), 1e-9);
	}

	@Test
	void rgbIsRefusedAndNothingIsCreated() {
		ImagePlus rgb = new ImagePlus("rgb", new ColorProcessor(4, 4));
		ConnectedComponentsCommand c = new ConnectedComponentsCommand();
		c.image = rgb;
		c.progress = Progress.NONE;
		SegKitException e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().contains("RGB"));
		assertNull(c.result);
		FilterLabelsCommand f = new FilterLabelsCommand();
		f.image = rgb;
		assertThrows(SegKitException.class, f::run);
	}

	static ImagePlus labelImage(int bits) {
		// label 3: 3x3x3 cube; label 9: 2x2x2 cube; label 5: touches the x border
		return stack("lab", bits, 12, 12, 6, (x, y, z) -> {
			if (blobs(x, y, z) == 0) return 0;
			return x < 3 && y >= 8 ? 5 : x < 5 ? 3 : 9;
		});
	}

	@Test
	void filterLabelsAndRelabelForEveryBitDepth() {
		for (int bits : new int[] { 8, 16, 32 }) {
			ImagePlus input = labelImage(bits);
			Object[] before = pixelsCopy(input);
			FilterLabelsCommand f = new FilterLabelsCommand();
			f.image = input;
			f.minimumSize = 4;
			f.maximumSize = 13.5;
			f.removeBorderLabels = true;
			f.progress = Progress.NONE;
			f.run();
			assertEquals("lab-filtered", f.result.getTitle());
			assertEquals(27, countValue(f.result, 3));
			assertEquals(8, countValue(f.result, 9));
			assertEquals(0, countValue(f.result, 5));

			RelabelCommand r = new RelabelCommand();
			r.image = f.result;
			r.progress = Progress.NONE;
			r.run();
			assertEquals("lab-filtered-relabeled", r.result.getTitle());
			assertEquals(27, countValue(r.result, 1));
			assertEquals(8, countValue(r.result, 2));
			r.order = "First appearance";
			r.image = input;
			r.run();
			assertEquals(27, countValue(r.result, 1), "the cube at z=1, y=2 comes first");
			assertEquals(27, countValue(r.result, 2), "then the border cube at z=1, y=8");
			assertEquals(8, countValue(r.result, 3));
			assertPixelsUnchanged(before, input);
		}
	}

	@Test
	void minimumAboveMaximumIsRefused() {
		FilterLabelsCommand f = new FilterLabelsCommand();
		f.image = labelImage(16);
		f.minimumSize = 20;
		f.maximumSize = 10;
		SegKitException e = assertThrows(SegKitException.class, f::run);
		assertTrue(e.getMessage().contains("larger than the maximum"));
		assertNull(f.result);
	}

	@Test
	void floatLabelImagesWithNegativeOrFractionalValuesAreRefused() {
		for (double bad : new double[] { -1, 2.5, Double.NaN }) {
			ImagePlus image = stack("bad", 32, 5, 4, 2, (x, y, z) -> x == 3 && z == 1 ? bad : x);
			Object[] before = pixelsCopy(image);
			Roi roi = new Roi(1, 1, 2, 2);
			image.setRoi(roi);
			LabelMeasurementsCommand m = new LabelMeasurementsCommand();
			m.image = image;
			m.progress = Progress.NONE;
			SegKitException e = assertThrows(SegKitException.class, m::run);
			assertTrue(e.getMessage().contains("not a label image"), e.getMessage());
			assertNull(m.table);
			LabelsToRoisCommand r = new LabelsToRoisCommand();
			r.image = image;
			r.destination = "Overlay";
			assertThrows(SegKitException.class, r::run);
			assertNull(image.getOverlay());
			assertSame(roi, image.getRoi());
			assertPixelsUnchanged(before, image);
		}
	}

	@Test
	void measurementsTableWithIntensityAndFrames() {
		ImagePlus labels = labelImage(16);
		ImagePlus intensity = stack("raw", 32, 12, 12, 6, (x, y, z) -> x + 10 * y + 100 * z);
		LabelMeasurementsCommand m = new LabelMeasurementsCommand();
		m.image = labels;
		m.intensity = intensity;
		m.progress = Progress.NONE;
		m.run();
		ResultsTable t = m.table;
		assertEquals(3, t.size());
		assertEquals(3, t.getValue("Label", 0));
		assertEquals(13.5, t.getValue("Volume (µm³)", 0), 1e-12);
		assertEquals(3 + 30 + 200, t.getValue("Mean", 0), 1e-9);
		assertFalse(t.columnExists("Frame"));

		ImagePlus small = stack("small", 8, 5, 5, 6, (x, y, z) -> 1);
		m.intensity = small;
		m.table = null;
		SegKitException e = assertThrows(SegKitException.class, m::run);
		assertTrue(e.getMessage().contains("same width"), e.getMessage());
		assertNull(m.table);
	}

	@Test
	void timeFramesAreMeasuredAndTracedOneByOne() {
		ImagePlus labels = stack("movie", 16, 6, 5, 4, (x, y, z) -> x == 1 && y == 1 ? 1 : x == 4 && z >= 2 ? 2 : 0);
		labels.setDimensions(1, 1, 4);
		labels.setOpenAsHyperStack(true);
		LabelMeasurementsCommand m = new LabelMeasurementsCommand();
		m.image = labels;
		m.progress = Progress.NONE;
		m.run();
		assertEquals(1 + 1 + 2 + 2, m.table.size());
		assertEquals(3, m.table.getValue("Frame", 2));
		assertEquals(2, m.table.getValue("Label", 3));
		assertEquals(5 * 0.25, m.table.getValue("Area (µm²)", 3), 1e-12);

		LabelsToRoisCommand r = new LabelsToRoisCommand();
		r.image = labels;
		r.destination = "Overlay";
		r.progress = Progress.NONE;
		r.run();
		Roi last = labels.getOverlay().get(labels.getOverlay().size() - 1);
		assertEquals("label-0002-t004", last.getName());
		assertEquals(4, last.getTPosition());
	}

	@Test
	void emptyLabelImageGivesAnEmptyMeasurementTableButNoRois() {
		ImagePlus empty = stack("empty", 16, 6, 6, 3, (x, y, z) -> 0);
		LabelMeasurementsCommand m = new LabelMeasurementsCommand();
		m.image = empty;
		m.progress = Progress.NONE;
		m.run();
		assertEquals(0, m.table.size());
		assertTrue(m.table.columnExists("Volume (µm³)"));
		LabelsToRoisCommand r = new LabelsToRoisCommand();
		r.image = empty;
		r.destination = "Overlay";
		r.progress = Progress.NONE;
		SegKitException e = assertThrows(SegKitException.class, r::run);
		assertTrue(e.getMessage().contains("no labels"));
		assertNull(empty.getOverlay());
	}

	@Test
	void labelsToRoisOverlayAndFile() throws IOException {
		ImagePlus labels = labelImage(32);
		Object[] before = pixelsCopy(labels);
		LabelsToRoisCommand r = new LabelsToRoisCommand();
		r.image = labels;
		r.destination = "Overlay";
		r.progress = Progress.NONE;
		r.run();
		assertEquals(3 + 3 + 2, labels.getOverlay().size(), "3 slices each for labels 3 and 5, 2 for label 9");
		assertEquals("label-0003-z002", labels.getOverlay().get(0).getName());
		assertEquals(2, labels.getOverlay().get(0).getPosition());
		assertPixelsUnchanged(before, labels);

		r.destination = "File";
		r.roiFile = folder.resolve("cells").toFile();
		r.run();
		File zip = folder.resolve("cells.zip").toFile();
		assertTrue(zip.isFile());
		assertEquals(8, io.segkit.image.LabelRoisTest.readZipForCommands(zip).size());
	}

	@Test
	void badFileDestinationsChangeNothing() throws IOException {
		ImagePlus labels = labelImage(16);
		Path existing = folder.resolve("keep.zip");
		Files.writeString(existing, "user file");
		LabelsToRoisCommand r = new LabelsToRoisCommand();
		r.image = labels;
		r.destination = "File";
		r.progress = Progress.NONE;
		SegKitException none = assertThrows(SegKitException.class, r::run);
		assertTrue(none.getMessage().contains("No file"), none.getMessage());
		r.roiFile = folder.resolve("missing").resolve("keep.zip").toFile();
		SegKitException missing = assertThrows(SegKitException.class, r::run);
		assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
		assertEquals("user file", Files.readString(existing));
		try (var list = Files.list(folder)) {
			assertEquals(List.of("keep.zip"), list.map(p -> p.getFileName().toString()).toList());
		}
	}
}
