package io.segkit.autotrain;

import java.util.List;

import io.segkit.train.EpochRecord;

/**
 * Follows an Auto-Train run: progress lines (folds, choice, postprocessing) and, for a live plot, every finished
 * epoch of every fold. Called on the training thread; keep it quick.
 */
@FunctionalInterface
public interface AutoTrainListener {

	/** One line for the Log. */
	void line(String text);

	/** An epoch of {@code fold} (0-based) of {@code configuration} finished; {@code history} is that fold's so far. */
	default void epochFinished(String configuration, int fold, EpochRecord record, List<EpochRecord> history) {}
}
