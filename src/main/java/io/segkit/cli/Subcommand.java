package io.segkit.cli;

import java.util.concurrent.Callable;

import io.segkit.SegKitException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every subcommand shares: --threads and --quiet, the progress on stderr, the exit code (0 all done, 1 an image
 * or the data failed, 2 bad arguments) and the streams of the run.
 */
abstract class Subcommand implements Callable<Integer> {

	@ParentCommand
	SegKitCli cli;

	@Spec
	CommandSpec spec;

	@Mixin
	RunOptions run;

	CliProgress progress;

	@Override
	public final Integer call() {
		progress = run.start(cli.err);
		try {
			return execute();
		}
		finally {
			progress.endBar();
		}
	}

	/** Does the work; returns the exit code. */
	abstract int execute();

	/** A usage error (exit code 2) with what to do. */
	ParameterException usage(String message) {
		return new ParameterException(spec.commandLine(), message);
	}

	/** Runs a check whose SegKitException means the arguments are wrong (exit code 2, nothing done yet). */
	<T> T argument(java.util.function.Supplier<T> check) {
		try {
			return check.get();
		}
		catch (SegKitException e) {
			throw usage(e.getMessage());
		}
	}
}
