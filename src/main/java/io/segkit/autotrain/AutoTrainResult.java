package io.segkit.autotrain;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.segkit.eval.ValidationReport;
import io.segkit.infer.PostprocessingDecision;
import io.segkit.plan.Plans;

/**
 * What Auto-Train produced.
 *
 * @param modelFile the written bundle
 * @param chosen the candidate with the highest Dice (for object labels: the highest object score), whose folds the
 *        bundle holds: a configuration, or the ensemble "2d+3d_fullres" (both configurations' folds)
 * @param crossValidationDice mean foreground Dice over all cross-validation cases per candidate (configurations and,
 *        with two, their ensemble "2d+3d_fullres")
 * @param report per case and class Dice / IoU / HD95 of the chosen candidate, postprocessing applied
 * @param foldOfCase which fold predicted each case
 * @param objects for object labels (an instance model): the chosen decoding and the cross-validation object scores;
 *        null for class labels
 */
public record AutoTrainResult(Path modelFile, String chosen, Map<String, Double> crossValidationDice,
		ValidationReport report, PostprocessingDecision postprocessing, List<FoldSummary> folds,
		Map<String, Integer> foldOfCase, Plans plans, ObjectSummary objects) {

	/**
	 * Cross-validation object scores of an instance model, means over the validation cases; {@code candidates}: the
	 * mean F1 over IoU 0.5-0.9 of every candidate with the starting decoding, which chose among them.
	 */
	public record ObjectSummary(io.segkit.model.InstanceDecoding decoding, double f1, double meanF1,
		double panopticQuality, int cases, Map<String, Double> candidates) {

		public ObjectSummary {
			candidates = Map.copyOf(candidates);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "object F1 (IoU 0.5) %.4f, mean F1 (IoU 0.5-0.9) %.4f, PQ %.4f over %d "
				+ "cases; %s", f1, meanF1, panopticQuality, cases, decoding);
		}
	}

	public AutoTrainResult {
		crossValidationDice = Map.copyOf(crossValidationDice);
		folds = List.copyOf(folds);
		foldOfCase = Map.copyOf(foldOfCase);
	}

	/** Whether the bundle holds the 2D + 3D ensemble. */
	public boolean ensemble() {
		return chosen.equals(AutoTrainer.ENSEMBLE);
	}

	/** A few lines for the Log: time per epoch and Dice per fold, the candidates, the choice and postprocessing. */
	public String summary() {
		StringBuilder b = new StringBuilder("Auto-Train summary\n");
		for (FoldSummary f : folds) {
			b.append(String.format(Locale.ROOT, "  %s fold %d: %d epochs, %.2f s/epoch, stopped: %s, "
				+ "cross-validation Dice %.4f (%d cases)%n", f.configuration(), f.fold(), f.epochs(), f
					.secondsPerEpoch(), f.stopReason(), f.crossValidationDice(), f.validationCases().size()));
		}
		crossValidationDice.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append(String
			.format(Locale.ROOT, "  %s: mean foreground Dice %.4f%s%n", e.getKey(), e.getValue(), objects == null ? ""
				: String.format(Locale.ROOT, ", object mean F1 %.4f", objects.candidates().get(e.getKey())))));
		b.append("  chosen: ").append(chosen).append(ensemble() ? " (probabilities of both averaged)" : "")
			.append('\n');
		b.append("  postprocessing: ").append(postprocessing.changesAnything() ? postprocessing
			.toString() : "none").append('\n');
		b.append(String.format(Locale.ROOT, "  final cross-validation Dice (postprocessed): %.4f%n", report
			.foregroundMeanDice()));
		if (objects != null) b.append("  objects: ").append(objects).append('\n');
		b.append("  model: ").append(modelFile);
		return b.toString();
	}
}
