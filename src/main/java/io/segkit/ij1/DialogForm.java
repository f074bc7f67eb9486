package io.segkit.ij1;

import ij.gui.GenericDialog;

import io.segkit.SegKitException;

import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.TextField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;

/**
 * A GenericDialog form. GenericDialog records the values for the macro recorder, so dialogs, macros and recording
 * share one code path. The dialog opens with the values last given to it ({@link RememberedValues}), and remembers
 * what was typed even when the user cancels, as long forms (Train Segmentation Model) are tedious to fill twice.
 * A Help button opens the command's page of the user guide; commands that can preview get ImageJ's Preview
 * checkbox, last, so that it is neither read nor recorded as a value.
 */
final class DialogForm implements ParameterForm {

	@Override
	public Map<String, String> ask(String title, List<ParameterSpec> declared) {
		return ask(title, declared, Extras.NONE);
	}

	@Override
	public Map<String, String> ask(String title, List<ParameterSpec> declared, Extras extras) {
		List<ParameterSpec> specs = RememberedValues.recall(title, declared);
		GenericDialog dialog = new GenericDialog(title);
		for (ParameterSpec spec : specs) addField(dialog, spec);
		if (extras.helpUrl() != null) dialog.addHelp(extras.helpUrl());
		LivePreview preview = extras.preview();
		if (preview != null) addPreview(dialog, specs, preview);
		try {
			dialog.showDialog();
		} finally {
			if (preview != null) preview.close();
		}
		RememberedValues.remember(title, specs, typed(dialog, specs));
		if (dialog.wasCanceled()) return null;
		Map<String, String> values = new LinkedHashMap<>();
		for (ParameterSpec spec : specs) values.put(spec.name(), readField(dialog, spec));
		return values;
	}

	@Override
	public boolean isDialog() {
		return true;
	}

	private static void addField(GenericDialog dialog, ParameterSpec spec) {
		String label = spec.dialogLabel();
		switch (spec.kind()) {
			case NUMBER -> dialog.addNumericField(label, Double.parseDouble(spec.defaultValue()), spec.digits(), 6,
				spec.unit());
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

	private static void addPreview(GenericDialog dialog, List<ParameterSpec> specs, LivePreview preview) {
		dialog.addPreviewCheckbox(null);
		if (dialog.getPreviewCheckbox() == null) return; // ImageJ offers none on a composite image in composite mode
		preview.onBusy(dialog::previewRunning);
		dialog.addDialogListener((gd, event) -> {
			if (gd.isPreviewActive()) preview.show(typed(gd, specs));
			else preview.hide();
			return true;
		});
	}

	/**
	 * The text of every field as the user left it, read from the components rather than through getNext..., which
	 * would also record them for the macro recorder.
	 */
	private static Map<String, String> typed(GenericDialog dialog, List<ParameterSpec> specs) {
		Map<String, String> values = new LinkedHashMap<>();
		int number = 0, string = 0, choice = 0, flag = 0;
		for (ParameterSpec spec : specs) {
			String value = switch (spec.kind()) {
				case NUMBER -> text(dialog.getNumericFields(), number++);
				case FLAG -> flag(dialog.getCheckboxes(), flag++);
				case CHOICE, IMAGE -> choice(dialog.getChoices(), choice++);
				default -> text(dialog.getStringFields(), string++);
			};
			if (value != null) values.put(spec.name(), value.trim());
		}
		return values;
	}

	private static String text(Vector<?> fields, int i) {
		return fields != null && i < fields.size() ? ((TextField) fields.get(i)).getText() : null;
	}

	private static String flag(Vector<?> boxes, int i) {
		return boxes != null && i < boxes.size() ? Boolean.toString(((Checkbox) boxes.get(i)).getState()) : null;
	}

	private static String choice(Vector<?> choices, int i) {
		return choices != null && i < choices.size() ? ((Choice) choices.get(i)).getSelectedItem() : null;
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
