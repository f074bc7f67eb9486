package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;
import ij.gui.Roi;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Volume;

/** Reading the shared inputs of the classic commands: frames, helper images, masks and point seeds. */
class ClassicInputsTest {

	/** A 4x3 hyperstack whose pixel (0, 0) of plane (c, z, t) holds 100c + 10z + t. */
	private static ImagePlus hyperstack(String title, int channels, int slices, int frames) {
		ImagePlus imp = IJ.createHyperStack(title, 4, 3, channels, slices, frames, 16);
		for (int c = 1; c <= channels; c++) {
			for (int z = 1; z <= slices; z++) {
				for (int t = 1; t <= frames; t++) {
					imp.getStack().getProcessor(imp.getStackIndex(c, z, t)).set(0, 0, 100 * c + 10 * z + t);
				}
			}
		}
		return imp;
	}

	@Test
	void frameReadsTheCurrentChannelOfTheGivenFrame() {
		ImagePlus imp = hyperstack("cells", 2, 2, 3);
		imp.setPosition(2, 1, 1);
		Volume v = ClassicInputs.frame(imp, 3);
		assertEquals(2, v.depth());
		assertEquals(213, v.get(0, 0, 0), 0);
		assertEquals(223, v.get(0, 0, 1), 0);
	}

	@Test
	void aHelperGivesTheMatchingFrameOrItsOnlyOne() {
		ImagePlus input = hyperstack("cells", 1, 1, 3);
		ImagePlus sameFrames = hyperstack("markers", 2, 1, 3);
		sameFrames.setPosition(2, 1, 1); // a helper is read from its channel 1 whatever its current channel
		assertEquals(113, ClassicInputs.helperFrame(input, sameFrames, 3).get(0, 0, 0), 0);
		ImagePlus one = hyperstack("mask", 1, 1, 1);
		assertEquals(111, ClassicInputs.helperFrame(input, one, 3).get(0, 0, 0), 0);
		ImagePlus twoFrames = hyperstack("other", 1, 1, 2);
		assertEquals(111, ClassicInputs.helperFrame(input, twoFrames, 2).get(0, 0, 0), 0);
	}

	@Test
	void helperChecks() {
		ImagePlus input = hyperstack("cells", 1, 2, 1);
		ClassicInputs.checkHelper(input, null, "mask", false);
		assertEquals("No marker image was given: choose one from the open images.", assertThrows(
			SegKitException.class, () -> ClassicInputs.checkHelper(input, null, "marker", true)).getMessage());
		ImagePlus flat = hyperstack("flat", 1, 1, 1);
		String message = assertThrows(SegKitException.class, () -> ClassicInputs.checkHelper(input, flat, "mask",
			false)).getMessage();
		assertTrue(message.startsWith("The mask image 'flat' is "), message);
		assertTrue(message.endsWith("They must have the same width, height and number of slices."), message);
		ClassicInputs.checkHelper(input, hyperstack("same", 1, 2, 1), "mask", true);
	}

	@Test
	void maskIsNonZeroOfTheMatchingFrame() {
		ImagePlus input = hyperstack("cells", 1, 1, 2);
		assertNull(ClassicInputs.mask(input, null, 1));
		ImagePlus mask = IJ.createHyperStack("mask", 4, 3, 1, 1, 2, 8);
		mask.getStack().getProcessor(2).set(1, 0, 255);
		mask.getStack().getProcessor(2).set(3, 2, 7);
		byte[] m = ClassicInputs.mask(input, mask, 2);
		byte[] expected = new byte[12];
		expected[1] = 1;
		expected[11] = 1;
		assertArrayEquals(expected, m);
		assertArrayEquals(new byte[12], ClassicInputs.mask(input, mask, 1));
	}

	@Test
	void aMissingOrEmptyPointSelectionIsRefused() {
		ImagePlus imp = hyperstack("cells", 1, 1, 1);
		String expected = "'cells' has no point selection. Use the Multi-point tool to click one point in each object "
			+ "(on the right slice for stacks), then run the command again; or choose another source.";
		assertEquals(expected, assertThrows(SegKitException.class, () -> ClassicInputs.requirePoints(imp))
			.getMessage());
		imp.setRoi(new Roi(0, 0, 2, 2));
		assertEquals(expected, assertThrows(SegKitException.class, () -> ClassicInputs.requirePoints(imp))
			.getMessage());
		PointRoi points = new PointRoi(1, 1);
		imp.setRoi(points);
		assertSame(points, ClassicInputs.requirePoints(imp));
	}

