package io.segkit.command;

import java.util.function.LongSupplier;

import ij.IJ;

import io.segkit.Progress;

/**
 * Progress shown on ImageJ's progress bar and status line; Esc (or interrupting the thread)
 * cancels. Updates are throttled so that calling it in tight loops stays cheap.
 */
public final class IJProgress implements Progress {

	/** Where an update goes: ImageJ's status line and progress bar (tests record it instead). */
	interface Display {

		void show(String status, double progress);
	}

	private static final Display IMAGEJ = (status, progress) -> {
		IJ.showStatus(status);
		IJ.showProgress(progress);
	};

	private final LongSupplier nanoClock;
	private final Display display;
	private long lastShown;
	private boolean shownOnce;

	public IJProgress() {
		this(System::nanoTime, IMAGEJ);
	}

	IJProgress(LongSupplier nanoClock, Display display) {
		this.nanoClock = nanoClock;
		this.display = display;
	}

	/** A progress for a new piece of work: clears an old Esc press first. */
	public static IJProgress start() {
		IJ.resetEscape();
		return new IJProgress();
	}

	@Override
	public void update(String step, long done, long total) {
		long now = nanoClock.getAsLong();
		// the first update always shows: nanoTime's origin is arbitrary, so lastShown = 0 means nothing
		if (shownOnce && done < total && now - lastShown < 100_000_000L) return;
		shownOnce = true;
		lastShown = now;
		display.show("SegKit: " + step + (done < total ? " (" + done + "/" + total + ")" : ""), done >= total ? 1.0
			: (double) done / Math.max(1, total));
	}

	@Override
	public boolean isCancelRequested() {
		return IJ.escapePressed();
	}
}
