package io.segkit.command;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.process.FloatPolygon;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.watershed.Seeds;
import io.segkit.image.ImageChecks;
import io.segkit.image.MissingValues;
import io.segkit.image.Volume;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading of the inputs the classic segmentation commands share: the frame of the chosen channel,
 * masks, marker/seed images and point selections. Reads only; never changes an image or its ROI.
 */
final class ClassicInputs {

	private ClassicInputs() {}

	/** Frame t (1-based) of the image's current channel. */
	static Volume frame(ImagePlus image, int t) {
		return Volume.of(image, image.getC(), t);
	}

	/** The matching frame of a helper image (its own channel 1): frame t if it has as many frames, else 1. */
	static Volume helperFrame(ImagePlus input, ImagePlus other, int t) {
		return Volume.of(other, 1, other.getNFrames() == input.getNFrames() ? t : 1);
	}

	/** Checks a helper image (size, type) before any work; null stays allowed when optional. */
	static void checkHelper(ImagePlus input, ImagePlus other, String role, boolean required) {
		if (other == null && !required) return;
		ImageChecks.requireSameSize(input, other, role);
	}

	/** The mask (non-zero = inside) for frame t, or null without a mask image. */
	static byte[] mask(ImagePlus input, ImagePlus mask, int t) {
		if (mask == null) return null;
		return ConnectedComponents.foreground(helperFrame(input, mask, t));
	}

	/** Seeds from a marker/seed image for frame t. */
	static int[] seedImage(ImagePlus input, ImagePlus seeds, int t, String role, Connectivity c,
		Progress progress)
	{
		return Seeds.fromImage(helperFrame(input, seeds, t), seeds.getTitle(), role, c, progress);
	}

	/** Refuses a missing point selection early (before any work). */
	static PointRoi requirePoints(ImagePlus image) {
		Roi roi = image.getRoi();
		if (!(roi instanceof PointRoi points) || points.size() == 0) throw new SegKitException("'" + image
			.getTitle() + "' has no point selection. Use the Multi-point tool to click one point in each " +
			"object (on the right slice for stacks), then run the command again; or choose another source.");
		return points;
	}

	/**
	 * Seeds from the image's point selection for frame t, one label per point in selection order. A
	 * point with a stack position counts on its own slice and frame; one without, on the current
	 * slice in every frame.
	 */
	static int[] pointSeeds(ImagePlus image, int t) {
		PointRoi roi = requirePoints(image);
		FloatPolygon polygon = roi.getFloatPolygon();
		List<int[]> points = new ArrayList<>();
		for (int i = 0; i < polygon.npoints; i++) {
			int position = roi.getPointPosition(i);
			int z = image.getZ() - 1;
			if (position > 0) {
				int[] czt = image.convertIndexToPosition(position);
				if (image.getNFrames() > 1 && czt[2] != t) continue;
				z = czt[1] - 1;
			}
			points.add(new int[] { (int) Math.floor(polygon.xpoints[i]), (int) Math.floor(polygon.ypoints[i]),
				z });
		}
		if (points.isEmpty()) throw new SegKitException("No point of the selection of '" + image.getTitle() +
			"' lies in this frame. Add at least one point in every frame."); // Frames.each names the frame
		return Seeds.fromPoints(points, image.getWidth(), image.getHeight(), image.getNSlices());
	}

	/** The input checks of the commands that grow or flood intensities, over every frame. */
	static void checkIntensityImage(ImagePlus image, boolean refuseConstant, Progress progress) {
		checkValues(image, progress);
		if (refuseConstant) Frames.forEach(image, t -> ImageChecks.requireNotConstant(frame(image, t), image
			.getTitle()), progress);
	}

	/**
	 * SegKit's rule for NaN and infinite values ({@link MissingValues}) on the current channel of every frame:
	 * refuses infinity before any work, says in the Log how many voxels have no value.
	 */
	static void checkValues(ImagePlus image, Progress progress) {
		checkValues(image, image.getC(), progress);
	}

	/** {@link #checkValues(ImagePlus, Progress)} for one channel (1-based). */
	static void checkValues(ImagePlus image, int channel, Progress progress) {
		ImageChecks.requireUsable(image);
		long[] nan = {0};
		Frames.forEach(image, t -> nan[0] += MissingValues.countNaN(Volume.of(image, channel, t), image.getTitle()),
			progress);
		String note = MissingValues.note(image.getTitle(), nan[0]);
		if (note != null) IJ.log(note);
	}

	/** The mask for frame t without the voxels that have no value (NaN) in the image: nothing grows into them. */
	static byte[] maskWithValues(ImagePlus image, ImagePlus mask, int t) {
		return MissingValues.withoutNaN(mask(image, mask, t), frame(image, t));
	}
}
