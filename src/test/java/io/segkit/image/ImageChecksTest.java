package io.segkit.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.SegKitException;

import org.junit.jupiter.api.Test;

class ImageChecksTest {

	private static String refused(org.junit.jupiter.api.function.Executable check) {
		return assertThrows(SegKitException.class, check).getMessage();
	}

	/** An image that reports a size without holding the pixels (only the dimensions are checked). */
	private static ImagePlus claimingSize(String title, int w, int h, int slices) {
		return new ImagePlus(title, new ij.process.ByteProcessor(1, 1)) {

			@Override
			public int getWidth() {
				return w;
			}

			@Override
			public int getHeight() {
				return h;
			}

			@Override
			public int getNSlices() {
				return slices;
			}
		};
	}

	@Test
	void usableImagesPassAndMissingOrRgbAreRefusedWithWhatToDo() {
		for (String type : new String[] { "8-bit", "16-bit", "32-bit" }) {
			assertDoesNotThrow(() -> ImageChecks.requireUsable(IJ.createImage("ok", type + " ramp", 8, 6, 3)), type);
		}
		assertTrue(refused(() -> ImageChecks.requireUsable(null)).contains("open or select an image"));
		String rgb = refused(() -> ImageChecks.requireUsable(IJ.createImage("colours", "RGB ramp", 8, 6, 1)));
		assertTrue(rgb.startsWith("'colours' is an RGB image"), rgb);
		assertTrue(rgb.contains("Split Channels"), rgb);
	}

	@Test
	void oneChannelMustFitInAJavaArray() {
		// 2^31 - 8 voxels is the largest allowed; one more plane row is refused with the count and what to do
		assertDoesNotThrow(() -> ImageChecks.requireUsable(claimingSize("edge", 65536, 32767, 1)));
		String big = refused(() -> ImageChecks.requireUsable(claimingSize("huge", 65536, 16384, 2)));
		assertTrue(big.startsWith("'huge' has 2147483648 voxels per channel and frame"), big);
		assertTrue(big.contains("Make Substack"), big);
		// the product of three ints must not overflow into a small or negative number
		assertThrows(SegKitException.class, () -> ImageChecks.requireUsable(claimingSize("wrap", 65536, 65536, 65536)));
	}

	@Test
	void nanIsCountedAndInfinityRefusedOnlyIn32BitImagesAndOnAnySlice() {
		float[] f = new float[2 * 3 * 2];
		assertEquals(0, MissingValues.countNaN(Volume.ofFloats(f, 2, 3, 2, Spacing.UNIT), "clean"));
		f[f.length - 1] = Float.NaN; // last voxel of the last slice
		f[0] = Float.NaN;
		assertEquals(2, MissingValues.countNaN(Volume.ofFloats(f, 2, 3, 2, Spacing.UNIT), "holes"));
		f[f.length - 2] = Float.NEGATIVE_INFINITY; // x=0, y=2 of slice 2
		String m = refused(() -> MissingValues.countNaN(Volume.ofFloats(f, 2, 3, 2, Spacing.UNIT), "bad"));
		assertTrue(m.startsWith("'bad' has -Infinity at x=0, y=2, slice 2."), m);
		assertEquals(0, MissingValues.countNaN(Volume.ofShorts(new short[4], 2, 2, 1, Spacing.UNIT), "s"));
		assertEquals(0, MissingValues.countNaN(Volume.ofBytes(new byte[4], 2, 2, 1, Spacing.UNIT), "b"));
	}

	@Test
	void nanVoxelsLeaveTheMaskAndTakeTheMeanOnlyWhereThereAreAny() {
		float[] f = { 1, Float.NaN, 3, 5 };
		Volume v = Volume.ofFloats(f, 2, 2, 1, Spacing.UNIT);
		assertArrayEquals(new byte[] { 1, 0, 1, 1 }, MissingValues.withoutNaN(null, v));
		byte[] mask = { 0, 1, 1, 1 };
		assertArrayEquals(new byte[] { 0, 0, 1, 1 }, MissingValues.withoutNaN(mask, v));
		assertArrayEquals(new byte[] { 0, 1, 1, 1 }, mask, "the given mask is not changed");
		assertArrayEquals(new float[] { 1, 3, 3, 5 }, MissingValues.meanFilled(v).toFloatArray());
		Volume clean = Volume.ofFloats(new float[] { 1, 2, 3, 4 }, 2, 2, 1, Spacing.UNIT);
		assertSame(mask, MissingValues.withoutNaN(mask, clean));
		assertSame(clean, MissingValues.meanFilled(clean));
	}

