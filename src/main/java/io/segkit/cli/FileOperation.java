package io.segkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;

import io.segkit.SegKitException;
import io.segkit.image.ImageFiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A classic operation on a TIFF or on every TIFF of a folder: images that cannot be read or processed are named on
 * stderr and in the summary and the others are still done (exit code 1); outputs that exist are skipped, so a
 * repeated run continues where it stopped. Each output is written through a temporary file.
 */
abstract class FileOperation extends Subcommand {

	/** What one image gave: the object count (null when it means nothing) and a note. */
	record Outcome(Integer objects, String message) {}

	@Option(names = {"-i", "--input"}, required = true, paramLabel = "IN", description = "A TIFF file or a folder "
		+ "of TIFF files.")
	Path input;

	@Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The output file, or a "
		+ "folder (created if missing; its parent must exist) for one output per image.")
	Path output;

	@Mixin
	SummaryOption summaryFile;

	/** What an output's name adds to its input's, with the extension. */
	abstract String suffix();

	/** Checks the options before any work (throw {@link #usage}). */
	void checkOptions(Targets targets) {}

	/** Processes one image and writes {@code target}. */
	abstract Outcome process(Path inputFile, ImagePlus image, Path target);

	@Override
	int execute() {
		summaryFile.check();
		Targets targets = argument(() -> Targets.of(input, output, suffix()));
		checkOptions(targets);
		targets.createOutputFolder();
		Summary summary = new Summary();
		int n = targets.list().size();
		for (int i = 0; i < n; i++) {
			Targets.Target t = targets.list().get(i);
			progress.update(spec.name() + " " + t.input().getFileName() + " (" + (i + 1) + "/" + n + ")", i, n);
			one(t, summary);
		}
		progress.update(spec.name(), n, n);
		return finish(summary, summaryFile, progress);
	}

	private void one(Targets.Target t, Summary summary) {
		String file = t.input().getFileName().toString();
		if (Files.exists(t.output())) {
			summary.add(file, Summary.Status.SKIPPED, t.output().getFileName() + " exists (delete it to redo)",
				"objects", null, "seconds", 0.0);
			return;
		}
		long start = System.nanoTime();
		ImagePlus image = ImageFiles.openOrNull(t.input());
		if (image == null) {
			summary.add(file, Summary.Status.FAILED, "not an image ImageJ can open (empty, damaged or another format)",
				"objects", null, "seconds", 0.0);
			return;
		}
		try {
			Outcome o = process(t.input(), image, t.output());
			summary.add(file, Summary.Status.OK, o.message(), "objects", o.objects(), "seconds", seconds(start));
		}
		catch (SegKitException e) {
			summary.add(file, Summary.Status.FAILED, e.getMessage(), "objects", null, "seconds", seconds(start));
		}
		finally {
			image.close();
		}
	}

	static double seconds(long startNanos) {
		return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
	}

	/**
	 * Names every failed image on stderr, writes the summary and gives the exit code: 1 when an image failed.
	 */
	static int finish(Summary summary, SummaryOption file, CliProgress progress) {
		progress.endBar();
		for (var row : summary.rows()) if (Summary.Status.FAILED.word().equals(row.get("status"))) progress.warn(row
			.get("file") + " failed: " + row.get("message"));
		long failed = summary.count(Summary.Status.FAILED);
		progress.say(summary.count(Summary.Status.OK) + " done, " + summary.count(Summary.Status.SKIPPED)
			+ " skipped, " + failed + " failed" + (file.file != null ? "; summary: " + file.file : ""));
		file.write(summary);
		return failed > 0 ? SegKitCli.DATA_PROBLEM : SegKitCli.OK;
	}

	/** A whole number without decimals, else 6 significant digits. */
	static String number(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.6g", v);
	}

	/** The largest label of a label image: its object count when numbered 1..n. */
	static int maxLabel(ImagePlus labels) {
		return (int) labels.getStatistics().max;
	}
}
