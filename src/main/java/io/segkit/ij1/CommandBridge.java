package io.segkit.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;

import io.segkit.Cancelled;
import io.segkit.SegKitException;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;
import org.scijava.widget.FileWidget;

/**
 * The one ImageJ 1.x entry point behind every SegKit menu item (see plugins.config): it builds a
 * form from the SciJava command's {@code @Parameter} metadata, fills the command's inputs, runs it
 * and shows its outputs. The same path serves menus, macros, batch mode and headless runs.
 */
public class CommandBridge implements PlugIn {

	static final String NO_IMAGE = "None";

	private static final java.util.concurrent.atomic.AtomicInteger ERRORS = new java.util.concurrent.atomic.AtomicInteger();

	@Override
	public void run(String commandClassName) {
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
		String title = commandClassName;
		try {
			CommandInfo info = new CommandInfo(loadCommand(commandClassName));
			title = info.getLabel();
			runCommand(info, ParameterForm.forEnvironment());
		} catch (Cancelled e) {
			IJ.showStatus(e.getMessage());
			IJ.showProgress(1.0);
		} catch (SegKitException e) {
			clearStatus();
			reportError(title, e.getMessage());
		} catch (OutOfMemoryError e) {
			// outputs are shown only after the command returns, so nothing partial is left behind
			reportError(title, io.segkit.image.ImageChecks.outOfMemoryMessage(title));
		} catch (RuntimeException | Error e) {
			clearStatus();
			reportError(title, "Unexpected error: " + e + ". Please report it with the log.");
			IJ.log(stackTrace(e));
		} finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

	/**
	 * Asks for the inputs, runs the command and shows its outputs; returns the module, or null if
	 * the user cancelled the dialog.
	 */
	/** Widget style of an optional image input whose default is the current image. */
	public static final String CURRENT_IMAGE_STYLE = "current image";

	Module runCommand(CommandInfo info, ParameterForm form) {
		Module module = createModule(info);
		SciJavaContexts.get().inject(module.getDelegateObject());
		List<ModuleItem<?>> inputs = new ArrayList<>();
		for (ModuleItem<?> item : info.inputs()) inputs.add(item);
		ModuleItem<?> mainImage = firstImageInput(inputs);
		ImagePlus image = mainImage == null ? null : currentImage(info.getLabel());
		if (mainImage != null) module.setInput(mainImage.getName(), image);
		List<ParameterSpec> declared = new ArrayList<>();
		for (ModuleItem<?> item : inputs) {
			if (item == mainImage || isInjected(item)) continue;
			declared.add(ParameterSpecs.of(item, module, title -> ImageLists.titles(), unitsFrom(image, inputs)));
		}
		List<ParameterSpec> specs = ImageFit.apply(declared, image, form.isDialog());
		useCurrentChoiceLabels(specs, info.getLabel());
		Map<String, String> values = specs.isEmpty() ? Map.of() : form.ask(info.getLabel(), specs, extras(info, form,
			mainImage, image, specs));
		if (values == null) return null;
		fill(module, info, specs, values);
		module.run();
		ImagePlus input = mainImage == null ? null : (ImagePlus) module.getInput(mainImage.getName());
		showOutputs(info, module, input == null ? "SegKit" : input.getTitle());
		IJ.showStatus("");
		IJ.showProgress(1.0);
		return module;
	}

	/** Sets the module's inputs from the form's values (text as the form gives it). */
	private static void fill(Module module, CommandInfo info, List<ParameterSpec> specs, Map<String, String> values) {
		for (ParameterSpec spec : specs) {
			ModuleItem<?> item = info.getInput(spec.name());
			module.setInput(spec.name(), ParameterSpecs.convert(item, spec, values.get(spec.name())));
			module.resolveInput(spec.name());
		}
	}

	/**
	 * A dialog's Help button (the command's page of the user guide) and, for a {@link Previewable} command working on
	 * an image, its live preview: each computation gets a fresh copy of the command filled with the typed values.
	 */
	private ParameterForm.Extras extras(CommandInfo info, ParameterForm form, ModuleItem<?> mainImage,
		ImagePlus image, List<ParameterSpec> specs)
	{
		if (!form.isDialog()) return ParameterForm.Extras.NONE;
		LivePreview preview = null;
		if (image != null && Previewable.class.isAssignableFrom(commandClass(info))) preview = new LivePreview(image,
			values -> {
				Module copy = createModule(info);
				SciJavaContexts.get().inject(copy.getDelegateObject());
				copy.setInput(mainImage.getName(), image);
				fill(copy, info, specs, values);
				return (Previewable) copy.getDelegateObject();
			});
		return new ParameterForm.Extras(UserGuide.helpUrl(info.getLabel()), preview);
	}

	private static Class<?> commandClass(CommandInfo info) {
		try {
			return info.loadDelegateClass();
		} catch (ClassNotFoundException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Rewrites former names of choice values in the macro options to the current labels, before the form (or a
	 * GenericDialog, which would abort the macro) reads them; refuses values that are neither.
	 */
	private static void useCurrentChoiceLabels(List<ParameterSpec> specs, String title) {
		String options = Macro.getOptions();
		if (options == null) return;
		String current = ChoiceAliases.rewrite(options, specs, title);
		if (!current.equals(options)) Macro.setOptions(current);
	}

	private static Module createModule(CommandInfo info) {
		try {
			return info.createModule();
		} catch (org.scijava.module.ModuleException e) {
			throw new IllegalStateException("Cannot create command " + info.getDelegateClassName(), e);
		}
	}

	private static Class<? extends Command> loadCommand(String className) {
		try {
			Class<?> c = Class.forName(className.trim(), true, CommandBridge.class.getClassLoader());
			return c.asSubclass(Command.class);
		} catch (ClassNotFoundException | ClassCastException e) {
			throw new SegKitException("SegKit has no command '" + className +
				"'. Reinstall SegKit_.jar, or check the plugins.config entry.");
		}
	}

	/**
	 * The input fed from the current image: the first required ImagePlus. Commands that can also work without an
	 * image (on a folder) declare it optional; it is then chosen by title, defaulting to the current image when its
	 * style is {@value #CURRENT_IMAGE_STYLE}.
	 */
	private static ModuleItem<?> firstImageInput(List<ModuleItem<?>> inputs) {
		for (ModuleItem<?> item : inputs) if (item.getType() == ImagePlus.class && item.isRequired()) return item;
		return null;
	}

	/**
	 * The image whose calibration the units beside the fields follow: the one the command works on, else (a command
	 * that may also work on a folder) the current image its image field starts with.
	 */
	private static ImagePlus unitsFrom(ImagePlus image, List<ModuleItem<?>> inputs) {
		if (image != null) return image;
		for (ModuleItem<?> item : inputs) if (item.getType() == ImagePlus.class && CURRENT_IMAGE_STYLE.equals(item
			.getWidgetStyle())) return WindowManager.getCurrentImage();
		return null;
	}

	private static boolean isInjected(ModuleItem<?> item) {
		Class<?> type = item.getType();
		return Service.class.isAssignableFrom(type) || Context.class.isAssignableFrom(type);
	}

	private static ImagePlus currentImage(String command) {
		ImagePlus image = WindowManager.getCurrentImage();
		if (image == null) throw new SegKitException(command +
			" needs an image: open one (File > Open) or select its window first.");
		return image;
	}

	/** A command's progress and status text do not outlive it. */
	private static void clearStatus() {
		IJ.showStatus("");
		IJ.showProgress(1.0);
	}

	/**
	 * Shows images under unique titles and tables titled {@code <input title>-<output label>}, e.g.
	 * "nuclei-measurements", and says in the Log what came out.
	 */
	private static void showOutputs(CommandInfo info, Module module, String inputTitle) {
		for (ModuleItem<?> item : info.outputs()) {
			Object value = module.getOutput(item.getName());
			if (value instanceof ImagePlus image) {
				image.setTitle(ImageLists.uniqueTitle(image.getTitle()));
				show(image);
				IJ.log(info.getLabel() + ": " + OutputReport.describe(image));
			} else if (value instanceof ResultsTable table) {
				String title = io.segkit.image.Titles.derived(inputTitle, outputName(item));
				IJ.log(info.getLabel() + ": " + OutputReport.describe(table, Tables.show(table, title)));
			}
		}
	}

	private static String outputName(ModuleItem<?> item) {
		String label = item.getLabel() == null || item.getLabel().isEmpty() ? item.getName() : item.getLabel();
		return label.trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
	}

	/** Shows an output image; without a display and outside batch mode it becomes the current image. */
	private static void show(ImagePlus image) {
		if (Displays.canShowWindows() || Interpreter.isBatchMode()) image.show();
		else WindowManager.setTempCurrentImage(image);
	}

	/**
	 * Shows an error: a dialog interactively; in a macro, the macro stops with the same text. Without ImageJ's
	 * window (no display, SegKit's runner, ImageJ started with -batch) no dialog opens, since nobody could close it:
	 * the text goes to standard error, so cluster logs keep it, and a run started as {@code ImageJ -batch} ends with
	 * exit code 1 (ImageJ itself would exit 0).
	 */
	static void reportError(String title, String message) {
		ERRORS.incrementAndGet();
		boolean macro = Macro.getOptions() != null || Interpreter.isBatchMode() || IJ.isMacro();
		if (!Displays.canShowWindows() || (macro && IJ.getInstance() == null)) {
			System.err.println(title + ": " + message);
			if (macro) Interpreter.abort();
			if (Displays.launchedAsImageJBatch()) System.exit(1);
			return;
		}
		Interpreter interpreter = Interpreter.getInstance();
		if (macro && interpreter != null) interpreter.abort(title + ": " + message);
		else IJ.error(title, message);
	}

	private static String stackTrace(Throwable e) {
		java.io.StringWriter out = new java.io.StringWriter();
		e.printStackTrace(new java.io.PrintWriter(out));
		return out.toString();
	}

	/** How many errors the bridge has reported in this JVM (the headless runner's exit code uses it). */
	static int errorsReported() {
		return ERRORS.get();
	}

	/** True when a File parameter's widget style asks for a folder. */
	static boolean isDirectoryStyle(String style) {
		return style != null && Arrays.asList(style.split(",")).contains(FileWidget.DIRECTORY_STYLE);
	}

	static File fileOrNull(String path) {
		return path == null || path.isBlank() ? null : new File(path);
	}
}