	@Test
	void constantImagesAreRefusedWithTheirValue() {
		short[] s = new short[12];
		java.util.Arrays.fill(s, (short) 40000);
		String m = refused(() -> ImageChecks.requireNotConstant(Volume.ofShorts(s, 3, 2, 2, Spacing.UNIT), "flat"));
		assertTrue(m.startsWith("'flat' has the same value (40000.0) everywhere"), m);
		s[11] = (short) 40001; // one different voxel, in the last slice, is enough
		assertDoesNotThrow(() -> ImageChecks.requireNotConstant(Volume.ofShorts(s, 3, 2, 2, Spacing.UNIT), "ok"));
		float[] nanAndOne = { Float.NaN, 1, Float.NaN, 1 };
		assertThrows(SegKitException.class, () -> ImageChecks.requireNotConstant(Volume.ofFloats(nanAndOne, 4, 1, 1,
			Spacing.UNIT), "NaN is not a second value"));
		float[] allNaN = { Float.NaN, Float.NaN };
		assertThrows(SegKitException.class, () -> ImageChecks.requireNotConstant(Volume.ofFloats(allNaN, 2, 1, 1,
			Spacing.UNIT), "all NaN"));
	}

	@Test
	void secondImagesMustExistBeUsableAndMatchInSize() {
		ImagePlus input = IJ.createImage("cells", "8-bit black", 10, 8, 3);
		assertDoesNotThrow(() -> ImageChecks.requireSameSize(input, IJ.createImage("m", "16-bit black", 10, 8, 3),
			"marker"));
		assertEquals("No marker image was given: choose one from the open images.", refused(() -> ImageChecks
			.requireSameSize(input, null, "marker")));
		assertTrue(refused(() -> ImageChecks.requireSameSize(input, IJ.createImage("rgb", "RGB black", 10, 8, 3),
			"mask")).contains("RGB"));
		for (int[] size : new int[][] { { 11, 8, 3 }, { 10, 7, 3 }, { 10, 8, 2 } }) {
			ImagePlus other = IJ.createImage("seeds", "8-bit black", size[0], size[1], size[2]);
			String m = refused(() -> ImageChecks.requireSameSize(input, other, "seed"));
			assertEquals("The seed image 'seeds' is " + size[0] + " x " + size[1] + " x " + size[2] + " but 'cells' is " +
				"10 x 8 x 3. They must have the same width, height and number of slices.", m);
		}
	}

	@Test
	void memoryBeyondWhatTheJvmCanGiveIsRefused() {
		assertDoesNotThrow(() -> ImageChecks.requireMemory(0, "Nothing"));
		assertDoesNotThrow(() -> ImageChecks.requireMemory(1 << 20, "A megabyte"));
		long tooMuch = Runtime.getRuntime().maxMemory() + (1L << 30);
		String m = refused(() -> ImageChecks.requireMemory(tooMuch, "The distance map"));
		assertTrue(m.startsWith("The distance map needs about "), m);
		assertTrue(m.contains("Edit > Options > Memory & Threads"), m);
	}

	@Test
	void preflightNamesTheOperationTheImageAndBothSizes() {
		java.util.function.LongSupplier real = ImageChecks.availableMemory;
		ImageChecks.availableMemory = () -> 1288490189L; // 1.2 GB free
		try {
			ImagePlus image = IJ.createImage("cells", "8-bit black", 4, 8, 2);
			assertDoesNotThrow(() -> ImageChecks.requireMemory("Distance Watershed", 1L << 30, image));
			String m = refused(() -> ImageChecks.requireMemory("Distance Watershed", 2254857830L, image));
			assertEquals("Distance Watershed needs about 2.1 GB for this 4x8x2 image but Fiji has 1.2 GB free. Give " +
				"Fiji more memory (Edit > Options > Memory & Threads...) or process a crop or fewer slices (Image > " +
				"Stacks > Tools > Make Substack).", m);
		} finally {
			ImageChecks.availableMemory = real;
		}
	}
}
