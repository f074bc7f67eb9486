package io.segkit.ij1;

import io.segkit.SegKitException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Former names of choice values, so that macros recorded before a choice was renamed keep working. A command
 * declares them on the parameter, next to its choices:
 * <pre>
 * &#64;Parameter(label = "Architecture", choices = { "U-Net", "Attention U-Net", "CE-Net" },
 *     attrs = &#64;Attr(name = ChoiceAliases.ATTRIBUTE, value = "PLAIN_UNET=U-Net; ATTENTION_UNET=Attention U-Net"))
 * </pre>
 * (shared vocabularies keep that text in {@code io.segkit.command.Choices}). Before a dialog or the macro options
 * are read, the bridge rewrites a former name in the macro options to the current label, because ImageJ's
 * GenericDialog aborts a macro whose value is not in the list; a value that is neither a choice nor a former name
 * is refused with a message that lists the choices.
 */
public final class ChoiceAliases {

	/** The {@code @Attr} name under which a parameter lists its former names. */
	public static final String ATTRIBUTE = "aliases";

	private ChoiceAliases() {}

	/**
	 * Parses {@code "OLD=Current label; OTHER OLD=Other label"}: former name (lower-cased, as it is matched
	 * ignoring case) to current label, in order.
	 */
	public static Map<String, String> parse(String declaration) {
		if (declaration == null || declaration.isBlank()) return Map.of();
		Map<String, String> aliases = new LinkedHashMap<>();
		for (String pair : declaration.split(";")) {
			if (pair.isBlank()) continue;
			int eq = pair.indexOf('=');
			if (eq <= 0 || eq == pair.length() - 1) throw new IllegalArgumentException("Alias '" + pair.trim() +
				"' is not 'former name=current label' in '" + declaration + "'.");
			aliases.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1).trim());
		}
		return Collections.unmodifiableMap(aliases);
	}

	/**
	 * The current label a value stands for: the value itself when it is a choice, its alias target, the label the
	 * field's own spelling reads (open-ended choices such as "GPU n"; it refuses what it cannot read), else null.
	 */
	static String resolve(String value, ParameterSpec spec) {
		if (spec.choices().contains(value)) return value;
		String alias = spec.aliases().get(value.trim().toLowerCase(Locale.ROOT));
		if (alias != null || spec.spelling() == null) return alias;
		return spec.spelling().apply(value);
	}

	/**
	 * The macro options with every former name of a choice replaced by its current label (the rest of the text
	 * unchanged).
	 *
	 * @throws SegKitException for a choice value that is neither a choice nor a former name
	 */
	static String rewrite(String options, List<ParameterSpec> specs, String title) {
		StringBuilder out = new StringBuilder(options);
		List<MacroOptions.Entry> entries = MacroOptions.entries(options);
		for (int i = entries.size() - 1; i >= 0; i--) { // from the end, so earlier spans stay valid
			MacroOptions.Entry entry = entries.get(i);
			ParameterSpec spec = choiceFor(entry.key(), specs);
			if (spec == null || entry.value() == null) continue;
			String current = resolve(entry.value(), spec);
			if (current == null) throw notAChoice(entry.value(), spec, title);
			if (!current.equals(entry.value())) out.replace(entry.start(), entry.end(), MacroOptions.format(entry
				.key(), current));
		}
		return out.toString();
	}

	private static ParameterSpec choiceFor(String key, List<ParameterSpec> specs) {
		for (ParameterSpec spec : specs) if (spec.kind() == ParameterSpec.Kind.CHOICE && spec.key().equals(key))
			return spec;
		return null;
	}

	private static SegKitException notAChoice(String value, ParameterSpec spec, String title) {
		return new SegKitException("'" + value + "' is not a choice for '" + spec.label() + "' in " + title +
			". Use one of: " + String.join(", ", spec.choices()) + ".");
	}
}
