package io.segkit.ij1;

import ij.Prefs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values a user last gave a command's dialog, kept in ImageJ's preferences (IJ_Prefs.txt) under
 * {@code segkit.<command>.<macro key>}, as ImageJ's own commands keep theirs. Only dialogs use them: a macro gets
 * the declared defaults for the keys it omits, so a recorded macro gives the same result on every computer.
 * Image choices are not remembered (titles change); a remembered value that no longer fits (a choice that is no
 * longer offered, text in a number field) is ignored.
 */
final class RememberedValues {

	static final String PREFIX = "segkit.";

	private RememberedValues() {}

	/** The specs with their defaults replaced by the values remembered for {@code command}. */
	static List<ParameterSpec> recall(String command, List<ParameterSpec> specs) {
		List<ParameterSpec> out = new ArrayList<>();
		for (ParameterSpec spec : specs) {
			String value = spec.kind() == ParameterSpec.Kind.IMAGE ? null : Prefs.get(key(command, spec), null);
			out.add(value != null && fits(spec, value) ? withValue(spec, value) : spec);
		}
		return out;
	}

	/** Remembers the values by parameter name (as a dialog gives them, also after Cancel). */
	static void remember(String command, List<ParameterSpec> specs, Map<String, String> values) {
		for (ParameterSpec spec : specs) {
			String value = values.get(spec.name());
			if (spec.kind() != ParameterSpec.Kind.IMAGE && value != null) Prefs.set(key(command, spec), value);
		}
	}

	/** The preference key, e.g. {@code segkit.distance_watershed.dynamic}. */
	static String key(String command, ParameterSpec spec) {
		String name = command.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
		return PREFIX + name + "." + spec.key();
	}

	private static boolean fits(ParameterSpec spec, String value) {
		return switch (spec.kind()) {
			case NUMBER -> number(value) != null;
			case FLAG -> value.equals("true") || value.equals("false");
			case CHOICE -> spec.choices().contains(value);
			default -> true;
		};
	}

	private static ParameterSpec withValue(ParameterSpec spec, String value) {
		if (spec.kind() != ParameterSpec.Kind.NUMBER || spec.digits() == 0) return spec.withDefault(value, spec
			.digits());
		return spec.withDefault(value, Math.max(spec.digits(), ParameterSpecs.digitsFor(number(value))));
	}

	private static Double number(String text) {
		try {
			double v = Double.parseDouble(text.trim());
			return Double.isNaN(v) ? null : v;
		} catch (NumberFormatException e) {
			return null;
		}
	}
}
