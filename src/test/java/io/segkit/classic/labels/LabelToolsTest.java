package io.segkit.classic.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;

import org.junit.jupiter.api.Test;

class LabelToolsTest {

	static final Spacing ANISO = new Spacing(0.5, 0.5, 2, "µm");

	/** Sets label {@code l} in the box [x0, x0+sx) x [y0, y0+sy) x [z0, z0+sz). */
	static void box(int[] data, int w, int h, int l, int x0, int y0, int z0, int sx, int sy, int sz) {
		for (int z = z0; z < z0 + sz; z++) for (int y = y0; y < y0 + sy; y++) for (int x = x0; x < x0 + sx; x++)
			data[(z * h + y) * w + x] = l;
	}

	static int voxelsOf(Labels labels, int l) {
		int n = 0;
		for (int v : labels.data()) if (v == l) n++;
		return n;
	}

	/** 12 x 12 x 10 at spacing (0.5, 0.5, 2): cubes of 2, 3 and 4 voxels a side (volumes 4, 13.5, 32). */
	static Labels cubes() {
		int w = 12, h = 12, d = 10;
		int[] data = new int[w * h * d];
		box(data, w, h, 2, 1, 1, 1, 2, 2, 2);
		box(data, w, h, 1, 5, 5, 3, 3, 3, 3);
		box(data, w, h, 5, 6, 1, 5, 4, 4, 4);
		return new Labels(data, w, h, d, ANISO, 5);
	}

	@Test
	void sizeFilterUsesCalibratedVolume() {
		Labels labels = cubes();
		int[] before = labels.data().clone();
		Labels kept = LabelTools.filterBySize(labels, 13.5, 20, Progress.NONE);
		assertEquals(27, voxelsOf(kept, 1));
		assertEquals(0, voxelsOf(kept, 2));
		assertEquals(0, voxelsOf(kept, 5));
		assertEquals(1, kept.count());
		assertArrayEquals(before, labels.data(), "input unchanged");
		assertEquals(0, voxelsOf(LabelTools.filterBySize(labels, 13.6, 100, Progress.NONE), 1));
		assertEquals(0, voxelsOf(LabelTools.filterBySize(labels, 0, 13.4, Progress.NONE), 1));
		Labels noMax = LabelTools.filterBySize(labels, 4, Double.POSITIVE_INFINITY, Progress.NONE);
		assertEquals(8 + 27 + 64, voxelsOf(noMax, 1) + voxelsOf(noMax, 2) + voxelsOf(noMax, 5));
		assertEquals(5, noMax.count(), "kept labels keep their values");
		assertEquals(13.5, 27 * LabelTools.voxelSize(labels), 1e-12);
	}

	@Test
	void sizeFilterUsesCalibratedAreaIn2D() {
		int w = 10, h = 6;
		int[] data = new int[w * h];
		box(data, w, h, 1, 0, 0, 0, 4, 2, 1); // 8 px * 0.125 = 1.0
		box(data, w, h, 2, 5, 3, 0, 3, 3, 1); // 9 px * 0.125 = 1.125
		Labels labels = new Labels(data, w, h, 1, new Spacing(0.5, 0.25, 7, "mm"), 2);
		Labels kept = LabelTools.filterBySize(labels, 1.0, 1.0, Progress.NONE);
		assertEquals(8, voxelsOf(kept, 1));
		assertEquals(0, voxelsOf(kept, 2));
	}

	@Test
	void badSizeRangesAreRefused() {
		Labels labels = cubes();
		SegKitException e = assertThrows(SegKitException.class, () -> LabelTools.filterBySize(labels, 10, 5,
			Progress.NONE));
		assertTrue(e.getMessage().contains("larger than the maximum"), e.getMessage());
		assertThrows(SegKitException.class, () -> LabelTools.filterBySize(labels, -1, 5, Progress.NONE));
		assertThrows(SegKitException.class, () -> LabelTools.filterBySize(labels, Double.NaN, 5, Progress.NONE));
	}

	@Test
	void borderLabelsIn2D() {
		int w = 8, h = 7;
		int[] data = new int[w * h];
		box(data, w, h, 1, 0, 2, 0, 2, 2, 1); // left border
		box(data, w, h, 2, 3, 6, 0, 2, 1, 1); // bottom row
		box(data, w, h, 3, 3, 2, 0, 3, 3, 1); // inside
		box(data, w, h, 4, 7, 0, 0, 1, 1, 1); // top-right corner
		Labels labels = new Labels(data, w, h, 1, Spacing.UNIT, 4);
		for (boolean z : new boolean[] { true, false }) {
			Labels out = LabelTools.removeBorderLabels(labels, z, Progress.NONE);
			assertEquals(0, voxelsOf(out, 1) + voxelsOf(out, 2) + voxelsOf(out, 4));
			assertEquals(9, voxelsOf(out, 3));
			assertEquals(3, out.count());
		}
	}

	@Test
	void borderLabelsIn3DWithAndWithoutZBorders() {
		int w = 8, h = 8, d = 5;
		int[] data = new int[w * h * d];
		box(data, w, h, 1, 3, 3, 0, 2, 2, 2); // touches z = 0 only
		box(data, w, h, 2, 3, 3, 3, 2, 2, 2); // touches z = d-1 only
		box(data, w, h, 3, 0, 5, 2, 2, 2, 1); // touches x = 0 in a middle slice
		box(data, w, h, 4, 1, 1, 2, 1, 1, 1); // inside
		Labels labels = new Labels(data, w, h, d, ANISO, 4);
		Labels zCounts = LabelTools.removeBorderLabels(labels, true, Progress.NONE);
		assertEquals(0, voxelsOf(zCounts, 1) + voxelsOf(zCounts, 2) + voxelsOf(zCounts, 3));
		assertEquals(1, voxelsOf(zCounts, 4));
		Labels zIgnored = LabelTools.removeBorderLabels(labels, false, Progress.NONE);
		assertEquals(8, voxelsOf(zIgnored, 1));
		assertEquals(8, voxelsOf(zIgnored, 2));
		assertEquals(0, voxelsOf(zIgnored, 3));
		assertEquals(1, voxelsOf(zIgnored, 4));
	}

	@Test
	void relabelByValueAndByFirstAppearance() {
		int[] data = { 0, 7, 7, 0, 3, 0, 9, 3, 0, 0, 0, 9 };
		int[] before = data.clone();
		Labels labels = new Labels(data, 4, 3, 1, Spacing.UNIT, 9);
		Labels byValue = LabelTools.relabel(labels, LabelTools.Order.LABEL_VALUE, Progress.NONE);
		assertArrayEquals(new int[] { 0, 2, 2, 0, 1, 0, 3, 1, 0, 0, 0, 3 }, byValue.data());
		assertEquals(3, byValue.count());
		Labels byAppearance = LabelTools.relabel(labels, LabelTools.Order.FIRST_APPEARANCE, Progress.NONE);
		assertArrayEquals(new int[] { 0, 1, 1, 0, 2, 0, 3, 2, 0, 0, 0, 3 }, byAppearance.data());
		assertArrayEquals(before, data);
		Labels empty = LabelTools.relabel(new Labels(new int[6], 3, 2, 1, Spacing.UNIT, 0),
			LabelTools.Order.LABEL_VALUE, Progress.NONE);
		assertEquals(0, empty.count());
	}
}
