package io.segkit.cli;

import java.nio.file.Path;
import java.util.Locale;

import ij.ImagePlus;

import io.segkit.command.ClassicOperations;
import io.segkit.command.Choices;
import io.segkit.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Auto Threshold on files. */
@Command(name = "threshold", mixinStandardHelpOptions = true,
	description = "Global automatic threshold (any of ImageJ's 16 methods) of a TIFF or of every TIFF of a folder: "
		+ "an 8-bit 0/255 mask NAME-mask.tif, or with --labels the connected objects NAME-labels.tif.",
	footerHeading = "%nExamples:%n", footer = {
		"  segkit threshold -i nuclei.tif -o nuclei-mask.tif --method Otsu",
		"  segkit threshold -i images/ -o labels/ --method Li --labels --connectivity 8 --summary labels.csv"})
final class ThresholdSubcommand extends FileOperation {

	@Option(names = "--method", converter = Words.ThresholdMethod.class, description = "Default, Huang, "
		+ "Intermodes, IsoData, IJ_IsoData, Li, MaxEntropy, Mean, MinError, Minimum, Moments, Otsu, Percentile, "
		+ "RenyiEntropy, Shanbhag, Triangle or Yen (default: ${DEFAULT-VALUE}).", defaultValue = "Otsu")
	String method = "Otsu";

	@Option(names = "--objects", converter = Words.Objects.class, paramLabel = "bright|dark", description =
		"bright: objects above the threshold; dark: at or below it (default: ${DEFAULT-VALUE}).",
		defaultValue = Choices.BRIGHT)
	String objects = Choices.BRIGHT;

	@Option(names = "--per-slice", description = "One threshold per slice instead of one for the stack.")
	boolean perSlice;

	@Option(names = "--channel", defaultValue = "1", description = "Channel to threshold (default: 1).")
	int channel = 1;

	@Option(names = "--labels", description = "Write the connected objects as a label image instead of a mask.")
	boolean labels;

	@Option(names = "--connectivity", converter = Words.Connectivity.class, defaultValue = Choices.CONNECTIVITY_26,
		description = "For --labels: 4 or 8 (in a slice), 6, 18 or 26 (3D) (default: ${DEFAULT-VALUE}).")
	String connectivity = Choices.CONNECTIVITY_26;

	@Override
	String suffix() {
		return labels ? "-labels.tif" : "-mask.tif";
	}

	@Override
	Outcome process(Path inputFile, ImagePlus image, Path target) {
		ClassicOperations.Thresholded r = ClassicOperations.autoThreshold(image, method, objects, perSlice
			? "Each slice" : "Stack", channel, labels ? "Labels" : "Mask", connectivity, progress);
		ImageFiles.saveTiff(r.result(), target);
		double[] first = r.thresholds()[0][0];
		String bounds = Double.isNaN(first[0]) ? "nothing to threshold" : String.format(Locale.ROOT,
			"threshold %s to %s%s", number(first[0]), number(first[1]), r.thresholds()[0].length > 1 || r.thresholds()
				.length > 1 ? " (first slice)" : "");
		return new Outcome(labels ? maxLabel(r.result()) : null, bounds);
	}
}
