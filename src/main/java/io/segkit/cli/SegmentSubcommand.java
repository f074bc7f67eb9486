package io.segkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.segkit.infer.SegmentationJob;
import io.segkit.infer.SlidingWindowPredictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Segment with Model on files: the one {@link SegmentationJob}. */
@Command(name = "segment", mixinStandardHelpOptions = true,
	description = {"Segments a TIFF, or every TIFF of a folder, with a model from train or auto-train (or the "
		+ "Fiji commands): sliding window, resampled to the model's voxel size and back.",
		"A folder run writes NAME-labels.tif per image and skips images whose output exists, so a repeated run "
			+ "continues; images that fail are named and the others are still segmented (exit code 1)."},
	footerHeading = "%nExamples:%n", footer = {
		"  segkit segment -i nuclei.tif -o nuclei-labels.tif -m nuclei-2d.zip",
		"  segkit segment -i new/ -o new-labels/ -m nuclei-2d.zip --labels objects --device gpu --summary run.csv",
		"  segkit segment -i stack.tif -o out/ -m nuclei-3d.zip --threads 8 --probabilities"})
final class SegmentSubcommand extends Subcommand {

	@Option(names = {"-i", "--input"}, required = true, paramLabel = "IN", description = "A TIFF file or a folder "
		+ "of TIFF files.")
	Path input;

	@Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The label image file "
		+ "(.tif), or a folder (created if missing; its parent must exist) for NAME-labels.tif.")
	Path output;

	@Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.zip", description = "A SegKit model.")
	Path model;

	@Option(names = "--labels", paramLabel = "automatic|classes|objects", defaultValue = "automatic", description =
		"classes: the class of every pixel; objects: each object numbered (an instance model splits touching "
		+ "objects); automatic: objects for a model trained on object labels, else classes (default: ${DEFAULT-VALUE}).")
	SegmentationJob.Output labels = SegmentationJob.Output.AUTOMATIC;

	@Option(names = "--postprocessing", paramLabel = "model|none|largest|largest_per_class", defaultValue = "model",
		description = "model: what cross-validation chose for the model (default); largest: the largest object "
			+ "only; largest_per_class: the largest of each class.")
	SegmentationJob.Cleanup postprocessing = SegmentationJob.Cleanup.MODEL;

	@Option(names = "--minimum-size", defaultValue = "0", description = "Remove parts smaller than this calibrated "
		+ "area or volume (default: 0 = keep all).")
	double minimumSize;

	@Option(names = "--probabilities", description = "Also write NAME-probabilities.tif (32-bit, one channel per "
		+ "class).")
	boolean probabilities;

	@Option(names = "--mirroring", description = "Average the predictions of mirrored copies, and "
		+ "where x and y pixels are the same size of copies turned by 90 degrees: smoother, 8x (2D) or 16x (3D) slower. "
		+ "Object models whose Auto-Train chose mirroring always mirror.")
	boolean mirroring;

	@Option(names = "--tile-step", defaultValue = "0.5", description = "Distance between tiles as a fraction of the "
		+ "tile (default: ${DEFAULT-VALUE}).")
	double tileStep = 0.5;

	@Mixin
	DeviceOption device;

	@Mixin
	SummaryOption summaryFile;

	@Override
	int execute() {
		summaryFile.check();
		if (!Files.isRegularFile(model)) throw usage("The model file '" + model + "' does not exist. Give a model "
			+ "(.zip) written by segkit train or auto-train.");
		if (!(tileStep >= 0.1 && tileStep <= 1)) throw usage("--tile-step must be between 0.1 and 1, not " + tileStep
			+ ".");
		Targets targets = argument(() -> Targets.of(input, output, "-labels.tif"));
		SlidingWindowPredictor.Options options = SlidingWindowPredictor.Options.defaults().withStep(tileStep)
			.withMirroring(mirroring);
		Summary summary = new Summary();
		try (SegmentationJob job = new SegmentationJob(model, device.device, options, labels, probabilities,
			postprocessing, minimumSize)) {
			job.setNotices(progress::say);
			progress.say("segmenting with " + model.getFileName() + " on " + job.device() + "; "
				+ job.describeLabelling());
			targets.createOutputFolder();
			for (SegmentationJob.Row row : rows(job, targets)) add(summary, row);
		}
		return FileOperation.finish(summary, summaryFile, progress);
	}

	private List<SegmentationJob.Row> rows(SegmentationJob job, Targets targets) {
		if (targets.folderRun()) return job.segmentFolder(input, targets.outputFolder(), progress);
		Targets.Target t = targets.list().get(0);
		if (Files.exists(t.output())) return List.of(new SegmentationJob.Row(t.input().getFileName().toString(),
			"skipped: " + t.output().getFileName() + " exists", 0, 0));
		Path probabilityFile = t.output().resolveSibling(Targets.name(t.output()) + "-probabilities.tif");
		return List.of(job.segmentFile(t.input(), t.output(), probabilityFile, progress));
	}

	/** A job's row as a summary row: "done" is ok, "skipped: why", "failed: why". */
	static void add(Summary summary, SegmentationJob.Row row) {
		String status = row.status();
		int colon = status.indexOf(':');
		String message = colon < 0 ? "" : status.substring(colon + 1).trim();
		Summary.Status s = row.failed() ? Summary.Status.FAILED : status.startsWith("skipped") ? Summary.Status.SKIPPED
			: Summary.Status.OK;
		summary.add(row.image(), s, message, "objects", s == Summary.Status.OK ? row.objectsOrClasses() : null,
			"seconds", Math.round(row.seconds() * 1e3) / 1e3);
	}
}
