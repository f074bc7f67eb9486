package io.segkit.image;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

import io.segkit.files.AtomicFiles;

/** Opening and saving image files with ImageJ's own readers and writers; no window is ever needed. */
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

	/** Saves a TIFF (a stack for several planes) through {@link AtomicFiles}: never half a file. */
	public static void saveTiff(ImagePlus image, Path target) {
		AtomicFiles.write(target, "image", temp -> {
			boolean ok = image.getStackSize() > 1 ? new FileSaver(image).saveAsTiffStack(temp.toString())
				: new FileSaver(image).saveAsTiff(temp.toString());
			if (!ok) throw new java.io.IOException("ImageJ could not save the TIFF");
		});
	}
}
