package io.segkit.train;

import ai.djl.ndarray.NDManager;

import io.segkit.Progress;
import io.segkit.nn.SegmentationNetwork;

/**
 * Measures a network on the validation data after every epoch: the mean foreground Dice (NaN when no class is
 * present in the data nor predicted). The default is {@link PatchValidator}; a whole-case sliding-window validator
 * can be plugged into {@link Trainer} instead.
 */
@FunctionalInterface
public interface Validator {

	/**
	 * Called on the training thread with gradient recording off; temporary arrays go to a sub-manager of
	 * {@code manager}. Should call {@code progress.checkCancelled()} now and then.
	 */
	double meanForegroundDice(SegmentationNetwork net, NDManager manager, Progress progress);

	/** Makes the validator for a run (the default makes a {@link PatchValidator}). */
	@FunctionalInterface
	interface Factory {

		/**
		 * @param validationCases the held-out cases (the training cases when none were held out)
		 * @param spec the model being trained
		 * @param settings the run's settings
		 */
		Validator create(java.util.List<PreparedCase> validationCases, io.segkit.model.ModelSpec spec,
			TrainingSettings settings);
	}
}
