package io.segkit.cli;

import java.nio.file.Path;

import ij.ImagePlus;

import io.segkit.command.ClassicOperations;
import io.segkit.command.Choices;
import io.segkit.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Connected Components on files. */
@Command(name = "components", mixinStandardHelpOptions = true,
	description = "Labels the connected objects (every non-zero voxel is foreground) of a TIFF or of every TIFF of "
		+ "a folder: NAME-labels.tif, objects numbered 1..n.",
	footerHeading = "%nExamples:%n", footer = {
		"  segkit components -i nuclei-mask.tif -o nuclei-labels.tif --connectivity 8",
		"  segkit components -i masks/ -o labels/ --minimum-size 20 --exclude-border"})
final class ComponentsSubcommand extends FileOperation {

	@Option(names = "--connectivity", converter = Words.Connectivity.class, defaultValue = Choices.CONNECTIVITY_26,
		description = "4 or 8 (in a slice), 6, 18 or 26 (3D) (default: ${DEFAULT-VALUE}).")
	String connectivity = Choices.CONNECTIVITY_26;

	@Option(names = "--minimum-size", defaultValue = "0", description = "Drop objects smaller than this calibrated "
		+ "area or volume (default: 0 = keep all).")
	double minimumSize;

	@Option(names = "--exclude-border", description = "Drop objects that touch the image border.")
	boolean excludeBorder;

	@Option(names = "--ignore-z-borders", description = "With --exclude-border: keep objects touching the first "
		+ "or last slice.")
	boolean ignoreZBorders;

	@Option(names = "--channel", defaultValue = "1", description = "Channel to label (default: 1).")
	int channel = 1;

	@Override
	String suffix() {
		return "-labels.tif";
	}

	@Override
	Outcome process(Path inputFile, ImagePlus image, Path target) {
		ImagePlus labels = ClassicOperations.connectedComponents(image, channel, connectivity, minimumSize,
			excludeBorder, ignoreZBorders, progress);
		ImageFiles.saveTiff(labels, target);
		return new Outcome(maxLabel(labels), "");
	}
}
