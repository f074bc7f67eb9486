package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Labels;

/** What counts as a label image, and reading one frame of it. */
class LabelImageInputTest {

	/** A 3x2 image with one slice and one frame, the given bit depth and pixel values. */
	private static ImagePlus image(int bitDepth, float... values) {
		ImagePlus imp = IJ.createImage("labels", bitDepth + "-bit black", 3, 2, 1);
		for (int i = 0; i < values.length; i++) imp.getProcessor().setf(i, values[i]);
		return imp;
	}

	private static String refusal(ImagePlus imp) {
		return assertThrows(SegKitException.class, () -> LabelImageInput.require(imp, Progress.NONE)).getMessage();
	}

	@Test
	void wholeNonNegativeNumbersAreALabelImageInEveryBitDepth() {
		LabelImageInput.require(image(8, 0, 1, 2, 255), Progress.NONE);
		LabelImageInput.require(image(16, 0, 1, 65535), Progress.NONE);
		LabelImageInput.require(image(32, 0, 1, 70000, 2147483520f), Progress.NONE); // 2^31 - 128: still fits
	}

	@Test
	void thirtyTwoBitValuesThatAreNoLabelsAreNamed() {
		String tail = ". Label images hold whole numbers 0, 1, 2, ... (0 = background). Make one from a mask with "
			+ "Plugins > SegKit > Connected Components.";
		assertEquals("'labels' is not a label image: it contains the value -1.0" + tail, refusal(image(32, 0, 1,
			-1)));
		assertEquals("'labels' is not a label image: it contains the value 1.5" + tail, refusal(image(32, 1.5f)));
		assertEquals("'labels' is not a label image: it contains the value NaN" + tail, refusal(image(32, 0,
			Float.NaN)));
		assertEquals("'labels' is not a label image: it contains the value 2.14748365E9" + tail, refusal(image(32,
			2147483648f)));
	}

	@Test
	void aBadValueInAStackNamesItsSlice() {
		ImagePlus imp = IJ.createImage("stack", "32-bit black", 3, 2, 3);
		imp.getStack().getProcessor(3).setf(4, 0.5f);
		assertTrue(refusal(imp).startsWith("'stack' is not a label image: it contains the value 0.5 (slice 3). "),
			refusal(imp));
	}

	@Test
	void aBadValueInALaterFrameNamesTheFrame() {
		ImagePlus imp = IJ.createHyperStack("movie", 3, 2, 1, 1, 2, 32);
		imp.getStack().getProcessor(2).setf(0, -3);
		assertTrue(refusal(imp).startsWith("Frame 2 of 2: 'movie' is not a label image: it contains the value -3.0"),
			refusal(imp));
	}

	@Test
	void severalChannelsAreRefused() {
		ImagePlus imp = IJ.createHyperStack("two", 3, 2, 2, 1, 1, 16);
		assertEquals("'two' has 2 channels, but a label image has one. Split the channels (Image > Color > Split "
			+ "Channels) and choose the one with the labels.", refusal(imp));
	}

	@Test
	void rgbAndNoImageAreRefused() {
		assertTrue(refusal(IJ.createImage("colour", "RGB black", 3, 2, 1)).contains("is an RGB image"));
		assertEquals("There is no image: open or select an image first.", refusal(null));
	}

	@Test
	void theCheckLeavesTheImageAlone() {
		ImagePlus imp = image(32, 0, 1, -1);
		refusal(imp);
		assertArrayEquals(new float[] { 0, 1, -1, 0, 0, 0 }, (float[]) imp.getProcessor().getPixels(), 0);
	}

	@Test
	void readGivesTheLabelsOfOneFrame() {
		ImagePlus imp = IJ.createHyperStack("movie", 3, 2, 1, 1, 2, 16);
		imp.getStack().getProcessor(1).set(0, 0, 4);
		imp.getStack().getProcessor(2).set(2, 1, 7);
		Labels second = LabelImageInput.read(imp, 2);
		assertArrayEquals(new int[] { 0, 0, 0, 0, 0, 7 }, second.data());
		assertEquals(7, second.count());
		assertArrayEquals(new int[] { 4, 0, 0, 0, 0, 0 }, LabelImageInput.read(imp, 1).data());
	}
}
