package io.segkit.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.segkit.Progress;

/**
 * Progress on stderr: a bar redrawn in place when stderr is a terminal, plain lines otherwise (a cluster's log file
 * must stay readable: a line when the step changes, else at most one every {@value #LINE_INTERVAL_MS} ms), nothing
 * with {@code --quiet}. Messages go through {@link #say} so that they never land in the middle of the bar.
 */
final class CliProgress implements Progress {

	enum Mode {
		BAR, LINES, QUIET
	}

	static final long LINE_INTERVAL_MS = 10_000;
	private static final long BAR_INTERVAL_MS = 100;
	private static final int BAR_WIDTH = 30;

	private final PrintStream err;
	private final Mode mode;
	private long lastPrint = Long.MIN_VALUE / 2;
	private String lastStepKind = "";
	private boolean barShown;

	CliProgress(PrintStream err, Mode mode) {
		this.err = err;
		this.mode = mode;
	}

	/** The bar on a terminal, lines otherwise; nothing when quiet. */
	static CliProgress of(PrintStream err, boolean quiet) {
		return new CliProgress(err, quiet ? Mode.QUIET : System.console() != null ? Mode.BAR : Mode.LINES);
	}

	@Override
	public synchronized void update(String step, long done, long total) {
		if (mode == Mode.QUIET) return;
		long now = System.currentTimeMillis();
		if (mode == Mode.BAR) {
			if (now - lastPrint < BAR_INTERVAL_MS && done < total) return;
			err.print("\r" + bar(step, done, total));
			err.flush();
			barShown = true;
		}
		else {
			// a new kind of step (digits aside: "Segmenting a.tif (2/9)" is new, "epoch 3/50" is not) or time
			String kind = step.replaceAll("[0-9.]+", "#");
			if (kind.equals(lastStepKind) && now - lastPrint < LINE_INTERVAL_MS) return;
			lastStepKind = kind;
			err.println("segkit: " + step + percent(done, total));
		}
		lastPrint = now;
	}

	@Override
	public boolean isCancelRequested() {
		return false; // Ctrl-C ends the JVM; every output is written through a temporary file
	}

	/** A message for the user (unless quiet), on its own line. */
	synchronized void say(String message) {
		if (mode != Mode.QUIET) warn(message);
	}

	/** A message that --quiet does not silence (failures). */
	synchronized void warn(String message) {
		endBar();
		err.println("segkit: " + message);
	}

	/** Ends the bar's line, so that what follows starts on a new one. */
	synchronized void endBar() {
		if (!barShown) return;
		err.println();
		barShown = false;
	}

	static String bar(String step, long done, long total) {
		double fraction = total > 0 ? Math.min(1, Math.max(0, (double) done / total)) : 0;
		int filled = (int) Math.round(fraction * BAR_WIDTH);
		String text = step.length() > 60 ? step.substring(0, 57) + "..." : step;
		return String.format(Locale.ROOT, "[%s%s] %3d%% %-60s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
			Math.round(fraction * 100), text);
	}

	private static String percent(long done, long total) {
		return total > 0 ? String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * done / total)) : "";
	}
}
