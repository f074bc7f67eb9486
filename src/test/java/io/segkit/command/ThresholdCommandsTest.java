package io.segkit.command;

import io.segkit.image.Titles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.AutoThresholder;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import io.segkit.SegKitException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ThresholdCommandsTest {

	private static final int W = 24, H = 16, C = 2, Z = 3, T = 2;

	/**
	 * A 16-bit hyperstack "blobs.gif": channel 1 has a bright square (x 4..11, y 4..11) at 3000 and a
	 * second square (x 16..19, y 4..7) at 3000 on 1000; channel 2 the opposite contrast; frame 2 is frame
	 * 1 plus 500.
	 */
	private static ImagePlus hyperstack() {
		ImageStack stack = new ImageStack(W, H);
		for (int t = 0; t < T; t++) {
			for (int z = 0; z < Z; z++) {
				for (int c = 0; c < C; c++) {
					short[] p = new short[W * H];
					for (int y = 0; y < H; y++) {
						for (int x = 0; x < W; x++) {
							boolean inside = (x >= 4 && x < 12 && y >= 4 && y < 12) || (x >= 16 && x < 20 && y >= 4 && y < 8);
							int v = c == 0 ? (inside ? 3000 : 1000) : (inside ? 200 : 800);
							p[y * W + x] = (short) (v + 500 * t + z);
						}
					}
					stack.addSlice(new ShortProcessor(W, H, p, null));
				}
			}
		}
		ImagePlus image = new ImagePlus("blobs.gif", stack);
		image.setDimensions(C, Z, T);
		image.setOpenAsHyperStack(true);
		Calibration cal = image.getCalibration();
		cal.pixelWidth = 0.5;
		cal.pixelHeight = 0.5;
		cal.pixelDepth = 2;
		cal.setUnit("um");
		cal.frameInterval = 3;
		return image;
	}

	private static List<Object> pixels(ImagePlus image) {
		List<Object> copy = new ArrayList<>();
		for (int i = 1; i <= image.getStackSize(); i++) copy.add(((short[]) image.getStack().getPixels(i)).clone());
		return copy;
	}

	private static void assertUnchanged(List<Object> before, ImagePlus image) {
		for (int i = 1; i <= image.getStackSize(); i++) assertArrayEquals((short[]) before.get(i - 1), (short[]) image
			.getStack().getPixels(i));
	}

	private static boolean inSquare(int x, int y) {
		return (x >= 4 && x < 12 && y >= 4 && y < 12) || (x >= 16 && x < 20 && y >= 4 && y < 8);
	}

	private static void assertShape(ImagePlus out, String title, int bitDepth) {
		assertEquals(title, out.getTitle());
		assertEquals(bitDepth, out.getBitDepth());
		assertEquals(1, out.getNChannels());
		assertEquals(Z, out.getNSlices());
		assertEquals(T, out.getNFrames());
		Calibration cal = out.getCalibration();
		assertEquals(0.5, cal.pixelWidth);
		assertEquals(2, cal.pixelDepth);
		assertEquals(hyperstack().getCalibration().getUnit(), cal.getUnit());
		assertEquals(3, cal.frameInterval);
	}

	@Test
	void methodChoicesAreAllOfImageJsMethods() throws Exception {
		String[] choices = AutoThresholdCommand.class.getDeclaredField("method").getAnnotation(
			org.scijava.plugin.Parameter.class).choices();
		assertArrayEquals(AutoThresholder.getMethods(), choices);
	}

	@Test
	void autoThresholdMaskKeepsFramesCalibrationAndLogsThresholds() {
		ImagePlus image = hyperstack();
		List<Object> before = pixels(image);
		AutoThresholdCommand cmd = new AutoThresholdCommand();
		cmd.image = image;
		cmd.method = "Otsu";
		cmd.run();
		ImagePlus out = cmd.result;
		assertShape(out, "blobs-mask", 8);
		for (int t = 1; t <= T; t++) {
			for (int z = 1; z <= Z; z++) {
				ImageProcessor ip = out.getStack().getProcessor(out.getStackIndex(1, z, t));
				for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) assertEquals(inSquare(x, y) ? 255 : 0, ip.get(x,
					y));
			}
		}
		assertEquals(T, cmd.thresholds.length);
		assertEquals(1, cmd.thresholds[0].length);
		assertTrue(cmd.thresholds[1][0][0] > cmd.thresholds[0][0][0], "frame 2 is brighter");
		assertUnchanged(before, image);
	}

	@Test
	void autoThresholdDarkObjectsOnChannelTwoAsLabelsPerSlice() {
		ImagePlus image = hyperstack();
		AutoThresholdCommand cmd = new AutoThresholdCommand();
		cmd.image = image;
		cmd.method = "Li";
		cmd.objects = "Dark";
		cmd.channel = 2;
		cmd.histogram = "Each slice";
		cmd.output = "Labels";
		cmd.connectivity = "6";
		cmd.run();
		ImagePlus out = cmd.result;
		assertShape(out, "blobs-labels", 16);
		assertEquals(Z, cmd.thresholds[0].length);
		for (int t = 1; t <= T; t++) {
			ImageProcessor ip = out.getStack().getProcessor(out.getStackIndex(1, 2, t));
			assertEquals(1, ip.get(5, 5));
			assertEquals(2, ip.get(17, 5));
			assertEquals(0, ip.get(0, 0));
		}
	}

	@Test
	void manualThresholdAndItsBadBounds() {
		ImagePlus image = hyperstack();
		List<Object> before = pixels(image);
		ManualThresholdCommand cmd = new ManualThresholdCommand();
		cmd.image = image;
		cmd.lower = 2000;
		cmd.upper = 3200;
		cmd.output = "Labels";
		cmd.connectivity = "26";
		cmd.run();
		assertShape(cmd.result, "blobs-labels", 16);
		// frame 1: squares at 3000..3002 inside; frame 2: 3500.. outside.
		assertEquals(1, cmd.result.getStack().getProcessor(cmd.result.getStackIndex(1, 1, 1)).get(5, 5));
		assertEquals(0, cmd.result.getStack().getProcessor(cmd.result.getStackIndex(1, 1, 2)).get(5, 5));

		ManualThresholdCommand bad = new ManualThresholdCommand();
		bad.image = image;
		bad.lower = 3000;
		bad.upper = 100;
		SegKitException e = assertThrows(SegKitException.class, bad::run);
		assertTrue(e.getMessage().contains("above the upper"), e.getMessage());
		assertNull(bad.result);
		assertUnchanged(before, image);
	}

	@Test
	void localThresholdCommand() {
		ImagePlus image = hyperstack();
		List<Object> before = pixels(image);
		LocalThresholdCommand cmd = new LocalThresholdCommand();
		cmd.image = image;
		cmd.radius = 4; // um: 8 pixels in x and y, 2 slices in z
		cmd.offset = -100;
		cmd.window = "2D";
		cmd.run();
		assertShape(cmd.result, "blobs-mask", 8);
		ImageProcessor ip = cmd.result.getStack().getProcessor(cmd.result.getStackIndex(1, 2, 2));
		assertEquals(255, ip.get(17, 5));
		assertEquals(0, ip.get(0, 15));

		LocalThresholdCommand bad = new LocalThresholdCommand();
		bad.image = image;
		bad.radius = 0;
		SegKitException e = assertThrows(SegKitException.class, bad::run);
		assertTrue(e.getMessage().contains("radius"), e.getMessage());
		assertNull(bad.result);
		assertUnchanged(before, image);
	}

	@Test
	void kMeansCommandOnChosenChannelsKeepsFrames() {
		ImagePlus image = hyperstack();
		List<Object> before = pixels(image);
		KMeansCommand cmd = new KMeansCommand();
		cmd.image = image;
		cmd.classes = 2;
		cmd.channels = "2,1";
		cmd.run();
		assertShape(cmd.result, "blobs-kmeans", 16);
		// Ordered by channel 2 (listed first), where the squares are dark: squares = 1.
		ImageProcessor ip = cmd.result.getStack().getProcessor(cmd.result.getStackIndex(1, 1, 2));
		assertEquals(1, ip.get(5, 5));
		assertEquals(2, ip.get(0, 0));
		assertUnchanged(before, image);

		assertArrayEquals(new int[] { 1, 2 }, KMeansCommand.parseChannels("all", 2));
		assertArrayEquals(new int[] { 2, 3, 1 }, KMeansCommand.parseChannels("2-3, 1", 3));
		for (String wrong : new String[] { "3", "1,1", "x", "0" }) {
			assertThrows(SegKitException.class, () -> KMeansCommand.parseChannels(wrong, 2), wrong);
		}
		KMeansCommand tooMany = new KMeansCommand();
		tooMany.image = image;
		tooMany.classes = 40;
		SegKitException e = assertThrows(SegKitException.class, tooMany::run);
		assertTrue(e.getMessage().contains("Use at most"), e.getMessage());
		assertNull(tooMany.result);
	}

	@Test
	void rgbAndConstantImagesAreRefused() {
		ImagePlus rgb = IJ.createImage("colour", "RGB white", 10, 10, 1);
		AutoThresholdCommand cmd = new AutoThresholdCommand();
		cmd.image = rgb;
		SegKitException e = assertThrows(SegKitException.class, cmd::run);
		assertTrue(e.getMessage().contains("RGB"), e.getMessage());

		ImagePlus flat = IJ.createImage("flat", "8-bit black", 10, 10, 1);
		byte[] before = ((byte[]) flat.getProcessor().getPixels()).clone();
		AutoThresholdCommand c2 = new AutoThresholdCommand();
		c2.image = flat;
		e = assertThrows(SegKitException.class, c2::run);
		assertTrue(e.getMessage().startsWith("Nothing to threshold"), e.getMessage());
		assertArrayEquals(before, (byte[]) flat.getProcessor().getPixels());
		assertNull(c2.result);
	}

	@Test
	void titleDropsTheFileExtensionOnly() {
		assertEquals("blobs", Titles.base("blobs.gif"));
		assertEquals("cells 2.ome", Titles.base("cells 2.ome"));
		assertEquals("C1-stack", Titles.base("C1-stack.tif"));
	}
}
