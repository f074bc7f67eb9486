package io.segkit.image;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.FileSaver;
import ij.io.Opener;

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

	/**
	 * The calibration unit a TIFF's ImageJ header names (as written: "micron", "µm", "nm"), read without its pixels;
	 * null when it names none (uncalibrated) or the file cannot be read.
	 */
	public static String tiffUnitOrNull(Path file) {
		try {
			FileInfo[] info = Opener.getTiffFileInfo(file.toString());
			if (info == null || info.length == 0) return null;
			new FileOpener(info[0]).decodeDescriptionString(info[0]); // sets the unit from ImageJ's description
			String unit = info[0].unit;
			return unit == null || unit.isBlank() || unit.startsWith("pixel") ? null : unit;
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
