package io.segkit.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import io.segkit.Progress;
import io.segkit.dataset.ObjectBoundaries;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.model.InstanceDecoding;

class InstanceDecoderTest {

	private static final InstanceDecoding DEFAULT = new InstanceDecoding(1, 0.5, 0, 0);

	/** Certain probabilities of a border-core class map. */
	private static float[][] certain(byte[] classes) {
		float[][] p = new float[3][classes.length];
		for (int i = 0; i < classes.length; i++) p[classes[i]][i] = 1;
		return p;
	}

	@Test
	void touchingObjectsAreSplitAlongThePredictedBoundaryAndEveryObjectVoxelIsKept() {
		// two touching squares (values 1 and 2) as training targets, then decoded from certain probabilities
		int w = 20, h = 10;
		float[] truth = new float[w * h];
		for (int y = 1; y < 9; y++) for (int x = 1; x < 19; x++) truth[y * w + x] = x < 10 ? 1 : 2;
		byte[] classes = ObjectBoundaries.classes(truth, Float.NaN, 255, w, h, 1, Spacing.UNIT);
		Labels objects = InstanceDecoder.decode(certain(classes), w, h, 1, Spacing.UNIT, DEFAULT, Progress.NONE);
		assertEquals(2, objects.count());
		int[] d = objects.data();
		for (int i = 0; i < d.length; i++) assertEquals(truth[i] > 0, d[i] > 0, "foreground at " + i);
		assertNotEquals(d[5 * w + 9], d[5 * w + 10], "the contact splits");
		assertEquals(d[5 * w + 1], d[5 * w + 9]);
		assertEquals(d[5 * w + 10], d[5 * w + 18]);
	}

	@Test
	void aForegroundPartWithoutInteriorIsStillAnObjectAndSmallObjectsGoWithTheMinimumSize() {
		int w = 12, h = 5;
		byte[] classes = new byte[w * h];
		classes[2 * w + 1] = 2; // a lone boundary pixel: no seed
		for (int y = 1; y < 4; y++) for (int x = 5; x < 10; x++) classes[y * w + x] = (byte) (y == 2 && x > 5 && x < 9 ? 1
			: 2);
		Labels objects = InstanceDecoder.decode(certain(classes), w, h, 1, Spacing.UNIT, DEFAULT, Progress.NONE);
		assertEquals(2, objects.count());
		Labels filtered = InstanceDecoder.decode(certain(classes), w, h, 1, Spacing.UNIT, DEFAULT.withMinimumSize(2),
			Progress.NONE);
		assertEquals(1, filtered.count());
		assertEquals(0, filtered.data()[2 * w + 1]);
		assertEquals(1, filtered.data()[2 * w + 7]);
	}

