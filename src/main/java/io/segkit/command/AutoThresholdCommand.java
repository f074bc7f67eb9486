package io.segkit.command;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.ij1.Previewable;

import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Global automatic threshold with any of ImageJ's methods; a mask or connected-component labels.
 * Logs the threshold(s) used.
 */
@Plugin(type = Command.class, label = "Auto Threshold")
public class AutoThresholdCommand extends SegKitCommand implements Previewable {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Method", choices = { "Default", "Huang", "Intermodes", "IsoData", "IJ_IsoData", "Li",
		"MaxEntropy", "Mean", "MinError", "Minimum", "Moments", "Otsu", "Percentile", "RenyiEntropy", "Shanbhag",
		"Triangle", "Yen" })
	String method = "Otsu";

	@Parameter(label = "Objects", choices = { Choices.BRIGHT, Choices.DARK },
		description = "Bright: objects above the threshold (ImageJ's 'dark background'); Dark: at or below it.")
	String objects = Choices.BRIGHT;

	@Parameter(label = "Histogram", choices = { "Stack", "Each slice" },
		description = "Stack: one threshold for the whole stack; Each slice: one threshold per slice.")
	String histogram = "Stack";

	@Parameter(label = "Channel", min = "1")
	int channel = 1;

	@Parameter(label = "Output", choices = { MaskOutputs.MASK, MaskOutputs.LABELS })
	String output = MaskOutputs.MASK;

	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 },
		description = Choices.CONNECTIVITY_DESCRIPTION)
	String connectivity = Choices.CONNECTIVITY_26;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	/** The bounds used, per frame (one pair, or one per slice): thresholds[frame][slice] = {lower, upper}. */
	double[][][] thresholds;

	@Override
	public void run() {
		ClassicOperations.Thresholded r = ClassicOperations.autoThreshold(image, method, objects, histogram, channel,
			output, connectivity, progress());
		result = r.result();
		thresholds = r.thresholds();
		log();
	}

	/** The mask of the frame on show (a stack histogram needs every slice). */
	@Override
	public Preview preview(int slice, int frame, Progress progress) {
		return Preview.ofFrame(ClassicOperations.autoThreshold(Frames.view(image, channel, frame), method, objects,
			histogram, 1, MaskOutputs.MASK, connectivity, progress).result());
	}

	private void log() {
		String what = "Auto Threshold (" + method + ", " + objects.toLowerCase(Locale.ROOT) + " objects, " + histogram
			.toLowerCase(Locale.ROOT) + " histogram) of '" + image.getTitle() + "'" + (image.getNChannels() > 1
				? " channel " + channel : "") + ": ";
		for (int t = 0; t < thresholds.length; t++) {
			StringBuilder line = new StringBuilder(what);
			if (thresholds.length > 1) line.append("frame ").append(t + 1).append(": ");
			for (int z = 0; z < thresholds[t].length; z++) {
				if (z > 0) line.append("; ");
				if (thresholds[t].length > 1) line.append("slice ").append(z + 1).append(" ");
				double[] b = thresholds[t][z];
				line.append(Double.isNaN(b[0]) ? "nothing to threshold" : format(b[0]) + " to " + format(b[1]));
			}
			IJ.log(line.toString());
		}
	}

	static String format(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		return String.format(Locale.ROOT, "%.6g", v);
	}
}
