package io.segkit.train;

import java.nio.file.Path;
import java.util.List;

import io.segkit.model.ModelSpec;

/**
 * What a training run left behind. Both files are model bundles that predict like any model and carry the
 * checkpoint state, so either can be resumed (normally the last one).
 *
 * @param best the checkpoint with the best smoothed validation Dice (null when no epoch finished)
 * @param last the checkpoint after the last finished epoch (epoch 0 = the initial weights when none finished)
 * @param history every finished epoch, including those before a resume
 * @param stopReason why training stopped
 * @param spec the description written into the last checkpoint
 * @param medianStepSeconds the median wall-clock seconds of this run's training steps, waiting for the batch
 *        included (NaN when none ran): what an iteration costs on this machine, warm-up aside
 */
public record TrainingResult(Path best, Path last, List<EpochRecord> history, StopReason stopReason,
		ModelSpec spec, double medianStepSeconds) {

	/** Why a training run ended. */
	public enum StopReason {
		/** All epochs were trained. */
		FINISHED,
		/** The next epoch would not have fitted in the time budget. */
		TIME_BUDGET,
		/** The smoothed validation Dice did not improve for {@code patience} epochs. */
		EARLY_STOP,
		/** The user cancelled; {@link #last} holds the last finished epoch, from which training can resume. */
		CANCELLED,
		/**
		 * The loss or its gradients stayed non-finite for many steps after at least one epoch was saved; the run
		 * ends there and {@link #best} keeps the best epoch (a run that diverges before its first epoch throws).
		 */
		DIVERGED
	}

	public TrainingResult {
		history = List.copyOf(history);
	}

	/** Epochs finished. */
	public int epochs() {
		return history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
	}
}