	/**
	 * A square of certain interior with a rim where the network is unsure (object probability 0.4): the default
	 * threshold (0.5) leaves the rim out, 0.3 takes it in, and 0.9 keeps only the square; the seeds stay the same.
	 */
	@Test
	void theForegroundThresholdSetsWhereTheOutlineLies() {
		int w = 12, h = 12;
		float[][] p = new float[3][w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int i = y * w + x, ring = Math.max(Math.abs(2 * x - 11), Math.abs(2 * y - 11)); // 1, 3, 5, ... outward
				if (ring <= 5) p[ObjectBoundaries.INTERIOR][i] = 0.95f;
				else if (ring <= 7) p[ObjectBoundaries.BOUNDARY][i] = 0.4f;
				p[ObjectBoundaries.BACKGROUND][i] = 1 - p[ObjectBoundaries.INTERIOR][i] - p[ObjectBoundaries.BOUNDARY][i];
			}
		}
		assertEquals(36, objectArea(p, w, h, DEFAULT));
		assertEquals(64, objectArea(p, w, h, DEFAULT.withForegroundThreshold(0.3)));
		assertEquals(36, objectArea(p, w, h, DEFAULT.withForegroundThreshold(0.9)));
	}

	private static int objectArea(float[][] p, int w, int h, InstanceDecoding decoding) {
		Labels objects = InstanceDecoder.decode(p, w, h, 1, Spacing.UNIT, decoding, Progress.NONE);
		assertEquals(1, objects.count());
		int area = 0;
		for (int v : objects.data()) area += v > 0 ? 1 : 0;
		return area;
	}

	/**
	 * Two touching discs whose interiors the network did not part (interior probability high across the contact):
	 * interior seeds give one object; the distance head's two peaks give two, split where the predicted distance
	 * is lowest, and a dynamic above the peaks' height over the saddle gives one again.
	 */
	@Test
	void distanceSeedsSplitTouchingObjectsWhoseInteriorsJoin() {
		int w = 30, h = 16;
		float[][] p = new float[4][w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				double d1 = Math.hypot(x - 9, y - 8), d2 = Math.hypot(x - 20, y - 8);
				double inside = Math.max(6 - d1, 6 - d2); // > 0 inside either disc of radius 6
				if (inside <= 0) {
					p[0][i] = 1;
					continue;
				}
				p[1][i] = 0.9f;
				p[2][i] = 0.1f;
				p[3][i] = (float) (inside / 6);
			}
		}
		InstanceDecoding head = new InstanceDecoding(1, 0.5, 0, 0, false, 6);
		assertEquals(1, InstanceDecoder.decode(p, w, h, 1, Spacing.UNIT, head, Progress.NONE).count(),
			"interior seeds: the joined interiors are one object");
		Labels split = InstanceDecoder.decode(p, w, h, 1, Spacing.UNIT, head.withDistanceSeeds(true).withDynamicShare(
			0.1), Progress.NONE);
		assertEquals(2, split.count());
		int[] d = split.data();
		assertNotEquals(d[8 * w + 9], d[8 * w + 20]);
		assertEquals(d[8 * w + 9], d[8 * w + 13], "left of the saddle (x 14.5) is the left object");
		assertEquals(d[8 * w + 20], d[8 * w + 16], "right of it the right one");
		// the saddle at x 14.5 is 6 - 5.5 = 0.5 px deep: 0.08 of the radius 6 below the peaks at 1
		assertEquals(1, InstanceDecoder.decode(p, w, h, 1, Spacing.UNIT, head.withDistanceSeeds(true)
			.withDynamicShare(0.95), Progress.NONE).count(), "a dynamic above the peaks' height merges them");
	}

	@Test
	void theSeedThresholdDecidesWhichInteriorsSeed() {
		// one object with two interior blobs, one sure (0.9) and one unsure (0.45)
		int w = 9, h = 3;
		float[][] p = new float[3][w * h];
		for (int i = 0; i < w * h; i++) p[2][i] = 1;
		for (int[] blob : new int[][] {{1, 90}, {7, 45}}) {
			int i = w + blob[0];
			p[1][i] = blob[1] / 100f;
			p[2][i] = 1 - p[1][i];
		}
		assertEquals(1, InstanceDecoder.decode(p, w, h, 1, Spacing.UNIT, DEFAULT, Progress.NONE).count());
		assertEquals(2, InstanceDecoder.decode(p, w, h, 1, Spacing.UNIT, DEFAULT.withSeedThreshold(0.4), Progress.NONE)
			.count());
	}

	@Test
	void holesInsideOneObjectAreFilledButBackgroundAmidSeveralObjectsIsNot() {
		// 9 x 9: object 1 is a ring around (2, 2); objects 2 and 3 enclose the pixel (6, 6) together
		int w = 9;
		int[] labels = new int[81];
		for (int y = 1; y <= 3; y++) for (int x = 1; x <= 3; x++) labels[y * w + x] = 1;
		labels[2 * w + 2] = 0;
		for (int y = 5; y <= 7; y++) for (int x = 5; x <= 7; x++) labels[y * w + x] = y == 5 ? 2 : 3;
		labels[6 * w + 6] = 0;
		InstanceDecoder.fillHolesPerObject(labels, w, w, 1, Spacing.UNIT, Progress.NONE);
		assertEquals(1, labels[2 * w + 2]);
		assertEquals(0, labels[6 * w + 6]);
		assertEquals(0, labels[0], "the open background stays");
	}

	/**
	 * A network that calls every voxel interior (undertrained, as on Auto-Train's first epochs) gives one object, also
	 * where the seeds would be split by their distance to the background, of which there is none.
	 */
	@Test
	void interiorEverywhereIsOneObject() {
		byte[] classes = new byte[50];
		java.util.Arrays.fill(classes, (byte) 1);
		for (double dynamicShare : new double[] {0, 0.1}) {
			Labels objects = InstanceDecoder.decode(certain(classes), 10, 5, 1, Spacing.UNIT, new InstanceDecoding(1,
				0.5, dynamicShare, 0), Progress.NONE);
			assertEquals(1, objects.count(), "dynamic share " + dynamicShare);
			for (int v : objects.data()) assertEquals(1, v);
		}
	}

	@Test
	void anImageWithoutObjectsGivesNoObjects() {
		float[][] p = certain(new byte[50]);
		assertEquals(0, InstanceDecoder.decode(p, 10, 5, 1, Spacing.UNIT, DEFAULT, Progress.NONE).count());
		assertEquals(0, InstanceDecoder.decode(p, 10, 5, 1, Spacing.UNIT, new InstanceDecoding(1, 0.5, 0.1, 0),
			Progress.NONE).count());
	}
}
