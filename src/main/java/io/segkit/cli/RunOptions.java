package io.segkit.cli;

import java.io.PrintStream;

import io.segkit.engine.Engines;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Options of every subcommand: threads and quiet. */
final class RunOptions {

	/** The JDK property that sizes the pool behind parallel streams; read when the pool is first used. */
	static final String JAVA_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

	@Spec(Spec.Target.MIXEE)
	CommandSpec spec;

	@Option(names = "--threads", paramLabel = "N", description = "Use N threads: PyTorch's intra- and inter-op "
		+ "threads and Java's parallel work (default: all cores). On a cluster give the cores you asked for.")
	Integer threads;

	@Option(names = {"-q", "--quiet"}, description = "No progress and no notes on stderr; failures are still named.")
	boolean quiet;

	/** Sets the thread counts (before the engine starts) and returns the progress for this run. */
	CliProgress start(PrintStream err) {
		if (threads != null) {
			if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be 1 or more, not "
				+ threads + ".");
			// the calling thread works too, so N - 1 pool threads give N in all
			System.setProperty(JAVA_PARALLELISM, Integer.toString(Math.max(1, threads - 1)));
			if (!Engines.isStarted()) Engines.setThreads(threads, threads);
		}
		return CliProgress.of(err, quiet);
	}
}
