package io.segkit.plan;

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
final class Json {

	private static final Gson GSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
		.create();

	private Json() {}

	/** Pretty JSON with a 4-space indent, like nnU-Net's save_json; NaN is written as NaN like Python. */
	static String format(JsonElement element) {
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

	static JsonObject parseObject(String text, String what) {
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

	static String read(Path file, String what) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new SegKitException("Could not read the " + what + " '" + file + "': " + e.getMessage(), e);
		}
	}

	/**
	 * Writes through a temporary file in the same folder and a move, so that a reader (or a crash)
	 * never sees half a file.
	 */
	static void write(Path file, String text, String what) {
		Path temp = null;
		try {
			Path parent = file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
			Files.writeString(temp, text, StandardCharsets.UTF_8);
			move(temp, file);
		} catch (IOException e) {
			deleteQuietly(temp);
			throw new SegKitException("Could not write the " + what + " '" + file + "': " + e.getMessage() +
				". Check that the folder is writable.", e);
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} catch (java.nio.file.AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			if (file != null) Files.deleteIfExists(file);
		} catch (IOException ignored) {
			// the write error is what the user needs to see
		}
	}

	static JsonElement required(JsonObject object, String key, String what) {
		JsonElement value = object.get(key);
		if (value == null || value.isJsonNull()) throw new SegKitException("The " + what + " has no \"" + key +
			"\" entry. Is it an nnU-Net v2 file?");
		return value;
	}

	static JsonArray ints(int[] values) {
		JsonArray array = new JsonArray();
		for (int v : values) array.add(v);
		return array;
	}

	static JsonArray ints(int[][] values) {
		JsonArray array = new JsonArray();
		for (int[] v : values) array.add(ints(v));
		return array;
	}

	static JsonArray doubles(double[] values) {
		JsonArray array = new JsonArray();
		for (double v : values) array.add(v);
		return array;
	}

	static JsonArray booleans(boolean[] values) {
		JsonArray array = new JsonArray();
		for (boolean v : values) array.add(v);
		return array;
	}

	static JsonArray strings(List<String> values) {
		JsonArray array = new JsonArray();
		for (String v : values) array.add(v);
		return array;
	}

	static int[] toInts(JsonElement element) {
		JsonArray array = element.getAsJsonArray();
		int[] out = new int[array.size()];
		for (int i = 0; i < out.length; i++) out[i] = (int) Math.round(array.get(i).getAsDouble());
		return out;
	}

	static int[][] toIntMatrix(JsonElement element) {
		JsonArray array = element.getAsJsonArray();
		int[][] out = new int[array.size()][];
		for (int i = 0; i < out.length; i++) out[i] = toInts(array.get(i));
		return out;
	}

	static double[] toDoubles(JsonElement element) {
		JsonArray array = element.getAsJsonArray();
		double[] out = new double[array.size()];
		for (int i = 0; i < out.length; i++) out[i] = array.get(i).getAsDouble();
		return out;
	}

	static boolean[] toBooleans(JsonElement element) {
		JsonArray array = element.getAsJsonArray();
		boolean[] out = new boolean[array.size()];
		for (int i = 0; i < out.length; i++) out[i] = array.get(i).getAsBoolean();
		return out;
	}

	static List<String> toStrings(JsonElement element) {
		List<String> out = new ArrayList<>();
		for (JsonElement e : element.getAsJsonArray()) out.add(e.getAsString());
		return out;
	}

	/** A number that Python's json may have written as NaN or Infinity. */
	static double toDouble(JsonElement element) {
		if (element == null || element.isJsonNull()) return Double.NaN;
		return element.getAsDouble();
	}
}
