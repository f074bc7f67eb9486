package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Throttled updates of ImageJ's status line and progress bar, on a clock the test sets. */
class IJProgressTest {

	private static final long MS = 1_000_000L;

	private long now;
	private final List<String> shown = new ArrayList<>();

	private IJProgress progress() {
		return new IJProgress(() -> now, (status, fraction) -> shown.add(status + " @ " + fraction));
	}

	@Test
	void updatesWithin100msAreSkippedButTheFinalOneAlwaysShows() {
		now = 10_000 * MS;
		IJProgress p = progress();
		p.update("Labelling", 1, 10);
		now += 50 * MS;
		p.update("Labelling", 2, 10); // skipped: 50 ms after the last shown
		now += 49 * MS;
		p.update("Labelling", 3, 10); // skipped: 99 ms
		now += 1 * MS;
		p.update("Labelling", 4, 10); // 100 ms: shown
		now += 1 * MS;
		p.update("Labelling", 10, 10); // the end: always shown
		assertEquals(List.of("SegKit: Labelling (1/10) @ 0.1", "SegKit: Labelling (4/10) @ 0.4",
			"SegKit: Labelling @ 1.0"), shown);
	}

	@Test
	void theFinalUpdateShowsEvenRightAfterAnother() {
		now = 10_000 * MS;
		IJProgress p = progress();
		p.update("A", 1, 2);
		p.update("A", 2, 2);
		p.update("B", 5, 3); // more than the total counts as done
		assertEquals(List.of("SegKit: A (1/2) @ 0.5", "SegKit: A @ 1.0", "SegKit: B @ 1.0"), shown);
	}

	@Test
	void theFirstUpdateShowsWhateverTheClocksOrigin() {
		// System.nanoTime may start anywhere, even below zero
		for (long origin : new long[] { 0, -5_000 * MS, 50 * MS }) {
			shown.clear();
			now = origin;
			progress().update("Step", 0, 4);
			assertEquals(List.of("SegKit: Step (0/4) @ 0.0"), shown, "origin " + origin);
		}
	}

	@Test
	void aZeroTotalIsDone() {
		now = 10_000 * MS;
		progress().update("Nothing to do", 0, 0);
		assertEquals(List.of("SegKit: Nothing to do @ 1.0"), shown);
	}
}
