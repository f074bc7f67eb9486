package io.segkit.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.segkit.Cancelled;
import io.segkit.SegKitException;
import io.segkit.model.ModelBundle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code segkit}: SegKit's command-line tool, in the shape nnU-Net users know (plan, train, auto-train, segment,
 * evaluate) plus engine info and the classic operations on files. Every subcommand calls the same job or algorithm
 * as its Fiji menu command. No display is needed: images are read and written with ImageJ's classes, headless.
 */
@Command(name = "segkit", mixinStandardHelpOptions = true, versionProvider = SegKitCli.Version.class,
	description = {"SegKit on the command line: self-configuring deep learning (nnU-Net's rules) and classic "
		+ "segmentation of TIFF files and folders, without a display.",
		"Each subcommand has --help with its options and examples."},
	subcommands = {PlanSubcommand.class, TrainSubcommand.class, AutoTrainSubcommand.class, SegmentSubcommand.class,
		EvaluateSubcommand.class, InfoSubcommand.class, GpuSubcommand.class, ThresholdSubcommand.class,
		ComponentsSubcommand.class, WatershedSubcommand.class, MeasureSubcommand.class},
	exitCodeListHeading = "%nExit codes:%n",
	exitCodeList = {"0:all done (images skipped because their output exists count as done)",
		"1:a problem with the data: an image or the training data could not be used (in a folder run the other "
			+ "images are still done; each failed one is named on stderr and in the --summary file)",
		"2:bad arguments: an unknown option, a missing or wrong value, an input that does not exist; nothing "
			+ "was changed",
		"3:an unexpected error (a bug: please report it with the text printed)"},
	footerHeading = "%nExamples:%n", footer = {
		"  segkit segment -i images/ -o labels/ -m nuclei.zip --summary segment.csv",
		"  segkit auto-train -i training-folder/ -m nuclei.zip --time-budget 120",
		"  segkit threshold -i images/ -o masks/ --method Otsu",
		"  segkit segment --help"})
public final class SegKitCli implements Runnable {

	public static final int OK = 0, DATA_PROBLEM = 1, USAGE = 2, UNEXPECTED = 3;

	final PrintStream out;
	final PrintStream err;

	@Spec
	CommandSpec spec;

	SegKitCli(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		// stdout carries results (plans, scores) for pipes; what libraries print (ImageJ's log) goes to stderr
		PrintStream results = System.out;
		System.setOut(System.err);
		System.exit(run(args, results, System.err));
	}

	/** Runs {@code segkit args}; returns the exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		CommandLine cli = new CommandLine(new SegKitCli(out, err));
		cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
		cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
		cli.setCaseInsensitiveEnumValuesAllowed(true);
		cli.setExitCodeExceptionMapper(e -> USAGE);
		cli.setParameterExceptionHandler(SegKitCli::usageError);
		cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command));
		int code = cli.execute(args);
		out.flush();
		err.flush();
		return code;
	}

	/** No subcommand: say which there are. */
	@Override
	public void run() {
		throw new ParameterException(spec.commandLine(), "Name what to do: " + String.join(", ", spec
			.subcommands().keySet()) + ".");
	}

	private static int usageError(ParameterException e, String[] args) {
		CommandLine command = e.getCommandLine();
		PrintWriter err = command.getErr();
		err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
		UnmatchedArgumentException.printSuggestions(e, err);
		err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
		err.flush();
		return USAGE;
	}

	private static int failure(Exception e, CommandLine command) {
		PrintWriter err = command.getErr();
		String name = command.getCommandSpec().qualifiedName();
		if (e instanceof SegKitException) {
			err.println(name + ": " + e.getMessage());
			err.flush();
			return DATA_PROBLEM;
		}
		if (e instanceof Cancelled) {
			err.println(name + ": stopped.");
			err.flush();
			return DATA_PROBLEM;
		}
		err.println(name + ": unexpected error (please report it with this text):");
		e.printStackTrace(err);
		err.flush();
		return UNEXPECTED;
	}

	/** The SegKit version the plugin jar was built as. */
	static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] {"SegKit " + ModelBundle.segkitVersion()};
		}
	}
}
