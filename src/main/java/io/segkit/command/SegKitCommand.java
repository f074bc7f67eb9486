package io.segkit.command;

import io.segkit.Progress;

import org.scijava.command.Command;

/**
 * What every SegKit command shares: the {@link Progress} it reports to and checks for cancel. Tests (and callers
 * that run a command from code) set {@link #progress}; otherwise the first call of {@link #progress()} in a run
 * starts ImageJ's progress bar and status line, where Esc cancels.
 */
public abstract class SegKitCommand implements Command {

	/** The progress to report to; null = ImageJ's, started on first use. */
	Progress progress;

	private Progress started;

	/** The progress of this run (the same object for every call). */
	protected final Progress progress() {
		if (progress != null) return progress;
		if (started == null) started = IJProgress.start();
		return started;
	}
}
