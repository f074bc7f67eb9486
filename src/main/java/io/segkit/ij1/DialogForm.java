package io.segkit.ij1;

import ij.gui.GenericDialog;

import io.segkit.SegKitException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GenericDialog form. GenericDialog reads macro options itself when a macro runs and records
 * the values for the macro recorder, so dialogs, macros and recording share one code path.
 */
final class DialogForm implements ParameterForm {

	@Override
	public Map<String, String> ask(String title, List<ParameterSpec> specs) {
		GenericDialog dialog = new GenericDialog(title);
		for (ParameterSpec spec : specs) addField(dialog, spec);
		dialog.showDialog();
		if (dialog.wasCanceled()) return null;
		Map<String, String> values = new LinkedHashMap<>();
		for (ParameterSpec spec : specs) values.put(spec.name(), readField(dialog, spec));
		return values;
	}

	private static void addField(GenericDialog dialog, ParameterSpec spec) {
		String label = spec.dialogLabel();
		switch (spec.kind()) {
			case NUMBER -> dialog.addNumericField(label, Double.parseDouble(spec.defaultValue()), spec.digits());
			case FLAG -> dialog.addCheckbox(label, Boolean.parseBoolean(spec.defaultValue()));
			case CHOICE, IMAGE -> dialog.addChoice(label, spec.choices().toArray(new String[0]), spec.defaultValue());
			case TEXT -> dialog.addStringField(label, spec.defaultValue(), 20);
			case FILE -> dialog.addFileField(label, spec.defaultValue());
			case DIRECTORY -> dialog.addDirectoryField(label, spec.defaultValue());
		}
		if (spec.description() != null && !spec.description().isEmpty() && spec.kind() == ParameterSpec.Kind.NUMBER) {
			dialog.addToSameRow();
			dialog.addMessage(spec.description());
		}
	}

	private static String readField(GenericDialog dialog, ParameterSpec spec) {
		switch (spec.kind()) {
			case NUMBER: {
				double value = dialog.getNextNumber();
				if (dialog.invalidNumber()) throw new SegKitException("'" + spec.label() +
					"' must be a number.");
				return Double.toString(value);
			}
			case FLAG:
				return Boolean.toString(dialog.getNextBoolean());
			case CHOICE:
			case IMAGE:
				return dialog.getNextChoice();
			default:
				return dialog.getNextString();
		}
	}
}
