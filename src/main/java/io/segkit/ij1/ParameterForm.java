package io.segkit.ij1;

import java.util.List;
import java.util.Map;

/** Asks for the values of a command's parameters: a dialog, or the macro options when headless. */
interface ParameterForm {

	/**
	 * Values by parameter name (flags as "true"/"false"), or null when the user cancelled.
	 */
	Map<String, String> ask(String title, List<ParameterSpec> specs);

	/**
	 * {@link #ask(String, List)} with what a dialog adds besides the fields: a Help button and a live preview
	 * (closed here whatever happens); forms without a dialog have neither.
	 */
	default Map<String, String> ask(String title, List<ParameterSpec> specs, Extras extras) {
		return ask(title, specs);
	}

	/**
	 * A dialog's Help button (opening {@code helpUrl}; null = none) and Preview checkbox ({@code preview}; null =
	 * none).
	 */
	record Extras(String helpUrl, LivePreview preview) {

		static final Extras NONE = new Extras(null, null);
	}

	/**
	 * Whether a person fills this form: choices are then narrowed to what fits the image; macro options keep every
	 * value a recorded macro may hold.
	 */
	default boolean isDialog() {
		return false;
	}

	/**
	 * The form that suits the running ImageJ: when a macro passes options (or no dialog can be
	 * shown) the options are read directly, so macros work the same in plain ImageJ, Fiji and
	 * headless runs; otherwise a GenericDialog, which the macro recorder records.
	 */
	static ParameterForm forEnvironment() {
		boolean macroOptions = ij.Macro.getOptions() != null;
		return macroOptions || !Displays.canShowWindows() ? new MacroOptionsForm() : new DialogForm();
	}
}
