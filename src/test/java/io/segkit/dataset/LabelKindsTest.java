package io.segkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.segkit.image.Spacing;
import io.segkit.image.Volume;
import io.segkit.testdata.CrowdedNuclei;
import io.segkit.testdata.SyntheticImage;

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

	/**
	 * Crowded nuclei numbered 1..N in every image (a fixed count, as generated or cropped data often has) share their
	 * value sets like a class map, but nucleus 5 of one image has nothing to do with nucleus 5 of another.
	 */
	@Test
	void nucleiNumberedAlikeInEveryImageAreObjects() {
		List<TrainingCase> cases = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			SyntheticImage s = CrowdedNuclei.generate(CrowdedNuclei.builder().size(48, 48, 12).spacing(0.5, 0.5, 1.5,
				"µm").count(12).clusters(2).seed(70 + i).build());
			cases.add(new TrainingCase("n" + i, List.of(Volume.of(s.image("n" + i), 1, 1)), Volume.of(s.labelImage("l"
				+ i), 1, 1)));
		}
		LabelKinds.Detected d = LabelKinds.detect(cases);
		assertEquals(LabelMode.OBJECTS, d.mode(), d.reason());
		assertTrue(d.reason().contains("number their objects alike"), d.reason());
	}

	/** Organs keep their place and size from scan to scan, give or take, so they stay classes. */
	@Test
	void organsInEveryScanStayClasses() {
		SplittableRandom random = new SplittableRandom(5);
		List<TrainingCase> scans = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			short[] v = new short[40 * 40 * 10];
			int[][] organs = {{8, 8, 5, 5}, {30, 10, 4, 6}, {12, 30, 6, 4}, {28, 28, 5, 7}, {20, 19, 3, 3}};
			for (int o = 0; o < organs.length; o++) {
				double cx = organs[o][0] + random.nextDouble(-2, 2), cy = organs[o][1] + random.nextDouble(-2, 2);
				double rx = organs[o][2] * random.nextDouble(0.85, 1.15), ry = organs[o][3] * random.nextDouble(0.85,
					1.15);
				for (int z = 2; z < 8; z++) for (int y = 0; y < 40; y++) for (int x = 0; x < 40; x++) {
					double dx = (x - cx) / rx, dy = (y - cy) / ry;
					if (dx * dx + dy * dy <= 1) v[(z * 40 + y) * 40 + x] = (short) (o + 1);
				}
			}
			scans.add(new TrainingCase("s" + i, List.of(Volume.ofShorts(new short[v.length], 40, 40, 10,
				Spacing.UNIT)), Volume.ofShorts(v, 40, 40, 10, Spacing.UNIT)));
		}
		LabelKinds.Detected d = LabelKinds.detect(scans);
		assertEquals(LabelMode.CLASSES, d.mode(), d.reason());
	}

	@Test
	void agreementIsHighForValuesThatKeepTheirMeasureAndLowForInterchangeableOnes() {
		List<double[]> kept = List.of(new double[] {1, 1.1, 0.9}, new double[] {5, 5.2, 4.9}, new double[] {9, 8.8,
			9.1});
		assertTrue(LabelKinds.agreement(kept) > 0.95);
		List<double[]> shuffled = List.of(new double[] {1, 5, 9}, new double[] {5, 9, 1}, new double[] {9, 1, 5});
		assertTrue(LabelKinds.agreement(shuffled) < 0, "the same measures, the values interchanged");
		assertEquals(1, LabelKinds.agreement(List.of(new double[] {3, 3}, new double[] {3, 3})), 1e-12);
	}

	@Test
	void diagonalPartsOfOneValueAreOnePart() {
		TrainingCase c = labels("d", new int[] {0, 0, 4}, new int[] {2, 2, 4});
		assertEquals(java.util.Map.of(4f, 1), LabelKinds.partsPerValue(c.labels()));
	}
}
