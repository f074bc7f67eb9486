package io.segkit.model;

import java.util.List;

/**
 * What a model was trained on and how, stored in the bundle so that a shared model says where it came from.
 *
 * @param caseNames the training cases (validation cases included)
 * @param validationCaseNames the cases held out for validation
 * @param epochs epochs trained
 * @param bestValidationDice the best mean foreground Dice on the validation cases (NaN when there were none)
 * @param optimizer for example "SGD Nesterov lr 0.01 poly" or "Adam lr 3e-4"
 * @param device where it was trained, for example "cpu()"
 * @param finished ISO-8601 time the training ended
 */
public record TrainingSummary(List<String> caseNames, List<String> validationCaseNames, int epochs,
		double bestValidationDice, String optimizer, String device, String finished) {

	public TrainingSummary {
		caseNames = caseNames == null ? List.of() : List.copyOf(caseNames);
		validationCaseNames = validationCaseNames == null ? List.of() : List.copyOf(validationCaseNames);
	}

	public static TrainingSummary none() {
		return new TrainingSummary(List.of(), List.of(), 0, Double.NaN, "", "", "");
	}
}
