package io.segkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values from numpy: np.nanmean and np.percentile (method "linear"). */
class MeansTest {

	@Test
	void nanMeanSkipsNaN() {
		assertEquals(2.0, Means.nanMean(new double[] { 1, Double.NaN, 3 }));
		assertEquals(-0.5, Means.nanMean(new double[] { -0.5 }));
		assertEquals(0.25, Means.nanMean(new double[] { Double.NaN, 0, 0.5, 0.5, 0, Double.NaN }), 1e-15);
		assertTrue(Double.isNaN(Means.nanMean(new double[] { Double.NaN, Double.NaN })), "all NaN: NaN");
		assertTrue(Double.isNaN(Means.nanMean(new double[0])), "empty: NaN");
	}

	@Test
	void percentileInterpolatesLinearlyLikeNumpy() {
		// np.percentile([1, 2, 3, 4], [0, 25, 50, 95, 100]) = [1, 1.75, 2.5, 3.85, 4]
		double[] percents = { 0, 25, 50, 95, 100 };
		double[] expected = { 1, 1.75, 2.5, 3.85, 4 };
		for (int k = 0; k < percents.length; k++) {
			assertEquals(expected[k], Means.percentile(new float[] { 4, 1, 3, 2 }, percents[k]), 1e-12, percents[k] +
				"%");
		}
		// np.percentile([0, 0, 0, 10], 95) = 8.5; a single value is every percentile
		assertEquals(8.5, Means.percentile(new float[] { 0, 10, 0, 0 }, 95), 1e-12);
		assertEquals(7.5, Means.percentile(new float[] { 7.5f }, 95));
		assertEquals(7.5, Means.percentile(new float[] { 7.5f }, 0));
		assertTrue(Double.isNaN(Means.percentile(new float[0], 95)), "empty: NaN");
	}

	@Test
	void percentileSortsInPlaceAndComputesInDouble() {
		float[] v = { 3, -1, 2 };
		Means.percentile(v, 50);
		assertArrayEquals(new float[] { -1, 2, 3 }, v, "documented: sorts in place");
		// the difference is taken in double: in float, MAX_VALUE - (-MAX_VALUE) would overflow to infinity
		assertEquals(0.0, Means.percentile(new float[] { Float.MAX_VALUE, -Float.MAX_VALUE }, 50), 0);
		assertEquals(Float.MAX_VALUE, Means.percentile(new float[] { Float.MAX_VALUE, -Float.MAX_VALUE }, 100), 0);
	}
}
