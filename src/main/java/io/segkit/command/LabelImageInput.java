package io.segkit.command;

import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.ImageChecks;
import io.segkit.image.Labels;
import io.segkit.image.Volume;

/** Checks and reading shared by the commands that take a label image. */
final class LabelImageInput {

	private LabelImageInput() {}

	/**
	 * Refuses what is not a label image: RGB, several channels, and 32-bit values that are not
	 * whole numbers of 0 or more (negative, fractional, NaN, too large).
	 */
	static void require(ImagePlus image, Progress progress) {
		ImageChecks.requireUsable(image);
		if (image.getNChannels() > 1) throw new SegKitException("'" + image.getTitle() + "' has " + image
			.getNChannels() + " channels, but a label image has one. Split the channels " +
			"(Image > Color > Split Channels) and choose the one with the labels.");
		if (image.getBitDepth() != 32) return;
		int slices = image.getNSlices();
		Frames.forEach(image, t -> {
			for (int z = 1; z <= slices; z++) {
				float[] pixels = (float[]) image.getStack().getPixels(image.getStackIndex(1, z, t));
				for (float v : pixels) {
					// compared as double: as a float, 2^31 - 8 rounds up to 2^31 and 2^31 would pass
					if (v >= 0 && v == Math.rint(v) && (double) v <= Integer.MAX_VALUE - 8) continue;
					throw new SegKitException("'" + image.getTitle() + "' is not a label image: it contains the value " +
						v + (slices > 1 ? " (slice " + z + ")" : "") + ". Label images hold whole numbers 0, 1, 2, ... " +
						"(0 = background). Make one from a mask with Plugins > SegKit > Connected Components.");
				}
			}
		}, progress);
	}

	/** The labels of one time frame (1-based) of a checked label image. */
	static Labels read(ImagePlus image, int frame) {
		return Labels.read(Volume.of(image, 1, frame));
	}

	/**
	 * The objects of one time frame: as {@link #read}, with the voxels of a sparse label image that nobody annotated
	 * (65535 in 16 bits, see ROIs to Label Image) as background, since they are no object.
	 */
	static Labels readObjects(ImagePlus image, int frame) {
		Labels labels = read(image, frame);
		if (image.getBitDepth() != 16) return labels;
		int[] data = labels.data();
		boolean sparse = false;
		for (int i = 0; i < data.length; i++) if (data[i] == io.segkit.dataset.LabelMode.NOT_ANNOTATED_16BIT) {
			data[i] = 0;
			sparse = true;
		}
		return sparse ? labels.withData(data) : labels;
	}
}
