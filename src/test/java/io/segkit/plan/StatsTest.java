package io.segkit.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** numpy.median and numpy.percentile (method 'linear'); expected values computed with numpy. */
class StatsTest {

	@Test
	void medianOfOddAndEvenCountsUnsorted() {
		assertEquals(3, Stats.median(new double[] { 5, 1, 3 }), 0);
		assertEquals(2.5, Stats.median(new double[] { 4, 1, 3, 2 }), 0); // np.median([4,1,3,2]) = 2.5
		assertEquals(7, Stats.median(new double[] { 7 }), 0);
		assertEquals(-1.5, Stats.median(new double[] { -1, -2 }), 0);
	}

	@Test
	void medianDoesNotChangeItsInput() {
		double[] values = { 3, 1, 2 };
		Stats.median(values);
		Stats.percentile(values, 50);
		assertArrayEquals(new double[] { 3, 1, 2 }, values, 0);
	}

	@Test
	void percentileInterpolatesLinearlyBetweenRanks() {
		double[] v = { 10, 40, 20, 30 }; // sorted 10 20 30 40
		assertEquals(10, Stats.percentile(v, 0), 0);
		assertEquals(40, Stats.percentile(v, 100), 0);
		assertEquals(25, Stats.percentile(v, 50), 0);
		// np.percentile([10,20,30,40], 99.5) = 39.85 (rank 2.985)
		assertEquals(39.85, Stats.percentile(v, 99.5), 1e-12);
		// np.percentile([10,20,30,40], 0.5) = 10.15 (rank 0.015)
		assertEquals(10.15, Stats.percentile(v, 0.5), 1e-12);
		assertEquals(5, Stats.percentile(new double[] { 5 }, 37), 0);
	}

	@Test
	void percentileMatchesNumpyToTheLastBit() {
		// numpy's _lerp works from the nearer end (b - (b - a) x (1 - t) for t >= 0.5); the naive a + (b - a) x t
		// gives 0.52 and 0.27678500000000006 here
		assertEquals(0.5199999999999999, Stats.percentile(new double[] { 0.7, 0.1 }, 70), 0);
		assertEquals(0.276785, Stats.percentile(new double[] { 0.035, 0.278 }, 99.5), 0);
		assertEquals(3.997, Stats.percentile(new double[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 33.3), 0);
		assertEquals(0.39999999999999997, Stats.median(new double[] { 0.7, 0.1 }), 0); // np.median([0.1, 0.7])
	}

	@Test
	void lerpTakesTheNearerEnd() {
		assertEquals(1, Stats.lerp(1, 3, 0), 0);
		assertEquals(3, Stats.lerp(1, 3, 1), 0);
		assertEquals(2, Stats.lerp(1, 3, 0.5), 0);
		assertEquals(0.5199999999999999, Stats.lerp(0.1, 0.7, 0.7), 0);
		assertEquals(0.28, Stats.lerp(0.1, 0.7, 0.3), 0); // from b it would be 0.27999999999999997
	}

	@Test
	void noValuesIsAnError() {
		assertEquals("No values", assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[0]))
			.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new double[0], 50));
	}
}
