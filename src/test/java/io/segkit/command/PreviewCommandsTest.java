package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.ij1.Previewable;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The previews are the commands' own results: the plane on show of what OK would give, computed on the frame on show
 * of the chosen channel, and the image stays as it was.
 */
class PreviewCommandsTest {

	/** Two frames of two channels of the 3D test nuclei: channel 2 and frame 2 are the image inverted. */
	private static ImagePlus hyperstack() {
		ImagePlus nuclei = IJ.openImage("test-images/3d/images/nuclei3d-01.tif");
		int z = nuclei.getNSlices();
		ImageStack stack = new ImageStack(nuclei.getWidth(), nuclei.getHeight());
		for (int t = 0; t < 2; t++) for (int s = 1; s <= z; s++) for (int c = 0; c < 2; c++) {
			ImageProcessor p = nuclei.getStack().getProcessor(s).duplicate();
			if ((c + t) % 2 == 1) p.invert();
			stack.addSlice(p);
		}
		ImagePlus image = new ImagePlus("nuclei", stack);
		image.setDimensions(2, z, 2);
		image.setCalibration(nuclei.getCalibration());
		return image;
	}

	private static List<Object> pixels(ImagePlus image) {
		List<Object> copy = new ArrayList<>();
		for (int i = 1; i <= image.getStackSize(); i++) copy.add(image.getStack().getProcessor(i).duplicate()
			.getPixels());
		return copy;
	}

	/** The preview's plane equals the command's result on that slice, and nothing of the input changed. */
	private static void assertPreviewIsTheResult(ImagePlus input, Previewable command, Runnable run,
		java.util.function.Supplier<ImagePlus> result, int slice, int frame)
	{
		List<Object> before = pixels(input);
		Previewable.Preview preview = command.preview(slice, frame, Progress.NONE);
		assertEquals(before.size(), pixels(input).size());
		for (int i = 0; i < before.size(); i++) assertEquals(java.util.Arrays.toString(toInts(before.get(i))), java.util
			.Arrays.toString(toInts(pixels(input).get(i))), "input plane " + (i + 1));
		run.run();
		ImagePlus out = result.get();
		int index = out.getStackIndex(1, slice, frame);
		assertArrayEquals(toInts(out.getStack().getProcessor(index).getPixels()), toInts(planeOf(preview, slice)
			.getPixels()), "slice " + slice + " frame " + frame);
	}

	private static ImageProcessor planeOf(Previewable.Preview preview, int slice) {
		return preview.planes().getProcessor(slice - preview.firstSlice() + 1);
	}

	private static int[] toInts(Object pixels) {
		if (pixels instanceof byte[] b) {
			int[] out = new int[b.length];
			for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xff;
			return out;
		}
		if (pixels instanceof short[] s) {
			int[] out = new int[s.length];
			for (int i = 0; i < s.length; i++) out[i] = s[i] & 0xffff;
			return out;
		}
		float[] f = (float[]) pixels;
		int[] out = new int[f.length];
		for (int i = 0; i < f.length; i++) out[i] = (int) f[i];
		return out;
	}

	@Test
	void autoThresholdWithAStackHistogram() {
		ImagePlus image = hyperstack();
		AutoThresholdCommand c = new AutoThresholdCommand();
		c.image = image;
		c.method = "Otsu";
		c.channel = 2;
		c.progress = Progress.NONE;
		assertPreviewIsTheResult(image, c, c::run, () -> c.result, 12, 2);
		c.histogram = "Each slice";
		assertPreviewIsTheResult(image, c, c::run, () -> c.result, 3, 1);
	}

	@Test
	void manualThresholdComputesOnlyTheSliceOnShow() {
		ImagePlus image = hyperstack();
		ManualThresholdCommand c = new ManualThresholdCommand();
		c.image = image;
		c.lower = 100;
		c.upper = 255;
		c.progress = Progress.NONE;
		Previewable.Preview preview = c.preview(7, 2, Progress.NONE);
		assertEquals(7, preview.firstSlice());
		assertEquals(1, preview.planes().getSize());
		assertPreviewIsTheResult(image, c, c::run, () -> c.result, 7, 2);
	}

	@Test
	void localThresholdWithA3DWindow() {
		ImagePlus image = hyperstack();
		LocalThresholdCommand c = new LocalThresholdCommand();
		c.image = image;
		c.radius = 3;
		c.progress = Progress.NONE;
		assertPreviewIsTheResult(image, c, c::run, () -> c.result, 16, 1);
	}

	@Test
	void distanceWatershedSplitsTheFrameInThreeDimensions() {
		ImagePlus labels = IJ.openImage("test-images/3d/labels/nuclei3d-01.tif");
		ImageStack planes = new ImageStack(labels.getWidth(), labels.getHeight());
		for (int i = 1; i <= labels.getStackSize(); i++) {
			ImageProcessor p = labels.getStack().getProcessor(i);
			ij.process.ByteProcessor b = new ij.process.ByteProcessor(p.getWidth(), p.getHeight());
			for (int k = 0; k < p.getPixelCount(); k++) b.set(k, p.getf(k) > 0 ? 255 : 0);
			planes.addSlice(b);
		}
		ImagePlus binary = new ImagePlus("mask", planes);
		binary.setCalibration(labels.getCalibration());
		DistanceWatershedCommand c = new DistanceWatershedCommand();
		c.image = binary;
		c.progress = Progress.NONE;
		Previewable.Preview preview = c.preview(10, 1, Progress.NONE);
		assertEquals(binary.getNSlices(), preview.planes().getSize(), "every slice of the 3D split");
		assertPreviewIsTheResult(binary, c, c::run, () -> c.result, 10, 1);
		assertTrue(preview.planes().getProcessor(10).getStatistics().max > 1, "several objects");
	}

	@Test
	void badValuesAreRefusedAsInTheCommand() {
		ManualThresholdCommand c = new ManualThresholdCommand();
		c.image = hyperstack();
		c.channel = 3;
		SegKitException e = assertThrows(SegKitException.class, () -> c.preview(1, 1, Progress.NONE));
		assertTrue(e.getMessage().contains("Channel must be 1 to 2"), e.getMessage());
	}
}
