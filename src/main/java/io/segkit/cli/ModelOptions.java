package io.segkit.cli;

import java.nio.file.Path;

import io.segkit.command.Choices;
import io.segkit.dataset.LabelMode;
import picocli.CommandLine.Option;

/** What train and auto-train share: the model file to write and what the label images mean. */
final class ModelOptions {

	@Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.zip", description = "The model file "
		+ "to write.")
	Path model;

	@Option(names = "--label-meaning", converter = Words.LabelMeaning.class, paramLabel = "automatic|classes|objects|foreground",
		defaultValue = Choices.MEANING_AUTOMATIC, description = Choices.LABEL_MEANING_DESCRIPTION + " (default: "
			+ "${DEFAULT-VALUE})")
	String labelMeaning;

	@Option(names = "--class-names", defaultValue = "", description = "Comma-separated, background first "
		+ "(default: automatic).")
	String classNames;

	LabelMode labelMode() {
		return Choices.LABEL_MEANING.of(labelMeaning);
	}
}
