package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;

import org.junit.jupiter.api.Test;

/** The one per-frame loop: commands and their input checks say which frame a problem is in. */
class FramesTest {

	/** 2 slices x 2 frames, 0 everywhere except a 3x3 square of 5 in frame 1. */
	private static ImagePlus objectsInFrameOneOnly(int bitDepth) {
		ImagePlus imp = IJ.createHyperStack("t", 8, 8, 1, 2, 2, bitDepth);
		for (int z = 1; z <= 2; z++) {
			for (int y = 2; y < 5; y++) for (int x = 2; x < 5; x++) imp.getStack().getProcessor(imp.getStackIndex(1, z,
				1)).setf(x, y, 5);
		}
		return imp;
	}

	@Test
	void anErrorInOneFrameOfSeveralNamesTheFrame() {
		DistanceTransformCommand c = new DistanceTransformCommand();
		c.image = objectsInFrameOneOnly(8);
		c.progress = Progress.NONE;
		SegKitException e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().startsWith("Frame 2 of 2: 't' has no objects"), e.getMessage());
	}

	@Test
	void labelImageChecksNameFrameAndSlice() {
		ImagePlus labels = objectsInFrameOneOnly(32);
		labels.getStack().getProcessor(labels.getStackIndex(1, 2, 2)).setf(1, 1, 0.5f);
		RelabelCommand c = new RelabelCommand();
		c.image = labels;
		c.progress = Progress.NONE;
		SegKitException e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().startsWith("Frame 2 of 2: 't' is not a label image: it contains the value 0.5 " +
			"(slice 2)."), e.getMessage());
	}

	@Test
	void framesComeBackInOrder() {
		assertEquals(java.util.List.of(1, 2), Frames.each(objectsInFrameOneOnly(8), t -> t, Progress.NONE));
	}
}
