package io.segkit.ij1;

import ij.Macro;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One field of a command's dialog, derived from its {@code @Parameter} metadata. The dialog label is
 * the parameter label with spaces as underscores, so ImageJ's macro key (the label's first word,
 * lower-cased) names the whole label: "Minimum size" is recorded as {@code minimum_size=...}. A unit
 * ("µm", "µm³") is shown after the field, as ImageJ's own dialogs do, and never becomes part of the key.
 * A choice whose values are open-ended (the device's "GPU n") reads other spellings with {@code spelling}: the label
 * a value stands for, or a SegKitException saying what is accepted; the dialog offers {@code choices}, macros may
 * hold any value it reads.
 */
record ParameterSpec(String name, String label, Kind kind, String defaultValue, List<String> choices,
	int digits, String description, Map<String, String> aliases, String unit, UnaryOperator<String> spelling)
{

	/** A field whose choices, if any, are all listed. */
	ParameterSpec(String name, String label, Kind kind, String defaultValue, List<String> choices, int digits,
		String description, Map<String, String> aliases, String unit)
	{
		this(name, label, kind, defaultValue, choices, digits, description, aliases, unit, null);
	}

	/** A field without former names of its choices (see {@link ChoiceAliases}). */
	ParameterSpec(String name, String label, Kind kind, String defaultValue, List<String> choices, int digits,
		String description)
	{
		this(name, label, kind, defaultValue, choices, digits, description, Map.of());
	}

	/** A field without a unit. */
	ParameterSpec(String name, String label, Kind kind, String defaultValue, List<String> choices, int digits,
		String description, Map<String, String> aliases)
	{
		this(name, label, kind, defaultValue, choices, digits, description, aliases, "");
	}

	enum Kind {
		NUMBER, FLAG, CHOICE, IMAGE, TEXT, FILE, DIRECTORY
	}

	String dialogLabel() {
		return label.trim().replace(' ', '_');
	}

	/** The macro key ImageJ's GenericDialog uses for this field. */
	String key() {
		return Macro.trimKey(dialogLabel());
	}

	ParameterSpec withDefault(String value, int digits) {
		return new ParameterSpec(name, label, kind, value, choices, digits, description, aliases, unit, spelling);
	}

	ParameterSpec withChoices(List<String> offered, String value) {
		return new ParameterSpec(name, label, kind, value, offered, digits, description, aliases, unit, spelling);
	}

	ParameterSpec withUnit(String text) {
		return new ParameterSpec(name, label, kind, defaultValue, choices, digits, description, aliases, text, spelling);
	}
}
