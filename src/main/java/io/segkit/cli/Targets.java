package io.segkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.segkit.SegKitException;
import io.segkit.dataset.TrainingFolder;
import io.segkit.image.Titles;

/**
 * The files a per-file subcommand reads and writes: {@code -i} a TIFF or a folder of TIFFs, {@code -o} the output
 * file or folder (a folder run writes {@code NAME<suffix>} there). Everything is checked before any work; the only
 * change made before the work starts is creating a missing output folder.
 */
final class Targets {

	/** One input and the output it gives. */
	record Target(Path input, Path output) {}

	/** The suffixes SegKit's outputs add to an image's name, which a partner file (ground truth) lacks. */
	private static final List<String> OUTPUT_SUFFIXES = List.of("-labels", "-objects", "-classes", "-mask", "-split");

	private final List<Target> targets;
	private final Path outputFolder;
	private final boolean folderInput;

	private Targets(List<Target> targets, Path outputFolder, boolean folderInput) {
		this.targets = targets;
		this.outputFolder = outputFolder;
		this.folderInput = folderInput;
	}

	List<Target> list() {
		return targets;
	}

	/** Whether the input is a folder (every TIFF in it). */
	boolean folderRun() {
		return folderInput;
	}

	Path outputFolder() {
		return outputFolder;
	}

	/**
	 * The targets of {@code -i input -o output}. With one input file, the output is a file, an existing folder, or
	 * a path without extension (a folder to create).
	 *
	 * @param suffix what an output's name adds to the input's, with the extension: "-labels.tif"
	 * @throws SegKitException for a missing input, a folder without TIFFs, or an output that cannot be written
	 */
	static Targets of(Path input, Path output, String suffix) {
		if (!Files.exists(input)) throw new SegKitException("The input '" + input + "' does not exist. Give a TIFF "
			+ "file or a folder of TIFF files.");
		if (Files.isDirectory(input)) return folder(input, output, suffix);
		if (Files.isDirectory(output) || isFolderName(output)) {
			if (!Files.exists(output)) requireParent(output);
			return new Targets(List.of(new Target(input, output.resolve(name(input) + suffix))), output, false);
		}
		requireParent(output);
		String extension = suffix.substring(suffix.lastIndexOf('.')).toLowerCase(Locale.ROOT);
		String outName = output.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!outName.endsWith(extension) && !(extension.equals(".tif") && outName.endsWith(".tiff")))
			throw new SegKitException("The output '" + output + "' must be a " + extension + " file or a folder.");
		if (sameFile(input, output)) throw new SegKitException("The output '" + output + "' is the input; choose "
			+ "another file so that the input is never overwritten.");
		return new Targets(List.of(new Target(input, output)), null, false);
	}

	private static Targets folder(Path input, Path output, String suffix) {
		if (Files.exists(output) && !Files.isDirectory(output)) throw new SegKitException("The input '" + input
			+ "' is a folder, so the output must be a folder too, but '" + output + "' is a file.");
		if (!Files.exists(output)) requireParent(output);
		else if (sameFile(input, output)) throw new SegKitException("The output folder must differ from the input "
			+ "folder, so that inputs are never overwritten and outputs are not taken for inputs on the next run.");
		List<Path> images = TrainingFolder.tiffs(input);
		if (images.isEmpty()) throw new SegKitException("There are no TIFF files (.tif, .tiff) in '" + input + "'.");
		List<Target> targets = new ArrayList<>();
		for (Path image : images) targets.add(new Target(image, output.resolve(name(image) + suffix)));
		return new Targets(targets, output, true);
	}

	/** A path that does not exist and has no extension names a folder to create. */
	private static boolean isFolderName(Path output) {
		return !Files.exists(output) && output.getFileName() != null && !output.getFileName().toString().contains(".");
	}

	/** Creates the output folder if there is one (its parent exists: checked). */
	void createOutputFolder() {
		if (outputFolder == null) return;
		try {
			Files.createDirectories(outputFolder);
		}
		catch (IOException e) {
			throw new SegKitException("Could not create the output folder '" + outputFolder + "': " + e.getMessage()
				+ ". Check that its parent folder is writable.", e);
		}
	}

	/** An image's name without extension. */
	static String name(Path file) {
		return Titles.base(file.getFileName().toString());
	}

	/**
	 * The file in {@code folder} that goes with {@code file}: the same name, else the name without a SegKit output
	 * suffix ("nuclei-labels.tif" goes with "nuclei.tif"); null when there is none.
	 */
	static Path partner(Path file, Path folder) {
		Path same = folder.resolve(file.getFileName().toString());
		if (Files.isRegularFile(same)) return same;
		String name = name(file);
		for (String suffix : OUTPUT_SUFFIXES) {
			if (!name.endsWith(suffix)) continue;
			String base = name.substring(0, name.length() - suffix.length());
			for (String extension : List.of(".tif", ".tiff")) {
				Path candidate = folder.resolve(base + extension);
				if (Files.isRegularFile(candidate)) return candidate;
			}
		}
		return null;
	}

	private static void requireParent(Path output) {
		Path parent = output.toAbsolutePath().getParent();
		if (parent == null || !Files.isDirectory(parent)) throw new SegKitException("The folder of the output '"
			+ output + "' does not exist. Create it first or choose another place.");
	}

	private static boolean sameFile(Path a, Path b) {
		try {
			return Files.exists(b) && Files.isSameFile(a, b);
		}
		catch (IOException e) {
			return false;
		}
	}
}
