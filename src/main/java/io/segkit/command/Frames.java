package io.segkit.command;

import ij.ImagePlus;
import ij.ImageStack;

import io.segkit.Progress;
import io.segkit.SegKitException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/** The one per-time-frame loop of the commands: each frame processed alone, cancel checked between. */
final class Frames {

	private Frames() {}

	/**
	 * Runs {@code perFrame} for frames 1..n of {@code image}; an error in one frame of several says which
	 * frame it was.
	 */
	static <T> List<T> each(ImagePlus image, IntFunction<T> perFrame, Progress progress) {
		int frames = image.getNFrames();
		List<T> results = new ArrayList<>(frames);
		for (int t = 1; t <= frames; t++) {
			progress.checkCancelled();
			try {
				results.add(perFrame.apply(t));
			} catch (io.segkit.Cancelled e) {
				throw e;
			} catch (SegKitException e) {
				if (frames == 1) throw e;
				throw new SegKitException("Frame " + t + " of " + frames + ": " + e.getMessage(), e);
			}
		}
		return results;
	}

	/**
	 * Frame t (1-based) of one channel as an image of its own, calibrated as the image; the planes are the image's,
	 * not copies. What a preview computes on: the operation of the command on one frame, never shown.
	 */
	static ImagePlus view(ImagePlus image, int channel, int t) {
		if (channel < 1 || channel > image.getNChannels()) throw new SegKitException("Channel must be 1 to " + image
			.getNChannels() + ", not " + channel + ".");
		ImageStack planes = new ImageStack(image.getWidth(), image.getHeight());
		for (int z = 1; z <= image.getNSlices(); z++) planes.addSlice(image.getStack().getProcessor(image
			.getStackIndex(channel, z, t)));
		ImagePlus view = new ImagePlus(image.getTitle(), planes);
		view.setDimensions(1, image.getNSlices(), 1);
		view.setCalibration(image.getCalibration().copy());
		return view;
	}

	/** {@link #each} for work that gives nothing back per frame (checks, adding to a list). */
	static void forEach(ImagePlus image, IntConsumer perFrame, Progress progress) {
		each(image, t -> {
			perFrame.accept(t);
			return null;
		}, progress);
	}

}
