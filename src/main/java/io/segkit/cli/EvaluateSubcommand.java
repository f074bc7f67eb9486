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
import io.segkit.eval.ObjectMatching;
import io.segkit.eval.ObjectScores;
import io.segkit.eval.SegmentationScores;
import io.segkit.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Compare to Ground Truth on files: the scores of {@link SegmentationScores}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
	description = {"Scores label images (or masks) against ground-truth label images: foreground Dice and IoU, and "
		+ "objects matched one-to-one at IoU >= 0.5 to 0.9: precision, recall and F1 at IoU 0.5, mean F1 over IoU "
		+ "0.5-0.9, mean matched IoU, panoptic quality (PQ) and the F1 at each threshold.",
		"In folders, each prediction goes with the ground truth of the same name, or of its name without SegKit's "
			+ "-labels/-objects/-classes/-mask/-split suffix. Prints one tab-separated line per image and the mean; "
			+ "--summary has every score."},
	footerHeading = "%nExamples:%n", footer = {
		"  segkit evaluate -p nuclei-labels.tif -g truth/nuclei.tif",
		"  segkit evaluate -p predicted/ -g truth/ --summary scores.csv"})
final class EvaluateSubcommand extends Subcommand {

	/** The score columns: foreground Dice and IoU, object counts and scores at IoU 0.5, then F1 at each threshold. */
	static final List<String> SCORES = scores();

	/** The columns printed on stdout after the file name. */
	private static final List<String> PRINTED = List.of("dice", "iou", "precision", "recall", "f1", "mean_f1", "pq");

	private static List<String> scores() {
		List<String> keys = new ArrayList<>(List.of("dice", "iou", "objects", "true_objects", "matched", "precision",
			"recall", "f1", "mean_f1", "mean_matched_iou", "pq"));
		for (double t : ObjectMatching.THRESHOLDS) keys.add(f1Key(t));
		return List.copyOf(keys);
	}

	/** "f1@0.5", "f1@0.55", ..., "f1@0.9". */
	static String f1Key(double threshold) {
		return "f1@" + threshold;
	}

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
		cli.out.println("file\t" + String.join("\t", PRINTED));
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
			SegmentationScores s = SegmentationScores.compare(p, t, progress);
			return summary.add(file, Summary.Status.OK, "ground truth " + truth.getFileName(), columns(s, start));
		}
		catch (SegKitException e) {
			return summary.add(file, Summary.Status.FAILED, e.getMessage());
		}
		finally {
			if (p != null) p.close();
			if (t != null) t.close();
		}
	}

	/** Key, value, key, value ... of every score in {@link #SCORES}' order, then the seconds taken. */
	private static Object[] columns(SegmentationScores s, long start) {
		ObjectScores o = s.objects();
		List<Object> c = new ArrayList<>(List.of("dice", s.foregroundDice(), "iou", s.foregroundIoU(), "objects", o
			.predictedObjects(), "true_objects", o.trueObjects(), "matched", o.matched(), "precision", o.precision(),
			"recall", o.recall(), "f1", o.f1(), "mean_f1", o.meanF1(), "mean_matched_iou", o.meanMatchedIoU(), "pq", o
				.panopticQuality()));
		for (ObjectScores.AtThreshold a : o.byThreshold()) c.addAll(List.of(f1Key(a.threshold()), a.f1()));
		c.addAll(List.of("seconds", FileOperation.seconds(start)));
		return c.toArray();
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
		StringBuilder line = new StringBuilder(String.valueOf(row.get("file")));
		for (String key : PRINTED) line.append(String.format(Locale.ROOT, "\t%.4f", ((Number) row.get(key))
			.doubleValue()));
		return line.toString();
	}
}
