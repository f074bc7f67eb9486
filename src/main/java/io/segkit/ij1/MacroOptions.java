package io.segkit.ij1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses an ImageJ macro options string into key -> value (null value for a bare flag). */
final class MacroOptions {

	private MacroOptions() {}

	/** One {@code key=value}, {@code key=[value]} or bare {@code key}; start/end span the whole entry. */
	record Entry(String key, String value, int start, int end) {}

	static Map<String, String> parse(String options) {
		Map<String, String> map = new LinkedHashMap<>();
		for (Entry e : entries(options)) map.put(e.key(), e.value());
		return map;
	}

	/** The entries in order; keys lower-cased as ImageJ matches them. */
	static List<Entry> entries(String options) {
		List<Entry> entries = new ArrayList<>();
		int i = 0, n = options.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(options.charAt(i))) i++;
			int keyStart = i;
			while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) i++;
			if (keyStart == i) break;
			String key = options.substring(keyStart, i).toLowerCase(Locale.US);
			String value = null;
			if (i < n && options.charAt(i) == '=') {
				i++;
				int valueStart;
				int valueEnd;
				if (i < n && options.charAt(i) == '[') {
					valueStart = ++i;
					while (i < n && options.charAt(i) != ']') i++;
					valueEnd = i;
					i++;
				} else {
					valueStart = i;
					while (i < n && !Character.isWhitespace(options.charAt(i))) i++;
					valueEnd = i;
				}
				value = options.substring(valueStart, Math.min(valueEnd, n));
			}
			entries.add(new Entry(key, value, keyStart, Math.min(i, n)));
		}
		return entries;
	}

	/** {@code key=value}, bracketed as the recorder writes it when the value is empty or has spaces. */
	static String format(String key, String value) {
		boolean bracket = value.isEmpty() || value.chars().anyMatch(Character::isWhitespace);
		return key + "=" + (bracket ? "[" + value + "]" : value);
	}
}
