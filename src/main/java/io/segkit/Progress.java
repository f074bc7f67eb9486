package io.segkit;

/**
 * Progress reporting and cancellation for long work. Algorithms call {@link #update} now and then
 * (it is cheap) and {@link #checkCancelled} inside their loops; commands connect it to ImageJ's
 * progress bar and status line.
 */
public interface Progress {

	/** Reports that {@code done} of {@code total} units of the named step are finished. */
	void update(String step, long done, long total);

	/** True once the user asked to stop. */
	boolean isCancelRequested();

	/** Throws {@link Cancelled} if the user asked to stop or the thread was interrupted. */
	default void checkCancelled() {
		if (isCancelRequested() || Thread.currentThread().isInterrupted()) throw new Cancelled();
	}

	/** Progress that reports nothing and is only cancelled by thread interruption. */
	Progress NONE = new Progress() {

		@Override
		public void update(String step, long done, long total) {}

		@Override
		public boolean isCancelRequested() {
			return false;
		}
	};
}
