package io.segkit.files;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;

import io.segkit.SegKitException;

/**
 * Small helpers around Gson's tree model: nnU-Net's JSON files are read and written key by key so
 * that the key names and their order match nnU-Net v2 exactly.
 */
public final class Json {

	private static final Gson GSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
		.create();

	private Json() {}

	/** Pretty JSON with a 4-space indent, like nnU-Net's save_json; NaN is written as NaN like Python. */
	public static String format(JsonElement element) {
		try {
			StringWriter text = new StringWriter();
			JsonWriter writer = new JsonWriter(text);
			writer.setIndent("    ");
			writer.setLenient(true);
			writer.setSerializeNulls(true);
			GSON.toJson(element, writer);
			writer.flush();
			return text.toString() + "\n";
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	public static JsonObject parseObject(String text, String what) {
		try {
			JsonElement element = JsonParser.parseString(text);
			if (!element.isJsonObject()) throw new SegKitException("The " + what +
				" is not a JSON object. Check that you chose the right file.");
			return element.getAsJsonObject();
		} catch (JsonParseException e) {
			throw new SegKitException("The " + what + " is not valid JSON (" + e.getMessage() +
				"). Check the file or write it again.", e);
		}
	}

	public static String read(Path file, String what) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new SegKitException("Could not read the " + what + " '" + file + "': " + e.getMessage(), e);
		}
	}

	/** Writes a JSON text through {@link AtomicFiles}, creating the folder if needed. */
	public static void write(Path file, String text, String what) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
		} catch (IOException e) {
			throw new SegKitException("Could not create the folder of the " + what + " '" + file + "': " + e
				.getMessage() + ". Check that you may write there.", e);
		}
		AtomicFiles.writeString(file, text, what);
	}

	public static JsonElement required(JsonObject object, String key, String what) {
		JsonElement value = object.get(key);
		if (value == null || value.isJsonNull()) throw new SegKitException("The " + what + " has no \"" + key +
			"\" entry. Is it an nnU-Net v2 file?");
		return value;
	}

	public static JsonArray ints(int[] values) {
		JsonArray array = new JsonArray();
		for (int v : values) array.add(v);
		return array;
	}

	public static JsonArray ints(int[][] values) {
		JsonArray array = new JsonArray();
		for (int[] v : values) array.add(ints(v));
		return array;
	}

	public static JsonArray doubles(double[] values) {
		JsonArray array = new JsonArray();
		for (double v : values) array.add(v);
		return array;
	}

	public static JsonArray booleans(boolean[] values) {
		JsonArray array = new JsonArray();
		for (boolean v : values) array.add(v);
		return array;
	}

	public static JsonArray strings(List<String> values) {
		JsonArray array = new JsonArray();
		for (String v : values) array.add(v);
		return array;
	}

	public static int[] toInts(JsonElement element) {
		JsonArray array = element.getAsJsonArray();
		int[] out = new int[array.size()];
		for (int i = 0; i < out.length; i++) out[i] = (int) Math.round(array.get(i).getAsDouble());
		return out;
	}

	public static int[][] toIntMatrix(JsonElement element) {
		JsonArray array = element.getAsJsonArray();
		int[][] out = new int[array.size()][];
		for (int i = 0; i < out.length; i++) out[i] = toInts(array.get(i));
		return out;
	}

	public static double[] toDoubles(JsonElement element) {
		JsonArray array = element.getAsJsonArray();
		double[] out = new double[array.size()];
		for (int i = 0; i < out.length; i++) out[i] = array.get(i).getAsDouble();
		return out;
	}

	public static boolean[] toBooleans(JsonElement element) {
		JsonArray array = element.getAsJsonArray();
		boolean[] out = new boolean[array.size()];
		for (int i = 0; i < out.length; i++) out[i] = array.get(i).getAsBoolean();
		return out;
	}

	public static List<String> toStrings(JsonElement element) {
		List<String> out = new ArrayList<>();
		for (JsonElement e : element.getAsJsonArray()) out.add(e.getAsString());
		return out;
	}

	/** A number that Python's json may have written as NaN or Infinity. */
	public static double toDouble(JsonElement element) {
		if (element == null || element.isJsonNull()) return Double.NaN;
		return element.getAsDouble();
	}
}
