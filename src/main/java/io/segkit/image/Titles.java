package io.segkit.image;

import ij.ImagePlus;

import java.util.regex.Pattern;

/** Titles of output images: {@code <input>-<operation>}, the input's file extension dropped. */
public final class Titles {

	private static final Pattern IMAGE_EXTENSION = Pattern.compile(
		"(?i)\\.(ome\\.tiff?|tiff?|gif|png|jpe?g|bmp|zip|nii(\\.gz)?|nrrd|mhd|ics|ids|czi|lif|nd2|lsm|dcm)$");

	private Titles() {}

	/** E.g. {@code nuclei.tif} + {@code labels} -> {@code nuclei-labels}. */
	public static String derived(ImagePlus input, String operation) {
		return derived(input.getTitle(), operation);
	}

	public static String derived(String inputTitle, String operation) {
		return base(inputTitle) + "-" + operation;
	}

	/** The title without its image-file extension ({@code nuclei.ome.tif} -> {@code nuclei}). */
	public static String base(String title) {
		String base = IMAGE_EXTENSION.matcher(title).replaceFirst("");
		return base.isEmpty() ? title : base;
	}
}
