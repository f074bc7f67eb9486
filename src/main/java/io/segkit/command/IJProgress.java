package io.segkit.command;

import ij.IJ;

import io.segkit.Progress;

/**
 * Progress shown on ImageJ's progress bar and status line; Esc (or interrupting the thread)
 * cancels. Updates are throttled so that calling it in tight loops stays cheap.
 */
public final class IJProgress implements Progress {

	private long lastShown;

	/** A progress for a new piece of work: clears an old Esc press first. */
	public static IJProgress start() {
		IJ.resetEscape();
		return new IJProgress();
	}

	@Override
	public void update(String step, long done, long total) {
		long now = System.nanoTime();
		if (done < total && now - lastShown < 100_000_000L) return;
		lastShown = now;
		IJ.showStatus("SegKit: " + step + (done < total ? " (" + done + "/" + total + ")" : ""));
		IJ.showProgress(done >= total ? 1.0 : (double) done / Math.max(1, total));
	}

	@Override
	public boolean isCancelRequested() {
		return IJ.escapePressed();
	}
}
