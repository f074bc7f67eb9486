package io.segkit.command;

import ij.ImagePlus;

import java.util.regex.Pattern;

/** Titles of output images: {@code <input>-<operation>}, the input's file extension dropped. */
public final class Titles {

	private static final Pattern IMAGE_EXTENSION = Pattern.compile(
		"(?i)\\.(ome\\.tiff?|tiff?|png|gif|jpe?g|bmp|zip|nrrd|mhd|nii(\\.gz)?|lsm|czi|nd2|lif)$");

	private Titles() {}

	/** E.g. {@code nuclei.tif} + {@code labels} -> {@code nuclei-labels}. */
	public static String derived(ImagePlus input, String operation) {
		return derived(input.getTitle(), operation);
	}

	public static String derived(String inputTitle, String operation) {
		return IMAGE_EXTENSION.matcher(inputTitle).replaceFirst("") + "-" + operation;
	}
}
