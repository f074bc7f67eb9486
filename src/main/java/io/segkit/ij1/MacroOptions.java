package io.segkit.ij1;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses an ImageJ macro options string into key -> value (null value for a bare flag). */
final class MacroOptions {

	private MacroOptions() {}

	static Map<String, String> parse(String options) {
		Map<String, String> map = new LinkedHashMap<>();
		int i = 0, n = options.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(options.charAt(i))) i++;
			int keyStart = i;
			while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) i++;
			if (keyStart == i) break;
			String key = options.substring(keyStart, i).toLowerCase(java.util.Locale.US);
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
				map.put(key, options.substring(valueStart, Math.min(valueEnd, n)));
			} else {
				map.put(key, null);
			}
		}
		return map;
	}
}
