package io.segkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.segkit.image.Spacing;

class ObjectBoundariesTest {

	private static final Spacing PIXEL = Spacing.UNIT;

	@Test
	void twoTouchingObjectsGetABoundaryEachWhereTheyMeetAndAtTheBackground() {
		// 7 x 3: object 1 in columns 0-2, object 2 in columns 3-5, background in column 6
		float[] labels = new float[21];
		for (int y = 0; y < 3; y++) for (int x = 0; x < 6; x++) labels[y * 7 + x] = x < 3 ? 1 : 2;
		byte[] c = ObjectBoundaries.classes(labels, Float.NaN, 255, 7, 3, 1, PIXEL);
		// the image border is no boundary (objects go on beyond it); the contact and the background side are
		assertArrayEquals(new byte[] {1, 1, 2, 2, 1, 2, 0}, new byte[] {c[7], c[8], c[9], c[10], c[11], c[12], c[13]});
	}

	@Test
	void notAnnotatedVoxelsAreIgnoredAndMakeNoBoundary() {
		float[] labels = {5, 5, 5, -1, -1, 0};
		byte[] c = ObjectBoundaries.classes(labels, -1, 255, 6, 1, 1, PIXEL);
		assertArrayEquals(new byte[] {1, 1, 1, (byte) 255, (byte) 255, 0}, c);
	}

	@Test
	void theWidthIsCalibratedAndAnisotropicStacksGetBoundariesAlongZ() {
		Spacing anisotropic = new Spacing(0.5, 0.5, 2, "um");
		int[][] faces = ObjectBoundaries.offsets(0.5, true, anisotropic);
		assertEquals(6, faces.length, "one voxel: the face neighbours, z included");
		int[][] wider = ObjectBoundaries.offsets(1.0, true, anisotropic);
		for (int[] o : wider) assertTrue(Math.abs(o[2]) <= 1 && Math.abs(o[0]) <= 2 && Math.abs(o[1]) <= 2);
		assertTrue(java.util.Arrays.stream(wider).anyMatch(o -> o[0] == 2 && o[1] == 0 && o[2] == 0), "2 voxels in x");
		// a disc of radius ~3 px: the width is a quarter of the radius, at least one pixel
		float[] disc = new float[41 * 41];
		for (int y = 0; y < 41; y++) for (int x = 0; x < 41; x++) if ((x - 20) * (x - 20) + (y - 20) * (y - 20) <= 9)
			disc[y * 41 + x] = 3;
		assertEquals(1.0, ObjectBoundaries.width(disc, Float.NaN, 1, PIXEL), 1e-12);
		assertEquals(2.0, ObjectBoundaries.width(disc, Float.NaN, 1, new Spacing(2, 2, 1, "um")), 1e-12);
		float[] big = new float[121 * 121];
		for (int y = 0; y < 121; y++) for (int x = 0; x < 121; x++) if ((x - 60) * (x - 60) + (y - 60) * (y - 60) <= 3600)
			big[y * 121 + x] = 1;
		assertEquals(15.0, ObjectBoundaries.width(big, Float.NaN, 1, PIXEL), 0.05, "radius 60 px: 15 px");
	}

	@Test
	void alongACoarseZStepOnlyAnotherObjectMakesABoundary() {
		// a 5 x 5 x 4 stack at 0.5 x 0.5 x 2 um: object 1 in slices 0-1, object 2 in slice 2, background in slice 3
		Spacing anisotropic = new Spacing(0.5, 0.5, 2, "um");
		float[] labels = new float[100];
		for (int i = 0; i < 75; i++) labels[i] = i < 50 ? 1 : 2;
		byte[] c = ObjectBoundaries.classes(labels, Float.NaN, 255, 5, 5, 4, anisotropic);
		int centre = 2 * 5 + 2;
		assertEquals(ObjectBoundaries.INTERIOR, c[centre], "slice 0: the stack's border is open");
		assertEquals(ObjectBoundaries.BOUNDARY, c[25 + centre], "slice 1 touches object 2 along z");
		assertEquals(ObjectBoundaries.BOUNDARY, c[50 + centre], "slice 2 touches object 1 along z");
		// object 2 alone on a background slice: its cap is no boundary (2 um is beyond the width)
		float[] alone = new float[100];
		for (int i = 25; i < 75; i++) alone[i] = 7;
		byte[] a = ObjectBoundaries.classes(alone, Float.NaN, 255, 5, 5, 4, anisotropic);
		assertEquals(ObjectBoundaries.INTERIOR, a[25 + centre]);
	}
}
