package io.segkit.autotrain;

import java.util.List;

import io.segkit.train.TrainingResult;

/**
 * One trained fold of one configuration.
 *
 * @param secondsPerEpoch mean training time of an epoch (NaN when none finished)
 * @param trainerDice the best smoothed validation Dice the trainer saw (patches)
 * @param crossValidationDice mean foreground Dice of the fold's validation cases, predicted whole
 */
public record FoldSummary(String configuration, int fold, List<String> trainingCases, List<String> validationCases,
		int epochs, double secondsPerEpoch, double trainerDice, double crossValidationDice,
		TrainingResult.StopReason stopReason) {

	public FoldSummary {
		trainingCases = List.copyOf(trainingCases);
		validationCases = List.copyOf(validationCases);
	}
}
