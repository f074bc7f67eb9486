package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import io.segkit.SegKitException;
import io.segkit.engine.Engines;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Networks;

/** Reading a training checkpoint: what is refused, and with which words. */
class CheckpointTest {

	private static final Path FILE = Path.of("folder", Trainer.LAST_FILE);
	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

	@TempDir
	Path dir;

	private static Checkpoint.State state(int version) {
		return new Checkpoint.State(version, 3, TrainingSettings.defaults(), List.of("a", "b"), List.of("c"), 0.5,
			0.6, 0.7, 2, 1);
	}

	private static Map<String, byte[]> extras(String stateJson) {
		return Map.of(Checkpoint.STATE, stateJson.getBytes(StandardCharsets.UTF_8));
	}

	private Path bundle(Map<String, byte[]> extras) {
		ModelSpec spec = TrainingTesting.template(2, 2);
		Path file = dir.resolve("model.zip");
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			ModelBundle.write(file, spec, List.of(Networks.createInitialized(spec.network(), manager, 1)), extras);
		}
		return file;
	}

	@Test
	void aModelWithoutTrainingStateIsRefused() {
		Path model = bundle(Map.of());
		SegKitException e = assertThrows(SegKitException.class, () -> Checkpoint.read(model));
		assertEquals("model.zip is a model but not a training checkpoint (it has no training state), so training "
			+ "cannot resume from it. Choose the 'model-last.zip' file of a training folder.", e.getMessage());
	}

	@Test
	void aModelWithOnlyPartOfTheTrainingStateIsRefused() {
		Path model = bundle(Map.of(Checkpoint.STATE, "{}".getBytes(StandardCharsets.UTF_8), Checkpoint.HISTORY,
			EpochRecord.toCsv(List.of()).getBytes(StandardCharsets.UTF_8)));
		SegKitException e = assertThrows(SegKitException.class, () -> Checkpoint.read(model));
		assertTrue(e.getMessage().startsWith("model.zip is a model but not a training checkpoint"), e.getMessage());
	}

	@Test
	void aCompleteCheckpointGivesItsExtras() {
		byte[] optimizer = { 1, 2, 3 };
		Path model = bundle(Map.of(Checkpoint.STATE, GSON.toJson(state(1)).getBytes(StandardCharsets.UTF_8),
			Checkpoint.HISTORY, EpochRecord.toCsv(List.of()).getBytes(StandardCharsets.UTF_8), Checkpoint.OPTIMIZER,
			optimizer));
		Map<String, byte[]> extras = Checkpoint.read(model);
		assertEquals(List.of(), Checkpoint.history(extras));
		assertEquals(3, Checkpoint.state(extras, model).epochsDone());
	}

	@Test
	void theStateReadsBack() {
		Checkpoint.State s = Checkpoint.state(extras(GSON.toJson(state(1))), FILE);
		assertEquals(1, s.version());
		assertEquals(3, s.epochsDone());
		assertEquals(List.of("a", "b"), s.trainingCases());
		assertEquals(List.of("c"), s.validationCases());
		assertEquals(0.6, s.bestSmoothedDice(), 0);
		assertEquals(2, s.bestEpoch());
		assertEquals(TrainingSettings.defaults().toString(), s.settings().toString());
	}

	@Test
	void aNewerCheckpointVersionIsRefused() {
		SegKitException e = assertThrows(SegKitException.class, () -> Checkpoint.state(extras(GSON.toJson(state(
			Checkpoint.VERSION + 1))), FILE));
		assertEquals("model-last.zip was written by a newer SegKit (checkpoint version 2). Update SegKit to resume it.",
			e.getMessage());
	}

	@Test
	void aDamagedStateIsCalledDamaged() {
		String whole = GSON.toJson(state(1));
		for (String bad : new String[] { "not json {", whole.substring(0, whole.length() / 2), "{}", "",
			"[1, 2]", "{\"version\": 1, \"epochsDone\": \"many\"}" }) {
			SegKitException e = assertThrows(SegKitException.class, () -> Checkpoint.state(extras(bad), FILE), bad);
			assertTrue(e.getMessage().startsWith("The training state in model-last.zip is damaged ("), e.getMessage());
			assertTrue(e.getMessage().endsWith("); training cannot resume from it."), e.getMessage());
		}
	}
}
