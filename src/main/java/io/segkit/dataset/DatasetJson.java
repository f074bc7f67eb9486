package io.segkit.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.segkit.SegKitException;
import io.segkit.files.Json;

/**
 * nnU-Net v2's {@code dataset.json}: channel names (which decide the normalization: "CT" gets CT
 * normalization, anything else z-score), label names and values, number of training cases and the
 * file ending. Other entries of a file that was read are kept and written back.
 *
 * @param channelNames channel index ("0", "1", ...) to name, in order
 * @param labels label name to value (nnU-Net region labels, lists of values, are kept as -1)
 * @param numTraining number of training cases
 * @param fileEnding e.g. ".tif"
 * @param useMaskForNorm nnU-Net's optional "use_mask_for_norm" override (null if absent)
 * @param name optional dataset name (null if absent)
 */
public record DatasetJson(Map<String, String> channelNames, Map<String, Integer> labels, int numTraining,
	String fileEnding, Boolean useMaskForNorm, String name, JsonObject extra)
{

	public DatasetJson {
		channelNames = Collections.unmodifiableMap(new LinkedHashMap<>(channelNames));
		labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
		extra = extra == null ? new JsonObject() : extra.deepCopy();
		if (channelNames.isEmpty()) throw new SegKitException("dataset.json names no channel: add \"channel_names\".");
		if (labels.isEmpty()) throw new SegKitException("dataset.json names no label: add \"labels\".");
	}

	public DatasetJson(Map<String, String> channelNames, Map<String, Integer> labels, int numTraining,
		String fileEnding)
	{
		this(channelNames, labels, numTraining, fileEnding, null, null, null);
	}

	/** The same with another dataset name. */
	public DatasetJson withName(String newName) {
		return new DatasetJson(channelNames, labels, numTraining, fileEnding, useMaskForNorm, newName, extra);
	}

	@Override
	public JsonObject extra() {
		return extra.deepCopy();
	}

	public int numberOfChannels() {
		return channelNames.size();
	}

	/** Network outputs: one per entry of "labels" (background included), as nnU-Net counts them. */
	public int numberOfLabels() {
		return labels.size();
	}

	/** Channel names in channel order. */
	public List<String> channelNameList() {
		return new ArrayList<>(channelNames.values());
	}

	public String toJson() {
		JsonObject o = new JsonObject();
		JsonObject channels = new JsonObject();
		channelNames.forEach(channels::addProperty);
		o.add("channel_names", channels);
		JsonObject labelObject = new JsonObject();
		labels.forEach(labelObject::addProperty);
		o.add("labels", labelObject);
		o.addProperty("numTraining", numTraining);
		o.addProperty("file_ending", fileEnding);
		if (useMaskForNorm != null) o.addProperty("use_mask_for_norm", useMaskForNorm);
		if (name != null) o.addProperty("name", name);
		for (Map.Entry<String, JsonElement> e : extra.entrySet()) {
			if (!o.has(e.getKey())) o.add(e.getKey(), e.getValue().deepCopy());
		}
		return Json.format(o);
	}

	public static DatasetJson fromJson(String text) {
		String what = "dataset.json";
		JsonObject o = Json.parseObject(text, what);
		// nnU-Net v2 still accepts the v1 name "modality" for "channel_names"
		JsonElement channelElement = o.has("channel_names") ? o.get("channel_names") : o.get("modality");
		if (channelElement == null || !channelElement.isJsonObject()) throw new SegKitException(
			"dataset.json has no \"channel_names\" entry (for example {\"0\": \"CT\"}).");
		Map<String, String> channels = new LinkedHashMap<>();
		for (Map.Entry<String, JsonElement> e : channelElement.getAsJsonObject().entrySet()) {
			channels.put(e.getKey(), e.getValue().getAsString());
		}
		Map<String, Integer> labels = new LinkedHashMap<>();
		for (Map.Entry<String, JsonElement> e : Json.required(o, "labels", what).getAsJsonObject().entrySet()) {
			JsonElement v = e.getValue();
			labels.put(e.getKey(), v.isJsonPrimitive() ? v.getAsInt() : -1);
		}
		int numTraining = Json.required(o, "numTraining", what).getAsInt();
		String fileEnding = o.has("file_ending") ? o.get("file_ending").getAsString() : ".tif";
		Boolean useMask = o.has("use_mask_for_norm") && !o.get("use_mask_for_norm").isJsonNull() ? o.get(
			"use_mask_for_norm").getAsBoolean() : null;
		String name = o.has("name") && o.get("name").isJsonPrimitive() ? o.get("name").getAsString() : null;
		JsonObject extra = new JsonObject();
		for (Map.Entry<String, JsonElement> e : o.entrySet()) {
			switch (e.getKey()) {
				case "channel_names", "modality", "labels", "numTraining", "file_ending", "use_mask_for_norm", "name":
					break;
				default:
					extra.add(e.getKey(), e.getValue().deepCopy());
			}
		}
		return new DatasetJson(channels, labels, numTraining, fileEnding, useMask, name, extra);
	}

	public static DatasetJson read(Path file) {
		return fromJson(Json.read(file, "dataset.json"));
	}

	public void write(Path file) {
		Json.write(file, toJson(), "dataset.json");
	}
}
