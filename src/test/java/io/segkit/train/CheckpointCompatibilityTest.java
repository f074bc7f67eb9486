package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Checkpoints written before the model description became the only source of the network stored architecture,
 * features, patch and deep supervision in their settings too; such checkpoints still resume (the network comes from
 * the checkpoint's model description, the extra settings are ignored).
 */
class CheckpointCompatibilityTest {

	@Test
	void aCheckpointWhoseSettingsAlsoDescribeTheNetworkStillReads() {
		TrainingSettings settings = TrainingSettings.defaults().toBuilder().batchSize(2).epochs(7).seed(5).build();
		Checkpoint.State state = new Checkpoint.State(Checkpoint.VERSION, 3, settings, List.of("a", "b"), List.of("c"),
			0.5, 0.6, 0.7, 2, 1);
		JsonObject json = JsonParser.parseString(new com.google.gson.Gson().toJson(state)).getAsJsonObject();
		JsonObject old = json.getAsJsonObject("settings");
		old.addProperty("architecture", "PLAIN_UNET");
		old.add("features", numbers(16, 32, 64, 128));
		old.add("patch", numbers(128, 128));
		old.addProperty("deepSupervision", true);
		Checkpoint.State read = Checkpoint.state(Map.of(Checkpoint.STATE, json.toString().getBytes(
			StandardCharsets.UTF_8)), Path.of("model-last.zip"));
		assertEquals(3, read.epochsDone());
		assertEquals(List.of("a", "b"), read.trainingCases());
		assertEquals(settings.toString(), read.settings().toString());
		assertEquals(7, read.settings().epochs());
		assertEquals(2, read.settings().batchSize());
	}

	private static JsonArray numbers(int... values) {
		JsonArray a = new JsonArray();
		for (int v : values) a.add(v);
		return a;
	}
}
