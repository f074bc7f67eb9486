package io.segkit.ij1;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import io.segkit.Progress;

/**
 * A command that can show its result on the image while its dialog is open: the dialog gets a Preview checkbox,
 * and while it is ticked the bridge fills a fresh copy of the command with the values typed so far and asks it for
 * the slice on show ({@link LivePreview} draws it as an overlay, recomputes when a value or the slice changes, and
 * removes it on OK or Cancel). The command only computes; it must not log, show or change anything.
 */
public interface Previewable {

	/** The name of the preview's overlay element. */
	String OVERLAY_NAME = "SegKit preview";

	/**
	 * What the command would make of plane {@code slice} of frame {@code frame} (both 1-based) of its image: non-zero
	 * = object, as a mask or as labels (each label its colour). A command whose result on one plane depends on the
	 * others (a stack histogram, a 3D window, a 3D watershed) computes the whole frame and returns every plane, so
	 * that other slices show without computing again.
	 */
	Preview preview(int slice, int frame, Progress progress);

	/** Result planes of one frame, from {@code firstSlice} on. */
	record Preview(int firstSlice, ImageStack planes) {

		/** The result on one plane. */
		public static Preview ofPlane(int slice, ImageProcessor plane) {
			ImageStack stack = new ImageStack(plane.getWidth(), plane.getHeight());
			stack.addSlice(plane);
			return new Preview(slice, stack);
		}

		/** The result on every plane of the frame: a result image of the command (its first frame). */
		public static Preview ofFrame(ImagePlus result) {
			return new Preview(1, result.getStack());
		}

		boolean covers(int slice) {
			return slice >= firstSlice && slice < firstSlice + planes.getSize();
		}

		ImageProcessor plane(int slice) {
			return planes.getProcessor(slice - firstSlice + 1);
		}
	}
}
