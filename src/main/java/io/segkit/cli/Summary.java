package io.segkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.segkit.files.AtomicFiles;
import io.segkit.files.Json;

/**
 * The {@code --summary} file of a run: one row per image (file, status ok/failed/skipped, message, objects, seconds;
 * evaluate adds its scores), written as CSV or JSON by the file's extension, through {@link AtomicFiles}.
 */
final class Summary {

	/** What happened to one image. */
	enum Status {
		OK, FAILED, SKIPPED;

		String word() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	private final List<Map<String, Object>> rows = new ArrayList<>();
	private final List<Map<String, Object>> totals = new ArrayList<>();

	/** Adds a row: file, status, message, then the given extra columns in order (null = empty). */
	Map<String, Object> add(String file, Status status, String message, Object... extra) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("file", file);
		row.put("status", status.word());
		row.put("message", message == null ? "" : message);
		for (int i = 0; i + 1 < extra.length; i += 2) row.put((String) extra[i], extra[i + 1]);
		rows.add(row);
		return row;
	}

	/** A row over all images (evaluate's mean): written last, not counted as an image. */
	Map<String, Object> addTotal(String name, String message, Object... extra) {
		Map<String, Object> row = add(name, Status.OK, message, extra);
		totals.add(row);
		return row;
	}

	List<Map<String, Object>> rows() {
		return rows;
	}

	long count(Status status) {
		return rows.stream().filter(r -> !totals.contains(r) && status.word().equals(r.get("status"))).count();
	}

	/** The files whose status is {@code status}. */
	List<String> files(Status status) {
		return rows.stream().filter(r -> status.word().equals(r.get("status"))).map(r -> (String) r.get("file"))
			.toList();
	}

	/** The extension a summary file may have, or null for neither. */
	static String format(Path file) {
		String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".csv") ? "csv" : name.endsWith(".json") ? "json" : null;
	}

	/** Why a summary file cannot be written there, or null when it can. */
	static String problem(Path file) {
		if (format(file) == null) return "The summary file '" + file + "' must end in .csv or .json.";
		Path folder = file.toAbsolutePath().getParent();
		if (folder == null || !Files.isDirectory(folder)) return "The folder of the summary file '" + file
			+ "' does not exist. Create it first or choose another place.";
		if (Files.isDirectory(file)) return "The summary file '" + file + "' is a folder; give a file name.";
		return null;
	}

	void write(Path file) {
		String text = "json".equals(format(file)) ? toJson() : toCsv();
		AtomicFiles.writeString(file, text, "summary");
	}

	private List<String> columns() {
		List<String> columns = new ArrayList<>(List.of("file", "status", "message"));
		for (Map<String, Object> row : rows) for (String key : row.keySet()) if (!columns.contains(key)) columns.add(
			key);
		return columns;
	}

	String toCsv() {
		List<String> columns = columns();
		StringBuilder out = new StringBuilder(String.join(",", columns)).append('\n');
		for (Map<String, Object> row : rows) {
			for (int i = 0; i < columns.size(); i++) {
				if (i > 0) out.append(',');
				out.append(csvCell(row.get(columns.get(i))));
			}
			out.append('\n');
		}
		return out.toString();
	}

	String toJson() {
		JsonArray array = new JsonArray();
		for (Map<String, Object> row : rows) {
			JsonObject o = new JsonObject();
			for (Map.Entry<String, Object> e : row.entrySet()) o.add(e.getKey(), jsonValue(e.getValue()));
			array.add(o);
		}
		return Json.format(array);
	}

	private static com.google.gson.JsonElement jsonValue(Object value) {
		if (value == null) return JsonNull.INSTANCE;
		if (value instanceof Number n) {
			double d = n.doubleValue();
			return Double.isFinite(d) ? new JsonPrimitive(n) : JsonNull.INSTANCE; // JSON has no NaN
		}
		return new JsonPrimitive(value.toString());
	}

	/** Numbers as Java writes them (dot, full precision); text quoted when it holds a comma, quote or line break. */
	static String csvCell(Object value) {
		if (value == null) return "";
		String text = value.toString();
		if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0)
			return text;
		return '"' + text.replace("\"", "\"\"") + '"';
	}
}