	@Test
	void pointSeedsAreNumberedInSelectionOrderOnTheirOwnSlice() {
		ImagePlus imp = hyperstack("cells", 1, 3, 1);
		imp.setPosition(1, 2, 1); // the current slice: for points without a position
		PointRoi roi = new PointRoi(3.7, 0.2); // no position: current slice 2
		roi.addPoint(1, 2, imp.getStackIndex(1, 3, 1)); // slice 3
		roi.addPoint(0, 0, imp.getStackIndex(1, 1, 1)); // slice 1
		imp.setRoi(roi);
		int[] seeds = ClassicInputs.pointSeeds(imp, 1);
		int[] expected = new int[4 * 3 * 3];
		expected[12 + 0 * 4 + 3] = 1; // (3, 0, slice 2), coordinates rounded down
		expected[24 + 2 * 4 + 1] = 2; // (1, 2, slice 3)
		expected[0] = 3; // (0, 0, slice 1)
		assertArrayEquals(expected, seeds);
		assertSame(roi, imp.getRoi()); // the selection is left as it was
		assertEquals(3, roi.size());
	}

	@Test
	void pointsOfOtherFramesAreLeftOutAndAFrameWithoutPointsIsRefused() {
		ImagePlus imp = hyperstack("movie", 1, 1, 3);
		PointRoi roi = new PointRoi(0, 0);
		roi.addPoint(2, 1, imp.getStackIndex(1, 1, 2));
		roi.addPoint(3, 2, imp.getStackIndex(1, 1, 2));
		imp.setRoi(roi);
		// the first point has no position: it counts in every frame, on the current slice
		int[] frame2 = ClassicInputs.pointSeeds(imp, 2);
		assertEquals(1, frame2[0]);
		assertEquals(2, frame2[1 * 4 + 2]);
		assertEquals(3, frame2[2 * 4 + 3]);
		int[] frame1 = ClassicInputs.pointSeeds(imp, 1);
		int[] expected = new int[12];
		expected[0] = 1;
		assertArrayEquals(expected, frame1);

		PointRoi only2 = new PointRoi();
		only2.addPoint(2, 1, imp.getStackIndex(1, 1, 2));
		imp.setRoi(only2);
		assertEquals("No point of the selection of 'movie' lies in this frame. Add at least one point in every frame.",
			assertThrows(SegKitException.class, () -> ClassicInputs.pointSeeds(imp, 3)).getMessage());
	}

	@Test
	void aPointOutsideTheImageIsRefused() {
		ImagePlus imp = hyperstack("cells", 1, 1, 1);
		imp.setRoi(new PointRoi(new float[] { 1, 9 }, new float[] { 1, 1 }, 2), false);
		SegKitException e = assertThrows(SegKitException.class, () -> ClassicInputs.pointSeeds(imp, 1));
		assertTrue(e.getMessage().startsWith("Point 2 at (9, 1, slice 1) lies outside the image."), e.getMessage());
	}

	@Test
	void intensityImageChecks() {
		ImagePlus constant = IJ.createImage("flat", "32-bit black", 4, 3, 1);
		ClassicInputs.checkIntensityImage(constant, false, Progress.NONE);
		String message = assertThrows(SegKitException.class, () -> ClassicInputs.checkIntensityImage(constant, true,
			Progress.NONE)).getMessage();
		assertTrue(message.startsWith("'flat' has the same value (0.0) everywhere"), message);
		ImagePlus nan = IJ.createImage("holes", "32-bit ramp", 4, 3, 1);
		nan.getProcessor().setf(5, Float.NaN);
		ClassicInputs.checkIntensityImage(nan, true, Progress.NONE); // NaN is no value, not an error
		nan.getProcessor().setf(6, Float.POSITIVE_INFINITY);
		message = assertThrows(SegKitException.class, () -> ClassicInputs.checkIntensityImage(nan, false,
			Progress.NONE)).getMessage();
		assertTrue(message.startsWith("'holes' has +Infinity at x=2, y=1."), message);
		ImagePlus movie = IJ.createHyperStack("movie", 4, 3, 1, 1, 2, 32);
		movie.getStack().getProcessor(1).setf(0, 3); // frame 1 varies, frame 2 is constant
		message = assertThrows(SegKitException.class, () -> ClassicInputs.checkIntensityImage(movie, true,
			Progress.NONE)).getMessage();
		assertTrue(message.startsWith("Frame 2 of 2: 'movie' has the same value"), message);
	}
}
