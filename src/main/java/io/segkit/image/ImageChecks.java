package io.segkit.image;

import ij.ImagePlus;

import io.segkit.SegKitException;

/** The input checks every command shares; each failure says what is wrong and what to do. */
public final class ImageChecks {

	private ImageChecks() {}

	/** Refuses a missing image, RGB, and a channel/frame too large for one Java array. */
	public static void requireUsable(ImagePlus image) {
		if (image == null) throw new SegKitException("There is no image: open or select an image first.");
		if (image.getBitDepth() == 24) throw new SegKitException("'" + image.getTitle() +
			"' is an RGB image. SegKit works on 8-, 16- or 32-bit images: split the channels " +
			"(Image > Color > Split Channels) or convert it (Image > Type > 8-bit).");
		long voxels = (long) image.getWidth() * image.getHeight() * image.getNSlices();
		if (voxels > Integer.MAX_VALUE - 8) throw new SegKitException("'" + image.getTitle() + "' has " +
			voxels + " voxels per channel and frame, more than SegKit can hold at once (2^31). " +
			"Crop it or split it into substacks (Image > Stacks > Tools > Make Substack).");
	}

	/** Refuses an image where every voxel has the same value (nothing to separate). */
	public static void requireNotConstant(Volume volume, String title) {
		float[] mm = volume.minMax();
		if (!(mm[0] < mm[1])) throw new SegKitException("'" + title + "' has the same value (" + mm[0] +
			") everywhere, so there is nothing to segment. Check that you selected the right image or channel.");
	}

	/** Refuses a second image (seeds, markers, mask) whose size differs from the input's. */
	public static void requireSameSize(ImagePlus input, ImagePlus other, String role) {
		if (other == null) throw new SegKitException("No " + role + " image was given: choose one from the open images.");
		requireUsable(other);
		if (input.getWidth() != other.getWidth() || input.getHeight() != other.getHeight() || input
			.getNSlices() != other.getNSlices()) throw new SegKitException("The " + role + " image '" + other
				.getTitle() + "' is " + dims(other) + " but '" + input.getTitle() + "' is " + dims(input) +
				". They must have the same width, height and number of slices.");
	}

	/** Refuses work that would need more memory than the JVM can still give. */
	public static void requireMemory(long bytes, String what) {
		Runtime rt = Runtime.getRuntime();
		long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
		if (bytes > available) throw new SegKitException(what + " needs about " + (bytes >> 20) +
			" MB but only " + (available >> 20) + " MB are free. Crop the image, process fewer slices, " +
			"or give ImageJ more memory (Edit > Options > Memory & Threads).");
	}

	static String dims(ImagePlus image) {
		return image.getWidth() + " x " + image.getHeight() + " x " + image.getNSlices();
	}
}
