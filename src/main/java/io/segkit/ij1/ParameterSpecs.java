package io.segkit.ij1;

import ij.ImagePlus;
import ij.WindowManager;

import io.segkit.SegKitException;
import io.segkit.engine.DeviceChoice;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/** Turns SciJava parameter metadata into form fields, and form values back into typed inputs. */
final class ParameterSpecs {

	private ParameterSpecs() {}

	static ParameterSpec of(ModuleItem<?> item, Module module, Function<Void, String[]> openImageTitles) {
		return of(item, module, openImageTitles, null);
	}

	/** The field for {@code item}, its unit (if it declares one) that of {@code image} (null = unknown). */
	static ParameterSpec of(ModuleItem<?> item, Module module, Function<Void, String[]> openImageTitles,
		ImagePlus image)
	{
		return field(item, module, openImageTitles).withUnit(Units.of(item.get(Units.ATTRIBUTE), image));
	}

	private static ParameterSpec field(ModuleItem<?> item, Module module, Function<Void, String[]> openImageTitles) {
		Class<?> type = item.getType();
		String label = item.getLabel() == null || item.getLabel().isEmpty() ? item.getName() : item.getLabel();
		Object current = item.getValue(module);
		String description = item.getDescription();
		if (type == ImagePlus.class) return imageChoice(item, label, openImageTitles.apply(null));
		if (isNumber(type)) {
			int digits = isWhole(type) ? 0 : digitsFor(current);
			return new ParameterSpec(item.getName(), label, ParameterSpec.Kind.NUMBER, current == null ? "0" :
				current.toString(), List.of(), digits, description);
		}
		if (type == boolean.class || type == Boolean.class) return new ParameterSpec(item.getName(), label,
			ParameterSpec.Kind.FLAG, String.valueOf(Boolean.TRUE.equals(current)), List.of(), 0, description);
		if (type == File.class) {
			ParameterSpec.Kind kind = CommandBridge.isDirectoryStyle(item.getWidgetStyle())
				? ParameterSpec.Kind.DIRECTORY : ParameterSpec.Kind.FILE;
			return new ParameterSpec(item.getName(), label, kind, current == null ? "" : current.toString(),
				List.of(), 0, description);
		}
		if (type == String.class && DeviceChoice.STYLE.equals(item.getWidgetStyle())) return deviceChoice(item, label,
			current);
		if (type == String.class) {
			List<?> choices = item.getChoices();
			String value = current == null ? "" : current.toString();
			if (choices != null && !choices.isEmpty()) {
				List<String> names = new ArrayList<>();
				for (Object c : choices) names.add(c.toString());
				if (!names.contains(value)) value = names.get(0);
				return new ParameterSpec(item.getName(), label, ParameterSpec.Kind.CHOICE, value, names, 0, description,
					aliases(item, names));
			}
			return new ParameterSpec(item.getName(), label, ParameterSpec.Kind.TEXT, value, List.of(), 0, description);
		}
		throw new IllegalStateException("SegKit's bridge cannot ask for a parameter of type " + type.getName());
	}

	/**
	 * The device: the dialog offers automatic, CPU and the GPUs SegKit can use; a macro may name any device in any
	 * of its spellings (auto, cpu, gpu:1, GPU 1), and an unusable GPU is explained when the command runs.
	 */
	private static ParameterSpec deviceChoice(ModuleItem<?> item, String label, Object current) {
		List<String> offered = DeviceChoice.offered();
		String value = current == null ? DeviceChoice.AUTOMATIC : DeviceChoice.labelOrNull(current.toString());
		if (!offered.contains(value)) value = DeviceChoice.AUTOMATIC;
		return new ParameterSpec(item.getName(), label, ParameterSpec.Kind.CHOICE, value, offered, 0, item
			.getDescription(), java.util.Map.of(), "", text -> DeviceChoice.of(text).label());
	}

