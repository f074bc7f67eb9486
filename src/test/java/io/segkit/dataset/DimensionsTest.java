package io.segkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

class DimensionsTest {

	private static List<TrainingCase> cases(int... depths) {
		List<TrainingCase> out = new ArrayList<>();
		Spacing s = new Spacing(1, 1, 1, "pixel");
		for (int i = 0; i < depths.length; i++) {
			int d = depths[i];
			out.add(new TrainingCase("c" + i, List.of(Volume.ofBytes(new byte[4 * 4 * d], 4, 4, d, s)), Volume.ofBytes(
				new byte[4 * 4 * d], 4, 4, d, s)));
		}
		return out;
	}

	@Test
	void volumesAreImagesWhoseMedianDepthIsAboveOneSlice() {
		assertFalse(Dimensions.isVolumetric(1));
		assertTrue(Dimensions.isVolumetric(2));
		assertTrue(Dimensions.isVolumetric(cases(3, 3)));
		assertFalse(Dimensions.isVolumetric(cases(1, 1, 20)), "one stack among single images: the median decides");
		assertTrue(Dimensions.isVolumetric(cases(1, 20, 20)));
	}

	@Test
	void automaticTrainsA3DNetworkOnlyOnStacksOfEightSlicesOrMore() {
		assertEquals(2, Dimensions.of(cases(1, 1, 1)));
		assertEquals(2, Dimensions.of(cases(3, 3)), "volumes, but a 3D patch would be mostly padding");
		assertEquals(2, Dimensions.of(cases(7, 7, 9)));
		assertEquals(3, Dimensions.of(cases(8, 8)));
		assertEquals(3, Dimensions.of(cases(1, 20, 20)));
	}

	@Test
	void theMedianOfAnEvenCountIsTheUpperOne() {
		assertEquals(20, Dimensions.medianDepth(new int[] {20, 1}));
		assertEquals(5, Dimensions.medianDepth(new int[] {9, 1, 5}));
	}

	@Test
	void aRequestedDimensionIsKeptUnless3DIsAskedOfSingleImages() {
		assertEquals(2, Dimensions.resolve(0, cases(1, 1)));
		assertEquals(3, Dimensions.resolve(0, cases(8, 8)));
		assertEquals(2, Dimensions.resolve(0, cases(4, 4)));
		assertEquals(3, Dimensions.resolve(3, cases(4, 4)), "3D may be asked of thin stacks");
		assertEquals(2, Dimensions.resolve(2, cases(8, 8)), "stacks may be trained slice by slice");
		SegKitException e = assertThrows(SegKitException.class, () -> Dimensions.resolve(3, cases(1, 1)));
		assertTrue(e.getMessage().contains("Choose 2D"), e.getMessage());
	}
}
