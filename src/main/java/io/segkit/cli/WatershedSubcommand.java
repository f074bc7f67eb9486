package io.segkit.cli;

import java.nio.file.Path;

import ij.ImagePlus;

import io.segkit.command.ClassicOperations;
import io.segkit.command.Choices;
import io.segkit.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Distance Watershed on files. */
@Command(name = "watershed", mixinStandardHelpOptions = true,
	description = "Splits touching round objects of a mask (non-zero = inside) with the distance watershed: "
		+ "NAME-split.tif, a label image.",
	footerHeading = "%nExamples:%n", footer = {
		"  segkit watershed -i nuclei-mask.tif -o nuclei-split.tif",
		"  segkit watershed -i masks/ -o split/ --dynamic 0.5 --connectivity 6 --summary split.json"})
final class WatershedSubcommand extends FileOperation {

	@Option(names = "--dynamic", defaultValue = "0", description = "How far (calibrated units) a distance maximum "
		+ "must stand out to seed its own object; 0 (the default) chooses it per image from the objects, as Fiji's "
		+ "Distance Watershed does.")
	double dynamic = ClassicOperations.AUTOMATIC_DYNAMIC;

	@Option(names = "--lines", description = "Keep 1-voxel watershed lines between the objects.")
	boolean lines;

	@Option(names = "--connectivity", converter = Words.Connectivity.class, defaultValue = Choices.CONNECTIVITY_26,
		description = "4 or 8 (in a slice), 6, 18 or 26 (3D) (default: ${DEFAULT-VALUE}).")
	String connectivity = Choices.CONNECTIVITY_26;

	@Override
	String suffix() {
		return "-split.tif";
	}

	@Override
	Outcome process(Path inputFile, ImagePlus image, Path target) {
		ClassicOperations.Split split = ClassicOperations.splitTouching(image, dynamic, lines, connectivity, progress);
		ImageFiles.saveTiff(split.result(), target);
		return new Outcome(maxLabel(split.result()), "dynamic " + number(split.dynamics()[0]) + (split.dynamics().length
			> 1 ? " (first frame)" : ""));
	}
}
