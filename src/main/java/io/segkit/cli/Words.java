package io.segkit.cli;

import java.util.Locale;

import io.segkit.SegKitException;
import io.segkit.command.Choices;
import io.segkit.command.ClassicOperations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The menu commands' choice words as option values: the same vocabulary ({@link Choices}), matched ignoring case,
 * spaces and hyphens, so that {@code unet}, {@code U-Net} and {@code "Attention U-Net"} all work on a command line.
 */
final class Words {

	private Words() {}

	/** The label of {@code vocabulary} that {@code text} means. */
	static <T> String label(Choices.Vocabulary<T> vocabulary, String text) {
		String exact = vocabulary.label(text);
		if (exact != null) return exact;
		for (String label : vocabulary.labels()) if (squeeze(label).equals(squeeze(text))) return label;
		throw new TypeConversionException("'" + text + "' is not one of: " + String.join(", ", vocabulary.labels()));
	}

	private static String squeeze(String text) {
		return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	static final class Connectivity implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			return label(Choices.CONNECTIVITY, value);
		}
	}

	static final class Objects implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			return label(Choices.OBJECTS, value);
		}
	}

	static final class Architecture implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			return label(Choices.ARCHITECTURE, value);
		}
	}

	static final class LabelMeaning implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			return label(Choices.LABEL_MEANING, value);
		}
	}

	/** One of ImageJ's auto-threshold methods. */
	static final class ThresholdMethod implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			try {
				return ClassicOperations.thresholdMethod(value).name();
			}
			catch (SegKitException e) {
				throw new TypeConversionException(e.getMessage());
			}
		}
	}
}
