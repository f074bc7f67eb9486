package io.segkit.infer;

import java.util.Arrays;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;

/**
 * Which postprocessing cross-validation chose (see {@link Postprocessing#decide}); stored in the model
 * bundle and applied to every prediction.
 *
 * @param keepLargestForeground keep only the largest component of all foreground
 * @param keepLargestClasses then keep only the largest component of each of these classes
 * @param connectivity which voxels count as neighbours
 * @param diceBefore mean foreground Dice of the validation predictions without postprocessing
 * @param diceAfter the same with the chosen postprocessing (equal when nothing was chosen)
 */
public record PostprocessingDecision(boolean keepLargestForeground, int[] keepLargestClasses,
	Connectivity connectivity, double diceBefore, double diceAfter)
{

	static final int FORMAT_VERSION = 1;

	/** No postprocessing. */
	public static final PostprocessingDecision NONE = new PostprocessingDecision(false, new int[0],
		Postprocessing.DEFAULT_CONNECTIVITY, Double.NaN, Double.NaN);

	public PostprocessingDecision {
		keepLargestClasses = keepLargestClasses == null ? new int[0] : keepLargestClasses.clone();
		if (connectivity == null) connectivity = Postprocessing.DEFAULT_CONNECTIVITY;
	}

	@Override
	public int[] keepLargestClasses() {
		return keepLargestClasses.clone();
	}

	/** True when the decision changes predictions. */
	public boolean changesAnything() {
		return keepLargestForeground || keepLargestClasses.length > 0;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof PostprocessingDecision d && d.keepLargestForeground == keepLargestForeground && Arrays
			.equals(d.keepLargestClasses, keepLargestClasses) && d.connectivity == connectivity && Double.compare(
				d.diceBefore, diceBefore) == 0 && Double.compare(d.diceAfter, diceAfter) == 0;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(keepLargestClasses) * 31 + Boolean.hashCode(keepLargestForeground);
	}

	@Override
	public String toString() {
		if (!changesAnything()) return "no postprocessing";
		String s = keepLargestForeground ? "keep the largest foreground component" : "";
		if (keepLargestClasses.length > 0) s += (s.isEmpty() ? "" : ", then ") +
			"keep the largest component of class(es) " + Arrays.toString(keepLargestClasses);
		return s + " (" + connectivity.count() + "-connected)";
	}

	public String toJson() {
		JsonObject o = new JsonObject();
		o.addProperty("format_version", FORMAT_VERSION);
		o.addProperty("keep_largest_foreground_component", keepLargestForeground);
		JsonArray classes = new JsonArray();
		for (int c : keepLargestClasses) classes.add(c);
		o.add("keep_largest_component_of_classes", classes);
		o.addProperty("connectivity", connectivity.count());
		if (!Double.isNaN(diceBefore)) o.addProperty("validation_dice_before", diceBefore);
		if (!Double.isNaN(diceAfter)) o.addProperty("validation_dice_after", diceAfter);
		return new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
	}

	public static PostprocessingDecision fromJson(String text) {
		try {
			JsonObject o = JsonParser.parseString(text).getAsJsonObject();
			int version = o.has("format_version") ? o.get("format_version").getAsInt() : FORMAT_VERSION;
			if (version > FORMAT_VERSION) throw new SegKitException("The postprocessing was saved by a newer SegKit " +
				"(format " + version + "). Update SegKit to use this model.");
			boolean foreground = o.get("keep_largest_foreground_component").getAsBoolean();
			JsonArray array = o.getAsJsonArray("keep_largest_component_of_classes");
			int[] classes = new int[array.size()];
			for (int i = 0; i < classes.length; i++) classes[i] = array.get(i).getAsInt();
			Connectivity c = Connectivity.of(o.get("connectivity").getAsInt());
			return new PostprocessingDecision(foreground, classes, c, number(o, "validation_dice_before"), number(o,
				"validation_dice_after"));
		} catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException |
			UnsupportedOperationException e)
		{
			throw new SegKitException("The postprocessing description is damaged (" + e.getMessage() +
				"). Export the model again.", e);
		}
	}

	private static double number(JsonObject o, String key) {
		JsonElement e = o.get(key);
		return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
	}
}
