package io.segkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.segkit.SegKitException;
import io.segkit.command.ClassicOperations;
import io.segkit.files.AtomicFiles;
import io.segkit.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Label Measurements on files. */
@Command(name = "measure", mixinStandardHelpOptions = true,
	description = "Measures every label of a label image (calibrated size, centroid, bounding box and, with "
		+ "--intensity, intensity statistics): NAME-measurements.csv, one row per label.",
	footerHeading = "%nExamples:%n", footer = {
		"  segkit measure -i nuclei-labels.tif -o nuclei-measurements.csv --intensity nuclei.tif",
		"  segkit measure -i labels/ -o measurements/ --intensity images/"})
final class MeasureSubcommand extends FileOperation {

	@Option(names = "--intensity", paramLabel = "IMAGE", description = "The intensity image (a folder when -i is a "
		+ "folder: the image with the label image's name, or without its -labels suffix).")
	Path intensity;

	@Option(names = "--intensity-channel", defaultValue = "1", description = "Channel of the intensity image "
		+ "(default: 1).")
	int intensityChannel = 1;

	@Override
	String suffix() {
		return "-measurements.csv";
	}

	@Override
	void checkOptions(Targets targets) {
		if (intensity == null) return;
		if (!Files.exists(intensity)) throw usage("The intensity image '" + intensity + "' does not exist.");
		if (targets.folderRun() != Files.isDirectory(intensity)) throw usage("--intensity must be a folder when -i "
			+ "is a folder, and a file when -i is a file.");
	}

	@Override
	Outcome process(Path inputFile, ImagePlus labels, Path target) {
		ImagePlus intensityImage = intensityFor(inputFile);
		try {
			ResultsTable table = ClassicOperations.measureLabels(labels, intensityImage, intensityChannel, progress);
			AtomicFiles.writeString(target, csv(table), "measurements");
			return new Outcome(table.size(), "");
		}
		finally {
			if (intensityImage != null) intensityImage.close();
		}
	}

	private ImagePlus intensityFor(Path labelFile) {
		if (intensity == null) return null;
		Path file = Files.isDirectory(intensity) ? Targets.partner(labelFile, intensity) : intensity;
		if (file == null) throw new SegKitException("No intensity image for " + labelFile.getFileName() + " in '"
			+ intensity + "'.");
		ImagePlus image = ImageFiles.openOrNull(file);
		if (image == null) throw new SegKitException("The intensity image '" + file + "' is not an image ImageJ can "
			+ "open.");
		return image;
	}

	/** The table as CSV: numbers in full precision, text columns as text. */
	static String csv(ResultsTable table) {
		String[] headings = table.getHeadings();
		StringBuilder out = new StringBuilder();
		for (int c = 0; c < headings.length; c++) out.append(c > 0 ? "," : "").append(Summary.csvCell(headings[c]));
		out.append('\n');
		for (int row = 0; row < table.size(); row++) {
			for (int c = 0; c < headings.length; c++) {
				double v = table.getValue(headings[c], row);
				Object cell = Double.isNaN(v) ? table.getStringValue(headings[c], row) : v == Math.rint(v) && Math.abs(
					v) < 1e15 ? (Object) (long) v : (Object) v;
				out.append(c > 0 ? "," : "").append(Summary.csvCell(cell));
			}
			out.append('\n');
		}
		return out.toString();
	}
}
