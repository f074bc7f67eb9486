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

	/** What the JVM can still give: max heap minus what is in use. Tests replace it with a small fake. */
	static java.util.function.LongSupplier availableMemory = ImageChecks::freeHeap;

	/**
	 * For tests: pretends the JVM has {@code fake} bytes free until the returned handle is closed, so a
	 * preflight refusal needs no huge image.
	 */
	public static AutoCloseable pretendAvailableMemory(long fake) {
		java.util.function.LongSupplier real = availableMemory;
		availableMemory = () -> fake;
		return () -> availableMemory = real;
	}

	private static long freeHeap() {
		Runtime rt = Runtime.getRuntime();
		return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
	}

	/** Refuses work that would need more memory than the JVM can still give. */
	public static void requireMemory(long bytes, String what) {
		requireMemory(what, bytes, null);
	}

	/**
	 * Refuses, before anything is allocated, an {@code operation} needing about {@code bytes} on {@code image}
	 * (null: no size to name) when the JVM has less free, in words that say how to get more.
	 */
	public static void requireMemory(String operation, long bytes, ImagePlus image) {
		long available = availableMemory.getAsLong();
		if (bytes <= available) return;
		String on = image == null ? "" : " for this " + image.getWidth() + "x" + image.getHeight() + (image
			.getNSlices() > 1 ? "x" + image.getNSlices() : "") + " image";
		throw new SegKitException(operation + " needs about " + size(bytes) + on + " but Fiji has " + size(Math.max(0,
			available)) + " free. Give Fiji more memory (Edit > Options > Memory & Threads...) or process a crop " +
			"or fewer slices (Image > Stacks > Tools > Make Substack).");
	}

	/** Voxels in one channel and frame of {@code image}. */
	public static long voxels(ImagePlus image) {
		return (long) image.getWidth() * image.getHeight() * image.getNSlices();
	}

	/** The message for an OutOfMemoryError that escaped {@code operation}; nothing was written. */
	public static String outOfMemoryMessage(String operation) {
		return operation + " ran out of memory (Fiji may use at most " + size(Runtime.getRuntime().maxMemory()) +
			") and stopped without writing or showing any result. Give Fiji more memory (Edit > Options > " +
			"Memory & Threads..., then restart Fiji) or process a crop or fewer slices (Image > Stacks > Tools > " +
			"Make Substack).";
	}

	/** Bytes in words: "2.1 GB", "350 MB", "3 KB". */
	static String size(long bytes) {
		if (bytes >= 1L << 30) return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
		return bytes >= 1L << 20 ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
	}

	static String dims(ImagePlus image) {
		return image.getWidth() + " x " + image.getHeight() + " x " + image.getNSlices();
	}
}
