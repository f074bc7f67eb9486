package io.segkit.command;

import static org.junit.jupiter.api.Assertions.*;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import io.segkit.SegKitException;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The four classic commands: outputs, and every bad input refused with a message and nothing changed. */
class ClassicCommandsTest {

	/** Two touching discs (255) on 0, 41x25, with a calibration. */
	private static ImagePlus discs() {
		int w = 41, h = 25;
		ByteProcessor ip = new ByteProcessor(w, h);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			if (Math.hypot(x - 12, y - 12) <= 9 || Math.hypot(x - 28, y - 12) <= 9) ip.set(x, y, 255);
		}
		ImagePlus imp = new ImagePlus("nuclei", ip);
		Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 0.5;
		cal.setUnit("um");
		imp.setCalibration(cal);
		return imp;
	}

	/** A 3D 16-bit stack (20x12x6) with two bright cubes of different intensity on 10. */
	private static ImagePlus cubes() {
		ImageStack stack = new ImageStack(20, 12);
		for (int z = 0; z < 6; z++) {
			ImageProcessor ip = new ij.process.ShortProcessor(20, 12);
			ip.setValue(10);
			ip.fill();
			if (z >= 1 && z <= 4) for (int y = 3; y < 9; y++) {
				for (int x = 2; x < 8; x++) ip.set(x, y, 500);
				for (int x = 12; x < 18; x++) ip.set(x, y, 900);
			}
			stack.addSlice(ip);
		}
		return new ImagePlus("cubes", stack);
	}

	private static Object snapshot(ImagePlus imp) {
		Object[] copy = new Object[imp.getStackSize()];
		for (int i = 0; i < copy.length; i++) copy[i] = imp.getStack().getProcessor(i + 1).duplicate().getPixels();
		return copy;
	}

	private static void assertUnchanged(Object before, ImagePlus imp) {
		Object[] b = (Object[]) before;
		for (int i = 0; i < b.length; i++) {
			Object now = imp.getStack().getPixels(i + 1);
			if (now instanceof byte[]) assertArrayEquals((byte[]) b[i], (byte[]) now);
			else if (now instanceof short[]) assertArrayEquals((short[]) b[i], (short[]) now);
			else if (now instanceof float[]) assertArrayEquals((float[]) b[i], (float[]) now);
			else assertArrayEquals((int[]) b[i], (int[]) now);
		}
	}

	private static void assertRefused(Runnable run, ImagePlus input, String... words) {
		Object before = snapshot(input);
		Roi roi = input.getRoi();
		String roiText = roi == null ? null : Arrays.toString(roi.getFloatPolygon().xpoints);
		SegKitException e = assertThrows(SegKitException.class, run::run);
		for (String w : words) assertTrue(e.getMessage().toLowerCase().contains(w.toLowerCase()), e
			.getMessage());
		assertUnchanged(before, input);
		assertSame(roi, input.getRoi());
		if (roi != null) assertEquals(roiText, Arrays.toString(roi.getFloatPolygon().xpoints));
	}

	private static SeededWatershedCommand watershed(ImagePlus image) {
		SeededWatershedCommand c = new SeededWatershedCommand();
		c.image = image;
		return c;
	}

	private static RegionGrowingCommand growing(ImagePlus image) {
		RegionGrowingCommand c = new RegionGrowingCommand();
		c.image = image;
		return c;
	}

	@Test
	void distanceTransformGivesCalibratedDistances() {
		ImagePlus imp = discs();
		DistanceTransformCommand c = new DistanceTransformCommand();
		c.image = imp;
		c.run();
		assertEquals("nuclei-distance", c.result.getTitle());
		assertEquals(32, c.result.getBitDepth());
		assertEquals(0.5, c.result.getCalibration().pixelWidth);
		// Nearest 0 to the disc centre (12,12) is (3,11): hypot(9,1) > 9 lies outside; 0.5 um pixels.
		assertEquals(0.5 * Math.sqrt(82), c.result.getProcessor().getf(12, 12), 1e-5);
		assertEquals(0, c.result.getProcessor().getf(0, 0));
	}

	@Test
	void distanceTransformRefusesRgbAllZeroAndAllForeground() {
		ImagePlus rgb = new ImagePlus("rgb", new ColorProcessor(5, 5));
		DistanceTransformCommand c = new DistanceTransformCommand();
		c.image = rgb;
		assertRefused(c::run, rgb, "RGB", "split");
		ImagePlus zero = new ImagePlus("empty", new ByteProcessor(5, 5));
		c.image = zero;
		assertRefused(c::run, zero, "no objects", "threshold");
		ByteProcessor full = new ByteProcessor(5, 5);
		full.setValue(255);
		full.fill();
		ImagePlus all = new ImagePlus("full", full);
		c.image = all;
		assertRefused(c::run, all, "no background");
		assertNull(c.result);
	}

	@Test
	void distanceWatershedIsRefusedBeforeStartingWhenMemoryIsShort() throws Exception {
		ImagePlus imp = discs();
		DistanceWatershedCommand c = new DistanceWatershedCommand();
		c.image = imp;
		try (AutoCloseable fake = io.segkit.image.ImageChecks.pretendAvailableMemory(1024)) {
			String m = org.junit.jupiter.api.Assertions.assertThrows(io.segkit.SegKitException.class, c::run)
				.getMessage();
			assertTrue(m.startsWith("Distance Watershed needs about 3 KB for this 41x25 image but Fiji has 1 KB " +
				"free. Give Fiji more memory (Edit > Options > Memory & Threads...)"), m);
		}
		assertEquals(null, c.result);
	}

	@Test
	void distanceWatershedSplitsTouchingDiscsIntoTwoLabels() {
		ImagePlus imp = discs();
		DistanceWatershedCommand c = new DistanceWatershedCommand();
		c.image = imp;
		c.dynamic = 0.5; // calibrated units (um)
		c.connectivity = "8";
		c.run();
		assertEquals("nuclei-split", c.result.getTitle());
		ImageProcessor ip = c.result.getProcessor();
		assertEquals(2, (int) ip.getStatistics().max);
		assertNotEquals(ip.get(12, 12), ip.get(28, 12));
		assertEquals(0.5, c.result.getCalibration().pixelWidth);
		ByteProcessor full = new ByteProcessor(5, 5);
		full.setValue(1);
		full.fill();
		ImagePlus all = new ImagePlus("full", full);
		c.image = all;
		assertRefused(c::run, all, "no background");
	}

	@Test
	void watershedFromPointsIn3DSeparatesTheCubes() {
		ImagePlus imp = cubes();
		PointRoi points = new PointRoi();
		points.addPoint(4, 5, 3); // stack position 3 = z index 2
		points.addPoint(15, 6, 4);
		imp.setRoi(points);
		SeededWatershedCommand c = watershed(imp);
		c.markers = SeededWatershedCommand.POINTS;
		c.landscape = SeededWatershedCommand.BRIGHT;
		c.run();
		assertEquals("cubes-watershed", c.result.getTitle());
		assertEquals(6, c.result.getNSlices());
		ImageStack out = c.result.getStack();
		assertEquals(1, (int) out.getVoxel(4, 5, 2));
		assertEquals(1, (int) out.getVoxel(2, 3, 1));
		assertEquals(2, (int) out.getVoxel(17, 8, 4));
		assertSame(points, imp.getRoi());
	}

	@Test
	void automaticWatershedOnIntensityFindsBothCubes() {
		SeededWatershedCommand c = watershed(cubes());
		c.dynamic = 50;
		c.run();
		ImageStack out = c.result.getStack();
		assertNotEquals(out.getVoxel(4, 5, 2), out.getVoxel(15, 5, 2));
	}

	@Test
	void watershedRefusesBadInput() {
		ImagePlus rgb = new ImagePlus("rgb", new ColorProcessor(5, 5));
		assertRefused(watershed(rgb)::run, rgb, "RGB");
		ImagePlus constant = new ImagePlus("flat", new ByteProcessor(5, 5));
		assertRefused(watershed(constant)::run, constant, "same value");
		FloatProcessor fp = new FloatProcessor(5, 5);
		fp.setf(2, 2, Float.NaN);
		fp.setf(1, 1, 3);
		fp.setf(3, 3, Float.POSITIVE_INFINITY);
		ImagePlus infinite = new ImagePlus("infinite", fp);
		assertRefused(watershed(infinite)::run, infinite, "+Infinity at x=3, y=3");

		ImagePlus imp = cubes();
		SeededWatershedCommand c = watershed(imp);
		c.markers = SeededWatershedCommand.MARKER_IMAGE;
		assertRefused(c::run, imp, "No marker image");
		c.markerImage = new ImagePlus("small", new ByteProcessor(5, 5));
		assertRefused(c::run, imp, "same width");
		c.markerImage = cubes();
		c.markerImage.setTitle("zeros");
		for (int i = 1; i <= 6; i++) c.markerImage.getStack().getProcessor(i).set(0);
		assertRefused(c::run, imp, "empty", "zeros");
		ImageStack fractional = new ImageStack(20, 12);
		for (int i = 0; i < 6; i++) fractional.addSlice(new FloatProcessor(20, 12));
		fractional.getProcessor(2).setf(3, 3, 0.5f);
		c.markerImage = new ImagePlus("fractions", fractional);
		assertRefused(c::run, imp, "0.5", "whole");

		c.markerImage = null;
		c.markers = SeededWatershedCommand.POINTS;
		assertRefused(c::run, imp, "no point selection", "Multi-point");
		imp.setRoi(new Roi(1, 1, 4, 4));
		assertRefused(c::run, imp, "no point selection");
		PointRoi outside = new PointRoi();
		outside.addPoint(4, 5, 6);
		outside.addPoint(40, 5, 6);
		imp.setRoi(outside);
		assertRefused(c::run, imp, "outside the image");

		c.markers = SeededWatershedCommand.AUTOMATIC;
		imp.deleteRoi();
		c.mask = new ImagePlus("small mask", new ByteProcessor(20, 12));
		assertRefused(c::run, imp, "mask", "same width");
		ImagePlus emptyMask = cubes();
		for (int i = 1; i <= 6; i++) emptyMask.getStack().getProcessor(i).set(0);
		c.mask = emptyMask;
		assertRefused(c::run, imp, "mask is empty");
		assertNull(c.result);
	}

	@Test
	void watershedOnDistanceRefusesAllForeground() {
		ByteProcessor full = new ByteProcessor(6, 6);
		full.setValue(255);
		full.fill();
		ImagePlus all = new ImagePlus("full", full);
		SeededWatershedCommand c = watershed(all);
		c.landscape = SeededWatershedCommand.DISTANCE;
		assertRefused(c::run, all, "no background");
	}

	@Test
	void regionGrowingFromPointsKeepsEachCube() {
		ImagePlus imp = cubes();
		PointRoi points = new PointRoi();
		points.addPoint(4, 5, 3);
		points.addPoint(15, 6, 4);
		imp.setRoi(points);
		RegionGrowingCommand c = growing(imp);
		c.tolerance = 50;
		c.run();
		assertEquals("cubes-regions", c.result.getTitle());
		ImageStack out = c.result.getStack();
		assertEquals(1, (int) out.getVoxel(2, 3, 1));
		assertEquals(2, (int) out.getVoxel(17, 8, 4));
		assertEquals(0, (int) out.getVoxel(10, 5, 2));
		assertEquals(0, (int) out.getVoxel(4, 5, 0));
	}

	@Test
	void regionGrowingComparesWithTheRegionMeanUnlessAskedForTheSeedValue() {
		// a ramp inside the left cube: 500 + 40 per voxel along x; the seed at x = 2 (500)
		ImagePlus imp = cubes();
		for (int z = 2; z <= 5; z++) for (int y = 4; y < 10; y++) for (int x = 3; x < 9; x++)
			imp.getStack().getProcessor(z).set(x - 1, y - 1, 500 + 40 * (x - 3));
		PointRoi points = new PointRoi();
		points.addPoint(2, 5, 3);
		imp.setRoi(points);
		RegionGrowingCommand c = growing(imp);
		assertEquals(RegionGrowingCommand.REGION_MEAN, c.compareWith, "the default: recorded macros keep their result");
		c.tolerance = 130;
		c.run();
		ImageStack adaptive = c.result.getStack();
		assertEquals(1, (int) adaptive.getVoxel(7, 5, 2), "the mean follows the ramp up to 700");
		c.compareWith = RegionGrowingCommand.SEED_VALUE;
		c.run();
		ImageStack fixed = c.result.getStack();
		for (int x = 0; x < 20; x++) assertEquals(x >= 2 && x <= 5 ? 1 : 0, (int) fixed.getVoxel(x, 5, 2),
			"within 130 of the seed's 500: x = 2 to 5 (x = " + x + ")");
		c.compareWith = "Seed value (FIXED, like a flood fill)";
		c.run();
		assertArrayEquals((short[]) fixed.getPixels(3), (short[]) c.result.getStack().getPixels(3), "any case");
		c.compareWith = "Seed";
		assertRefused(c::run, imp, "Compare with", "Region mean (adaptive)");
	}

	@Test
	void regionGrowingRefusesBadInput() {
		ImagePlus rgb = new ImagePlus("rgb", new ColorProcessor(5, 5));
		assertRefused(growing(rgb)::run, rgb, "RGB");
		ImagePlus constant = new ImagePlus("flat", new ByteProcessor(5, 5));
		assertRefused(growing(constant)::run, constant, "same value");
		ImagePlus imp = cubes();
		RegionGrowingCommand c = growing(imp);
		assertRefused(c::run, imp, "no point selection");
		imp.setRoi(new PointRoi());
		assertRefused(c::run, imp, "no point selection");
		c.seeds = RegionGrowingCommand.SEED_IMAGE;
		c.seedImage = new ImagePlus("small", new ByteProcessor(5, 5));
		assertRefused(c::run, imp, "seed image", "same width");
		ImagePlus zeros = cubes();
		zeros.setTitle("zeros");
		for (int i = 1; i <= 6; i++) zeros.getStack().getProcessor(i).set(0);
		c.seedImage = zeros;
		assertRefused(c::run, imp, "empty");
		c.seeds = RegionGrowingCommand.MAXIMA;
		c.tolerance = -1;
		assertRefused(c::run, imp, "tolerance");
		assertNull(c.result);
	}

	@Test
	void framesAreProcessedOneByOne() {
		ImageStack stack = new ImageStack(41, 25);
		ImagePlus one = discs();
		stack.addSlice(one.getProcessor().duplicate());
		ByteProcessor single = new ByteProcessor(41, 25);
		for (int y = 5; y < 15; y++) for (int x = 5; x < 15; x++) single.set(x, y, 255);
		stack.addSlice(single);
		ImagePlus movie = new ImagePlus("movie", stack);
		movie.setDimensions(1, 1, 2);
		DistanceWatershedCommand c = new DistanceWatershedCommand();
		c.image = movie;
		c.run();
		assertEquals(2, c.result.getNFrames());
		ImageProcessor first = c.result.getStack().getProcessor(1), second = c.result.getStack().getProcessor(2);
		assertNotEquals(first.get(12, 12), first.get(28, 12));
		assertEquals(1, second.get(10, 10));
		assertEquals(0, second.get(20, 20));
	}
}