	/** The former names a choice parameter declares; each must lead to one of its choices. */
	private static java.util.Map<String, String> aliases(ModuleItem<?> item, List<String> choices) {
		java.util.Map<String, String> aliases = ChoiceAliases.parse(item.get(ChoiceAliases.ATTRIBUTE));
		for (String label : aliases.values()) if (!choices.contains(label)) throw new IllegalStateException("Alias " +
			"target '" + label + "' of " + item.getName() + " is not one of its choices " + choices + ".");
		return aliases;
	}

	private static ParameterSpec imageChoice(ModuleItem<?> item, String label, String[] titles) {
		List<String> choices = new ArrayList<>();
		if (!item.isRequired()) choices.add(CommandBridge.NO_IMAGE);
		if (titles != null) choices.addAll(List.of(titles));
		if (choices.isEmpty()) choices.add(CommandBridge.NO_IMAGE);
		String initial = choices.get(0);
		ij.ImagePlus current = WindowManager.getCurrentImage();
		if (CommandBridge.CURRENT_IMAGE_STYLE.equals(item.getWidgetStyle()) && current != null
			&& choices.contains(current.getTitle())) initial = current.getTitle();
		return new ParameterSpec(item.getName(), label, ParameterSpec.Kind.IMAGE, initial, choices, 0,
			item.getDescription());
	}

	/** The typed value for a form value. */
	static Object convert(ModuleItem<?> item, ParameterSpec spec, String value) {
		Class<?> type = item.getType();
		if (type == ImagePlus.class) return image(spec, value);
		if (type == String.class) return value;
		if (type == File.class) return CommandBridge.fileOrNull(value);
		if (type == boolean.class || type == Boolean.class) return Boolean.parseBoolean(value);
		double number;
		try {
			number = Double.parseDouble(value.trim());
		} catch (NumberFormatException e) {
			throw new SegKitException("'" + spec.label() + "' must be a number, not '" + value + "'.");
		}
		checkRange(item, spec, number);
		return toType(type, number);
	}

	private static ImagePlus image(ParameterSpec spec, String title) {
		if (title == null || title.isEmpty() || title.equals(CommandBridge.NO_IMAGE)) return null;
		ImagePlus image = WindowManager.getImage(title);
		if (image == null) throw new SegKitException("There is no open image called '" + title + "' for '" +
			spec.label() + "'. Open it first, or check the title.");
		return image;
	}

	private static void checkRange(ModuleItem<?> item, ParameterSpec spec, double number) {
		if (Double.isNaN(number)) throw new SegKitException("'" + spec.label() + "' must be a number.");
		Object min = item.getMinimumValue(), max = item.getMaximumValue();
		if (min instanceof Number m && number < m.doubleValue()) throw new SegKitException("'" + spec
			.label() + "' must be at least " + m + ", not " + number + ".");
		if (max instanceof Number m && number > m.doubleValue()) throw new SegKitException("'" + spec
			.label() + "' must be at most " + m + ", not " + number + ".");
		if (isWhole(item.getType()) && number != Math.rint(number)) throw new SegKitException("'" + spec
			.label() + "' must be a whole number, not " + number + ".");
	}

	private static Object toType(Class<?> type, double number) {
		if (type == int.class || type == Integer.class) return (int) number;
		if (type == long.class || type == Long.class) return (long) number;
		if (type == short.class || type == Short.class) return (short) number;
		if (type == byte.class || type == Byte.class) return (byte) number;
		if (type == float.class || type == Float.class) return (float) number;
		return number;
	}

	private static boolean isNumber(Class<?> type) {
		return Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class &&
			type != char.class);
	}

	private static boolean isWhole(Class<?> type) {
		return type == int.class || type == Integer.class || type == long.class || type == Long.class ||
			type == short.class || type == Short.class || type == byte.class || type == Byte.class;
	}

	static int digitsFor(Object value) {
		if (!(value instanceof Number n)) return 3;
		double v = Math.abs(n.doubleValue());
		if (v == Math.rint(v)) return 1;
		String s = Double.toString(v);
		int dot = s.indexOf('.');
		return dot < 0 || s.contains("E") ? 4 : Math.min(6, Math.max(1, s.length() - dot - 1));
	}
}
