package io.segkit.command;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.image.LabelImages;
import io.segkit.image.Titles;
import io.segkit.image.Volume;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

import java.util.List;

/**
 * What the threshold and clustering commands share: running one frame at a time, and turning
 * per-frame masks into an 8-bit 0/255 mask or a label image that keeps the input's frames and
 * calibration.
 */
final class MaskOutputs {

	static final String MASK = "Mask", LABELS = "Labels";

	private MaskOutputs() {}

	/** Validates an output choice and a connectivity choice before any work. */
	static Connectivity checkOutput(String output, String connectivity) {
		if (!MASK.equals(output) && !LABELS.equals(output)) throw new SegKitException("Output must be Mask or " +
			"Labels, not '" + output + "'.");
		return Choices.CONNECTIVITY.of(connectivity);
	}

	/** A mask ("Mask": 8-bit 0/255, title-mask) or labels ("Labels": title-labels) from per-frame masks. */
	static ImagePlus build(ImagePlus input, List<byte[]> frames, Volume like, String output, Connectivity connectivity,
		Progress progress)
	{
		String base = Titles.base(input.getTitle());
		ImagePlus result;
		if (LABELS.equals(output)) {
			List<int[]> labels = Frames.each(input, t -> ConnectedComponents.label(frames.get(t - 1), like.width(),
				like.height(), like.depth(), like.spacing(), connectivity, progress).data(), progress);
			result = LabelImages.createFrames(base + "-labels", labels, like);
		} else {
			result = masks(base + "-mask", frames, like);
			result.setProperty(LabelImages.OBJECT_COUNT, objectCount(frames, like, connectivity, progress));
		}
		keepCalibration(input, result);
		return result;
	}

	/** The connected objects of the masks (the most in any frame), for the Log. */
	private static int objectCount(List<byte[]> frames, Volume like, Connectivity connectivity, Progress progress) {
		int most = 0;
		for (byte[] mask : frames) most = Math.max(most, ConnectedComponents.label(mask, like.width(), like.height(),
			like.depth(), like.spacing(), connectivity, progress).count());
		return most;
	}

	/** An 8-bit 0/255 image with one frame per mask. */
	static ImagePlus masks(String title, List<byte[]> frames, Volume like) {
		ImageStack stack = new ImageStack(like.width(), like.height());
		for (byte[] mask : frames) {
			ImageStack part = LabelImages.createMask(title, mask, like).getStack();
			for (int i = 1; i <= part.getSize(); i++) stack.addSlice(part.getProcessor(i));
		}
		ImagePlus image = new ImagePlus(title, stack);
		image.setDimensions(1, like.depth(), frames.size());
		if (frames.size() > 1) image.setOpenAsHyperStack(true);
		return image;
	}

	/** A label image with one frame per label array. */
	static ImagePlus labels(ImagePlus input, String title, List<int[]> frames, Volume like) {
		ImagePlus result = LabelImages.createFrames(title, frames, like);
		keepCalibration(input, result);
		return result;
	}

	/** The input's spatial and time calibration (not its value calibration) on the output. */
	static void keepCalibration(ImagePlus input, ImagePlus output) {
		Calibration cal = input.getCalibration().copy();
		cal.disableDensityCalibration();
		cal.setValueUnit("Gray Value");
		output.setCalibration(cal);
	}
}
