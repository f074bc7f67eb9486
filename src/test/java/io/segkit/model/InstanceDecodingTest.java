package io.segkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;

class InstanceDecodingTest {

	private static final InstanceDecoding BASE = new InstanceDecoding(1, 0.5, 0.1, 0);

	@Test
	void aForegroundThresholdOutsideZeroToOneIsRefusedWithItsName() {
		for (double bad : new double[] {1, 1.5, -0.2, Double.NaN}) {
			SegKitException e = assertThrows(SegKitException.class, () -> BASE.withForegroundThreshold(bad));
			assertTrue(e.getMessage().contains("foreground threshold must lie between 0 and 1"), e.getMessage());
		}
	}

	@Test
	void zeroIsAModelFileFromBeforeTheThresholdAndReadsAsTheDefault() {
		assertEquals(InstanceDecoding.DEFAULT_FOREGROUND_THRESHOLD, BASE.withForegroundThreshold(0)
			.foregroundThreshold());
		assertEquals(0.6, BASE.withForegroundThreshold(0.6).foregroundThreshold());
		assertTrue(BASE.withForegroundThreshold(0.6).toString().contains("objects where their probability > 0.60"));
		assertTrue(!BASE.toString().contains("their probability"), "the default goes unsaid: " + BASE);
	}
}
