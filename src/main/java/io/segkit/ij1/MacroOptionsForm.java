package io.segkit.ij1;

import ij.IJ;
import ij.Macro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads parameter values from the macro options string when no dialog can be shown (headless
 * ImageJ). Keys and value syntax are exactly GenericDialog's: {@code key=value},
 * {@code key=[value with spaces]}, and a bare {@code key} for a ticked checkbox.
 */
final class MacroOptionsForm implements ParameterForm {

	@Override
	public Map<String, String> ask(String title, List<ParameterSpec> specs) {
		String options = Macro.getOptions();
		Map<String, String> given = MacroOptions.parse(options == null ? "" : options);
		Map<String, String> values = new LinkedHashMap<>();
		for (ParameterSpec spec : specs) {
			String key = spec.key();
			boolean present = given.containsKey(key);
			String value = given.remove(key);
			if (spec.kind() == ParameterSpec.Kind.FLAG) {
				values.put(spec.name(), Boolean.toString(present && !"false".equalsIgnoreCase(value)));
				continue;
			}
			values.put(spec.name(), value != null ? value : spec.defaultValue()); // choices checked by ChoiceAliases
		}
		if (!given.isEmpty()) IJ.log("SegKit " + title + ": ignored unknown option(s) " + given.keySet());
		return values;
	}
}
