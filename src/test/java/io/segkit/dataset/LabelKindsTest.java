package io.segkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.image.Spacing;
import io.segkit.image.Volume;

class LabelKindsTest {

	/** A 12 x 12 label image with the given values painted as 2 x 2 squares at (x, y). */
	private static TrainingCase labels(String name, int[]... squares) {
		short[] v = new short[144];
		for (int[] s : squares) for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++)
			v[(s[1] + dy) * 12 + s[0] + dx] = (short) s[2];
		return new TrainingCase(name, List.of(Volume.ofShorts(new short[144], 12, 12, 1, Spacing.UNIT)), Volume.ofShorts(
			v, 12, 12, 1, Spacing.UNIT));
	}

	@Test
	void objectLabelsClassMapsAndMasksAreToldApart() {
		List<TrainingCase> objects = List.of(labels("a", new int[] {0, 0, 1}, new int[] {4, 0, 2}, new int[] {8, 8, 3}),
			labels("b", new int[] {0, 0, 1}, new int[] {6, 6, 2}));
		assertEquals(LabelMode.OBJECTS, LabelKinds.detect(objects).mode());
		assertTrue(LabelKinds.describe(LabelKinds.detect(objects)).contains("5 objects in 2 images"));

		List<TrainingCase> classes = List.of(labels("a", new int[] {0, 0, 1}, new int[] {4, 4, 1}, new int[] {8, 8, 2}),
			labels("b", new int[] {0, 0, 1}, new int[] {6, 6, 2}, new int[] {9, 0, 2}));
		assertEquals(LabelMode.CLASSES, LabelKinds.detect(classes).mode(), "classes recur in several parts");

		List<TrainingCase> organs = List.of(labels("a", new int[] {0, 0, 1}, new int[] {6, 6, 2}), labels("b",
			new int[] {1, 1, 1}, new int[] {7, 7, 2}));
		assertEquals(LabelMode.CLASSES, LabelKinds.detect(organs).mode(), "the same single-part values in every image");

		List<TrainingCase> masks = List.of(labels("a", new int[] {0, 0, 255}, new int[] {6, 6, 255}));
		assertEquals(LabelMode.FOREGROUND, LabelKinds.detect(masks).mode());

		assertEquals(LabelMode.CLASSES, LabelKinds.resolve(LabelMode.CLASSES, objects).mode(), "a choice is kept");
	}

	@Test
	void diagonalPartsOfOneValueAreOnePart() {
		TrainingCase c = labels("d", new int[] {0, 0, 4}, new int[] {2, 2, 4});
		assertEquals(java.util.Map.of(4f, 1), LabelKinds.partsPerValue(c.labels()));
	}
}
