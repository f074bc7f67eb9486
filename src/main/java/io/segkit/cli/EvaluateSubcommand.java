package io.segkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;

import io.segkit.SegKitException;
import io.segkit.dataset.TrainingFolder;
import io.segkit.eval.SegmentationScores;
import io.segkit.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Compare to Ground Truth on files: the scores of {@link SegmentationScores}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
	description = {"Scores label images (or masks) against ground-truth label images: foreground Dice and IoU, and "
		+ "object matching (IoU > 0.5) with precision, recall and F1.",
		"In folders, each prediction goes with the ground truth of the same name, or of its name without SegKit's "
			+ "-labels/-objects/-classes/-mask/-split suffix. Prints one tab-separated line per image and the mean."},
	footerHeading = "%nExamples:%n", footer = {
		"  segkit evaluate -p nuclei-labels.tif -g truth/nuclei.tif",
		"  segkit evaluate -p predicted/ -g truth/ --summary scores.csv"})
final class EvaluateSubcommand extends Subcommand {

	static final List<String> SCORES = List.of("dice", "iou", "objects", "true_objects", "matched", "precision",
		"recall", "f1", "mean_matched_iou");

	@Option(names = {"-p", "--predictions"}, required = true, paramLabel = "PRED", description = "A label image or "
		+ "a folder of them.")
	Path predictions;

	@Option(names = {"-g", "--ground-truth"}, required = true, paramLabel = "TRUTH", description = "The ground "
		+ "truth: a label image, or a folder when PRED is a folder.")
	Path groundTruth;

	@Mixin
	SummaryOption summaryFile;

	@Override
	int execute() {
		summaryFile.check();
		List<Path[]> pairs = pairs();
		Summary summary = new Summary();
		cli.out.println(String.join("\t", List.of("file", "dice", "iou", "precision", "recall", "f1")));
		for (int i = 0; i < pairs.size(); i++) {
			Path[] pair = pairs.get(i);
			progress.update("evaluate " + pair[0].getFileName() + " (" + (i + 1) + "/" + pairs.size() + ")", i, pairs
				.size());
			Map<String, Object> row = one(pair[0], pair[1], summary);
			if (row.containsKey("dice")) cli.out.println(line(row));
		}
		addMean(summary);
		return FileOperation.finish(summary, summaryFile, progress);
	}

	/** (prediction, ground truth or null) for each prediction. */
	private List<Path[]> pairs() {
		if (!Files.exists(predictions)) throw usage("The predictions '" + predictions + "' do not exist.");
		if (!Files.exists(groundTruth)) throw usage("The ground truth '" + groundTruth + "' does not exist.");
		boolean folder = Files.isDirectory(predictions);
		if (folder != Files.isDirectory(groundTruth)) throw usage("Give two folders or two files: the predictions "
			+ "and the ground truth.");
		List<Path[]> pairs = new ArrayList<>();
		if (!folder) {
			pairs.add(new Path[] {predictions, groundTruth});
			return pairs;
		}
		List<Path> files = TrainingFolder.tiffs(predictions);
		if (files.isEmpty()) throw usage("There are no TIFF files (.tif, .tiff) in '" + predictions + "'.");
		for (Path p : files) pairs.add(new Path[] {p, Targets.partner(p, groundTruth)});
		return pairs;
	}

	private Map<String, Object> one(Path predicted, Path truth, Summary summary) {
		String file = predicted.getFileName().toString();
		long start = System.nanoTime();
		if (truth == null) return summary.add(file, Summary.Status.FAILED, "no ground truth of that name in '"
			+ groundTruth + "'");
		ImagePlus p = ImageFiles.openOrNull(predicted), t = ImageFiles.openOrNull(truth);
		try {
			if (p == null || t == null) return summary.add(file, Summary.Status.FAILED, "'" + (p == null ? predicted
				: truth).getFileName() + "' is not an image ImageJ can open (empty, damaged or another format)");
			SegmentationScores s = SegmentationScores.compare(p, t);
			return summary.add(file, Summary.Status.OK, "ground truth " + truth.getFileName(), "dice", s
				.foregroundDice(), "iou", s.foregroundIoU(), "objects", s.predictedObjects(), "true_objects", s
					.trueObjects(), "matched", s.matchedObjects(), "precision", s.precision(), "recall", s.recall(),
				"f1", s.f1(), "mean_matched_iou", s.meanMatchedIoU(), "seconds", FileOperation.seconds(start));
		}
		catch (SegKitException e) {
			return summary.add(file, Summary.Status.FAILED, e.getMessage());
		}
		finally {
			if (p != null) p.close();
			if (t != null) t.close();
		}
	}

	/** The mean of every score over the images scored: a last row "mean", and a line on stdout. */
	private void addMean(Summary summary) {
		List<Map<String, Object>> ok = summary.rows().stream().filter(r -> r.containsKey("dice")).toList();
		if (ok.isEmpty()) return;
		Object[] extra = new Object[SCORES.size() * 2];
		for (int k = 0; k < SCORES.size(); k++) {
			String key = SCORES.get(k);
			extra[2 * k] = key;
			extra[2 * k + 1] = ok.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).average().orElse(
				Double.NaN);
		}
		Map<String, Object> mean = summary.addTotal("mean", "mean of " + ok.size() + " images", extra);
		cli.out.println(line(mean));
	}

	private static String line(Map<String, Object> row) {
		return String.format(Locale.ROOT, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f", row.get("file"), row.get("dice"), row
			.get("iou"), row.get("precision"), row.get("recall"), row.get("f1"));
	}
}
