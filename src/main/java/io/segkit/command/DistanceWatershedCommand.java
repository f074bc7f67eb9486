package io.segkit.command;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.ij1.Previewable;
import io.segkit.ij1.Units;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;


/**
 * Splits touching round objects (nuclei) of a binary image: markers are the maxima of the distance
 * transform that stand out by at least the dynamic (calibrated units; 0, the default, = automatic: a tenth of the
 * typical object radius), and the inverted distance is flooded inside the objects. Output: a label image
 * {@code <title>-split}.
 */
@Plugin(type = Command.class, label = "Distance Watershed")
public class DistanceWatershedCommand extends SegKitCommand implements Previewable {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Dynamic", min = "0", description = "0 = automatic",
		attrs = @Attr(name = Units.ATTRIBUTE, value = Units.LENGTH))
	double dynamic = ClassicOperations.AUTOMATIC_DYNAMIC;

	@Parameter(label = "Watershed lines")
	boolean watershedLines = false;

	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 },
		description = Choices.CONNECTIVITY_DESCRIPTION)
	String connectivity = Choices.CONNECTIVITY_26;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		ClassicOperations.Split split = ClassicOperations.splitTouching(image, dynamic, watershedLines, connectivity,
			progress());
		result = split.result();
		if (dynamic == ClassicOperations.AUTOMATIC_DYNAMIC) IJ.log("Distance Watershed: automatic dynamic " + range(
			split.dynamics()) + " " + image.getCalibration().getUnits() + " (a tenth of the typical object radius)");
	}

	/** The labels of the frame on show (the split is three-dimensional on a stack). */
	@Override
	public Preview preview(int slice, int frame, Progress progress) {
		return Preview.ofFrame(ClassicOperations.splitTouching(Frames.view(image, image.getC(), frame), dynamic,
			watershedLines, connectivity, progress).result());
	}

	private static String range(double[] values) {
		double min = java.util.Arrays.stream(values).min().orElse(0), max = java.util.Arrays.stream(values).max()
			.orElse(0);
		return plain(min) + (max > min ? " to " + plain(max) : "");
	}

	/** Three significant digits, no exponent: 0.5, 1.25, 12.3. */
	private static String plain(double v) {
		return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.3g", v)).stripTrailingZeros()
			.toPlainString();
	}
}
