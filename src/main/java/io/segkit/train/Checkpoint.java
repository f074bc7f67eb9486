package io.segkit.train;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import io.segkit.SegKitException;
import io.segkit.model.ModelBundle;

/**
 * The training state a model bundle carries beside its weights, in extra entries: {@value #STATE} (settings,
 * split, epoch, smoothed-Dice bookkeeping), {@value #HISTORY} (one line per epoch) and {@value #OPTIMIZER} (the
 * optimiser's arrays as a DJL NDList). The random streams need no state: batch k is drawn from (seed, k).
 */
final class Checkpoint {

	static final String STATE = ModelBundle.Entries.TRAINING_STATE;
	static final String HISTORY = ModelBundle.Entries.TRAINING_HISTORY;
	static final String OPTIMIZER = ModelBundle.Entries.OPTIMIZER_STATE;
	static final int VERSION = 1;

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
		.create();

	private Checkpoint() {}

	/**
	 * @param epochsDone epochs finished
	 * @param smoothedDice the current exponential moving average of the validation Dice (NaN before the first)
	 * @param bestSmoothedDice the best moving average so far (NaN before the first)
	 * @param bestDice the raw validation Dice of the best epoch
	 * @param bestEpoch the epoch of the best checkpoint (0 = none)
	 */
	record State(int version, int epochsDone, TrainingSettings settings, List<String> trainingCases,
			List<String> validationCases, double smoothedDice, double bestSmoothedDice, double bestDice, int bestEpoch,
			int epochsWithoutImprovement) {}

	static Map<String, byte[]> extras(State state, List<EpochRecord> history, ParameterOptimizer optimizer) {
		Map<String, byte[]> extras = new LinkedHashMap<>();
		extras.put(STATE, GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
		extras.put(HISTORY, EpochRecord.toCsv(history).getBytes(StandardCharsets.UTF_8));
		extras.put(OPTIMIZER, optimizer.state().encode());
		return extras;
	}

	/** The extras of a bundle that must be a training checkpoint. */
	static Map<String, byte[]> read(Path file) {
		Map<String, byte[]> extras = ModelBundle.readExtras(file);
		if (!extras.containsKey(STATE) || !extras.containsKey(HISTORY) || !extras.containsKey(OPTIMIZER)) {
			throw new SegKitException(file.getFileName() + " is a model but not a training checkpoint (it has no "
				+ "training state), so training cannot resume from it. Choose the '" + Trainer.LAST_FILE
				+ "' file of a training folder.");
		}
		return extras;
	}

	static State state(Map<String, byte[]> extras, Path file) {
		try {
			State s = GSON.fromJson(new String(extras.get(STATE), StandardCharsets.UTF_8), State.class);
			if (s == null || s.settings() == null || s.trainingCases() == null) throw new JsonParseException("empty");
			if (s.version() > VERSION) {
				throw new SegKitException(file.getFileName() + " was written by a newer SegKit (checkpoint version "
					+ s.version() + "). Update SegKit to resume it.");
			}
			s.settings().toBuilder().build(); // re-checks the settings
			return s;
		}
		catch (JsonParseException | IllegalStateException e) {
			throw new SegKitException("The training state in " + file.getFileName() + " is damaged (" + e.getMessage()
				+ "); training cannot resume from it.", e);
		}
	}

	static List<EpochRecord> history(Map<String, byte[]> extras) {
		return EpochRecord.fromCsv(new String(extras.get(HISTORY), StandardCharsets.UTF_8));
	}

	static NDList optimizerState(Map<String, byte[]> extras, NDManager manager) {
		return NDList.decode(manager, extras.get(OPTIMIZER));
	}
}
