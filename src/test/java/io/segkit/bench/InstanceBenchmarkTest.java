package io.segkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segkit.image.Labels;
import io.segkit.image.Spacing;

import org.junit.jupiter.api.Test;

class InstanceBenchmarkTest {

	/** One row of labels. */
	private static Labels row(int... values) {
		return new Labels(values, values.length, 1, 1, Spacing.UNIT, java.util.Arrays.stream(values).max().orElse(0));
	}

	@Test
	void identicalLabelsScoreOneAtEveryThreshold() {
		InstanceBenchmark.Matches m = new InstanceBenchmark.Matches();
		m.add(row(1, 1, 0, 2, 2, 2, 0, 3, 3, 3), row(5, 5, 0, 7, 7, 7, 0, 9, 9, 9));
		for (int k = 0; k < InstanceBenchmark.THRESHOLDS.length; k++) assertEquals(1.0, m.f1(k), 1e-12);
		assertEquals(1.0, m.meanF1(), 1e-12);
	}

	@Test
	void aMatchCountsUpToItsIoUAndAMergedObjectMatchesNothing() {
		InstanceBenchmark.Matches m = new InstanceBenchmark.Matches();
		// truth A = 0..6, B = 7..11; prediction a = 0..5 (IoU 6/7 with A), b = 6..11 (IoU 5/6 with B)
		m.add(row(1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2), row(1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2));
		// one prediction over two true objects: IoU 0.4 with each
		m.add(row(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), row(1, 1, 1, 1, 2, 2, 2, 2, 0, 0));
		assertEquals(3, m.predicted);
		assertEquals(4, m.truth);
		for (int k = 0; k <= 6; k++) assertEquals(2 * 2 / 7.0, m.f1(k), 1e-12, "IoU " + InstanceBenchmark
			.THRESHOLDS[k]);
		assertEquals(2 * 1 / 7.0, m.f1(7), 1e-12);
		assertEquals(0, m.f1(8), 1e-12);
		assertEquals((7 * 4 / 7.0 + 2 / 7.0) / 9, m.meanF1(), 1e-12);
	}

	@Test
	void twoPredictionsAtExactlyHalfOfOneTrueObjectMatchOnce() {
		InstanceBenchmark.Matches m = new InstanceBenchmark.Matches();
		m.add(row(1, 2), row(1, 1));
		assertEquals(1, m.matched[0]);
		assertEquals(0, m.matched[1]);
	}
}
