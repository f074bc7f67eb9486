package io.segkit;

/** Progress objects for tests. */
public final class TestProgress {

	private TestProgress() {}

	/** A progress whose user has already asked to stop: the work must throw {@link Cancelled} at its first check. */
	public static Progress cancelled() {
		return new Progress() {

			@Override
			public void update(String step, long done, long total) {}

			@Override
			public boolean isCancelRequested() {
				return true;
			}
		};
	}
}
