package io.segkit.classic.threshold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import org.junit.jupiter.api.Test;

class ManualThresholdTest {

	@Test
	void boundsAreInclusiveInRealUnitsForEveryBitDepth() {
		float[] f = { -1.5f, 0, 0.25f, 2, 2.5f, Float.NaN, 7, 100 };
		byte[] mask = ManualThreshold.apply(Volume.ofFloats(f, 4, 1, 2, Spacing.UNIT), 0, 2.5, Progress.NONE);
		assertArrayEquals(new byte[] { 0, 1, 1, 1, 1, 0, 0, 0 }, mask);
		short[] s = { 0, 99, 100, 101, 5000, 5001, (short) 65535, 3 };
		assertArrayEquals(new byte[] { 0, 0, 1, 1, 1, 0, 0, 0 }, ManualThreshold.apply(Volume.ofShorts(s, 2, 2, 2,
			Spacing.UNIT), 99.5, 5000, Progress.NONE));
		byte[] b = { 0, 10, (byte) 200, (byte) 255 };
		assertArrayEquals(new byte[] { 0, 1, 1, 1 }, ManualThreshold.apply(Volume.ofBytes(b, 4, 1, 1, Spacing.UNIT), 10,
			255, Progress.NONE));
	}

	@Test
	void lowerAboveUpperIsRefused() {
		byte[] b = { 0, 10, 20, 30 };
		byte[] before = b.clone();
		SegKitException e = assertThrows(SegKitException.class, () -> ManualThreshold.apply(Volume.ofBytes(b, 2, 2, 1,
			Spacing.UNIT), 20, 10, Progress.NONE));
		assertTrue(e.getMessage().contains("lower threshold (20) is above the upper threshold (10)"), e.getMessage());
		assertThrows(SegKitException.class, () -> ManualThreshold.apply(Volume.ofBytes(b, 2, 2, 1, Spacing.UNIT),
			Double.NaN, 10, Progress.NONE));
		assertArrayEquals(before, b);
		assertEquals(1, ManualThreshold.apply(Volume.ofBytes(b, 2, 2, 1, Spacing.UNIT), 10, 10, Progress.NONE)[1]);
	}
}
