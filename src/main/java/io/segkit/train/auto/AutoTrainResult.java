package io.segkit.train.auto;

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
 * @param chosen the configuration whose folds the bundle holds
 * @param crossValidationDice mean foreground Dice over all cross-validation cases per candidate (configurations and,
 *        with two, their ensemble "2d+3d_fullres")
 * @param bestCandidate the candidate with the highest Dice; differs from {@code chosen} when the ensemble would have
 *        won (the bundle holds one configuration)
 * @param report per case and class Dice / IoU / HD95 of the chosen configuration, postprocessing applied
 * @param foldOfCase which fold predicted each case
 */
public record AutoTrainResult(Path modelFile, String chosen, String bestCandidate, Map<String, Double> crossValidationDice,
		ValidationReport report, PostprocessingDecision postprocessing, List<FoldSummary> folds,
		Map<String, Integer> foldOfCase, Plans plans) {

	public AutoTrainResult {
		crossValidationDice = Map.copyOf(crossValidationDice);
		folds = List.copyOf(folds);
		foldOfCase = Map.copyOf(foldOfCase);
	}

	/** Whether the 2D + 3D ensemble scored best but a single configuration was shipped. */
	public boolean ensembleWouldWin() {
		return !bestCandidate.equals(chosen);
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
			.format(Locale.ROOT, "  %s: mean foreground Dice %.4f%n", e.getKey(), e.getValue())));
		b.append("  chosen: ").append(chosen);
		if (ensembleWouldWin()) b.append(" (the ensemble ").append(bestCandidate).append(" scored higher; the bundle "
			+ "holds one configuration)");
		b.append('\n').append("  postprocessing: ").append(postprocessing.changesAnything() ? postprocessing
			.toString() : "none").append('\n');
		b.append(String.format(Locale.ROOT, "  final cross-validation Dice (postprocessed): %.4f%n", report
			.foregroundMeanDice()));
		b.append("  model: ").append(modelFile);
		return b.toString();
	}
}
