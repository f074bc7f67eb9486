package io.segkit.train;

import java.util.List;

/** Receives the figures of every finished epoch (on the training thread; keep it quick), e.g. for a live plot. */
@FunctionalInterface
public interface TrainingListener {

	/** Called after each epoch's checkpoint is written; {@code history} holds every epoch so far, this one last. */
	void epochFinished(EpochRecord record, List<EpochRecord> history);

	TrainingListener NONE = (record, history) -> {};
}
