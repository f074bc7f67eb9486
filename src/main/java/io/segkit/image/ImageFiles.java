package io.segkit.image;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;

/** Opening image files with ImageJ's own readers. */
public final class ImageFiles {

	private ImageFiles() {}

	/**
	 * The image in a file, or null when ImageJ cannot read it (empty, damaged, another format). ImageJ's opener reports
	 * some unreadable files with an error dialog, which without a display throws instead; that too means "cannot
	 * read" here, never the end of a folder run.
	 */
	public static ImagePlus openOrNull(Path file) {
		try {
			return IJ.openImage(file.toString());
		}
		catch (RuntimeException e) {
			return null;
		}
	}
}
