package io.segkit.ij1;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ij.CommandListener;
import ij.Executer;
import ij.macro.Interpreter;

/**
 * Some failures ImageJ only logs and then goes on with the next macro line: a command whose dialog cannot open
 * without a display (its HeadlessException is caught and printed by ImageJ's command executer) and, in the same way,
 * an unknown command. Without a display ImageJ's log is standard output, so this watch reads what is printed there
 * while a headless macro runs and, at the first such report, stops the macro and says why on stderr.
 */
final class FailureWatch extends PrintStream implements CommandListener {

	private static final String HEADLESS = "java.awt.HeadlessException";
	private static final String UNKNOWN = "Unrecognized command";

	private final PrintStream original;
	private final Interpreter interpreter;
	private volatile boolean failed;
	/** The ImageJ command the macro ran last, to name it when it fails. */
	private volatile String command;

	private FailureWatch(PrintStream original, Interpreter interpreter) {
		super(original, true, StandardCharsets.UTF_8);
		this.original = original;
		this.interpreter = interpreter;
	}

	/** Watches standard output until {@link #uninstall}. */
	static FailureWatch install(Interpreter interpreter) {
		FailureWatch watch = new FailureWatch(System.out, interpreter);
		System.setOut(watch);
		Executer.addCommandListener(watch);
		return watch;
	}

	void uninstall() {
		Executer.removeCommandListener(this);
		flush();
		System.setOut(original);
	}

	@Override
	public String commandExecuting(String name) {
		command = name;
		return name; // run it
	}

	/** True once a failure was seen. */
	boolean failed() {
		return failed;
	}

	/** PrintStream's println(String) goes through print(String) in a subclass, so both are watched here. */
	@Override
	public void print(String s) {
		super.print(s);
		check(s);
	}

	private void check(String text) {
		if (failed || text == null) return;
		String reason = reason(text, command);
		if (reason == null) return;
		failed = true;
		// a macro error (an unknown command is one) is reported with its own text when the run ends
		String error = interpreter.getErrorMessage();
		if (error == null || error.isBlank()) System.err.println("Stopped near macro line " + interpreter
			.getLineNumber() + ": " + reason);
		interpreter.abortMacro();
	}

	/**
	 * Why a printed text means the macro must stop, or null when it does not; {@code command} is the ImageJ command
	 * that was running (null if unknown).
	 */
	static String reason(String text, String command) {
		if (text.contains(UNKNOWN)) return text.trim() + ". " + ELSEWHERE;
		if (text.contains(HEADLESS)) return (command == null ? "an ImageJ command" : "ImageJ's \"" + command + "\"")
			+ " needs a display here: plain ImageJ builds its dialog even when the macro gives every option. "
			+ ELSEWHERE;
		return null;
	}

	private static final String ELSEWHERE = "Run the macro with a virtual display, where every ImageJ command works: "
		+ "xvfb-run java ... io.segkit.ij1.HeadlessMacroRunner (the same command, without -Djava.awt.headless=true), "
		+ "or in Fiji with --headless.";

}
