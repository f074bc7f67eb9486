package io.segkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;

/** 32-bit label images: whole non-negative numbers that fit an int are labels; anything else is refused. */
class LabelImagesReadTest {

	private static Volume floats(float... values) {
		return Volume.ofFloats(values, values.length, 1, 1, new Spacing(1, 1, 1, "pixel"));
	}

	@Test
	void wholeNumbersUpToTheLargestIntAreRead() {
		float largest = Math.nextDown(0x1p31f); // 2^31 - 128, the largest float below 2^31
		assertArrayEquals(new int[] {0, 3, (int) largest}, LabelImages.read(floats(0, 3, largest)));
	}

	@Test
	void twoToThe31AndFractionsAreRefused() {
		for (float bad : new float[] {0x1p31f, 1.5f}) {
			SegKitException e = assertThrows(SegKitException.class, () -> LabelImages.read(floats(1, bad)));
			assertTrue(e.getMessage().contains("whole non-negative numbers"), e.getMessage());
		}
	}
}
