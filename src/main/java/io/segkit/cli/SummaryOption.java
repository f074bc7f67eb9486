package io.segkit.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --summary FILE.csv|FILE.json}: checked before any work, written at the end (also after failures). */
final class SummaryOption {

	@Spec(Spec.Target.MIXEE)
	CommandSpec spec;

	@Option(names = "--summary", paramLabel = "FILE", description = "Write one row per image (file, status "
		+ "ok/failed/skipped, message, objects, seconds) to FILE.csv or FILE.json.")
	Path file;

	/** Refuses a summary file that could not be written, before any work. */
	void check() {
		if (file == null) return;
		String problem = Summary.problem(file);
		if (problem != null) throw new ParameterException(spec.commandLine(), problem);
	}

	void write(Summary summary) {
		if (file != null) summary.write(file);
	}
}
