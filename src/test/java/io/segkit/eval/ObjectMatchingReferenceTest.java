package io.segkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.segkit.Progress;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;

/**
 * The object scores equal an independent reference: StarDist's matching (optimal assignment with SciPy's
 * linear_sum_assignment) written in NumPy by {@code /usr/bin/python3 src/test/python/reference_object_matching.py}
 * (Debian's NumPy 1.24, SciPy 1.10, scikit-image 0.19), which also wrote the two cases it scored into
 * object-matching-2d.raw.gz and object-matching-3d.raw.gz: seeded ellipses (2D) and ellipsoids (3D), many touching,
 * and a prediction with grown, shrunk, shifted, merged, split, missed and extra objects, renumbered with gaps. The
 * expected values below are the script's output, copied as printed.
 */
class ObjectMatchingReferenceTest {

	/** What the script printed for one case. */
	private record Expected(int[] tp, int[] fp, int[] fn, double[] precision, double[] recall, double[] f1,
		double meanF1, double meanMatchedIoU, double pq, double sq, double rq, double dice, double iou)
	{}

	// 2d: shape (z, y, x) (1, 160, 192), 145 true and 143 predicted objects
	private static final Expected CASE_2D = new Expected( //
		new int[] {96, 83, 75, 65, 53, 40, 31, 24, 24}, //
		new int[] {47, 60, 68, 78, 90, 103, 112, 119, 119}, //
		new int[] {49, 62, 70, 80, 92, 105, 114, 121, 121}, //
		new double[] {0.6713286713286714, 0.5804195804195804, 0.5244755244755245, 0.45454545454545453,
			0.3706293706293706, 0.27972027972027974, 0.21678321678321677, 0.16783216783216784, 0.16783216783216784},
		new double[] {0.6620689655172414, 0.5724137931034483, 0.5172413793103449, 0.4482758620689655,
			0.36551724137931035, 0.27586206896551724, 0.21379310344827587, 0.16551724137931034, 0.16551724137931034},
		new double[] {0.6666666666666666, 0.5763888888888888, 0.5208333333333334, 0.4513888888888889,
			0.3680555555555556, 0.2777777777777778, 0.2152777777777778, 0.16666666666666666, 0.16666666666666666},
		0.378858024691358, 0.7468696740286456, 0.49791311601909705, 0.7468696740286456, 0.6666666666666666,
		0.8936320838200418, 0.8077169183516765);

	// 3d: shape (z, y, x) (24, 64, 72), 90 true and 91 predicted objects
	private static final Expected CASE_3D = new Expected( //
		new int[] {43, 33, 25, 20, 20, 17, 17, 17, 14}, //
		new int[] {48, 58, 66, 71, 71, 74, 74, 74, 77}, //
		new int[] {47, 57, 65, 70, 70, 73, 73, 73, 76}, //
		new double[] {0.4725274725274725, 0.3626373626373626, 0.27472527472527475, 0.21978021978021978,
			0.21978021978021978, 0.18681318681318682, 0.18681318681318682, 0.18681318681318682, 0.15384615384615385},
		new double[] {0.4777777777777778, 0.36666666666666664, 0.2777777777777778, 0.2222222222222222,
			0.2222222222222222, 0.18888888888888888, 0.18888888888888888, 0.18888888888888888, 0.15555555555555556},
		new double[] {0.47513812154696133, 0.36464088397790057, 0.27624309392265195, 0.22099447513812154,
			0.22099447513812154, 0.1878453038674033, 0.1878453038674033, 0.1878453038674033, 0.15469613259668508},
		0.2529158993247391, 0.7302676880955148, 0.34697801754814517, 0.7302676880955148, 0.47513812154696133,
		0.8039848685904418, 0.6722196462873419);

	/** The predicted and true labels of object-matching-NAME.raw.gz. */
	private static Labels[] read(String name, int w, int h, int d) throws IOException {
		byte[] bytes;
		try (InputStream in = new GZIPInputStream(ObjectMatchingReferenceTest.class.getResourceAsStream(
			"object-matching-" + name + ".raw.gz")))
		{
			bytes = in.readAllBytes();
		}
		ShortBuffer values = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
		int n = w * h * d;
		assertEquals(2 * n, values.remaining(), "voxels in " + name);
		Labels[] out = new Labels[2];
		for (int k = 0; k < 2; k++) {
			int[] data = new int[n];
			for (int i = 0; i < n; i++) data[i] = values.get() & 0xffff;
			out[k] = SegmentationMetricsTest.wrap(data, w, h, d, Spacing.UNIT);
		}
		return out;
	}

	private static void check(Expected e, Labels predicted, Labels truth, int predictedObjects, int trueObjects) {
		SegmentationScores s = SegmentationScores.compare(predicted, truth, Progress.NONE);
		ObjectScores o = s.objects();
		assertEquals(predictedObjects, o.predictedObjects());
		assertEquals(trueObjects, o.trueObjects());
		int n = ObjectMatching.THRESHOLDS.size();
		int[] tp = new int[n], fp = new int[n], fn = new int[n];
		double[] precision = new double[n], recall = new double[n], f1 = new double[n];
		for (int k = 0; k < n; k++) {
			ObjectScores.AtThreshold a = o.byThreshold().get(k);
			assertEquals(ObjectMatching.THRESHOLDS.get(k), a.threshold());
			tp[k] = a.truePositives();
			fp[k] = a.falsePositives();
			fn[k] = a.falseNegatives();
			precision[k] = a.precision();
			recall[k] = a.recall();
			f1[k] = a.f1();
		}
		assertArrayEquals(e.tp(), tp, "TP per threshold");
		assertArrayEquals(e.fp(), fp, "FP per threshold");
		assertArrayEquals(e.fn(), fn, "FN per threshold");
		assertArrayEquals(e.precision(), precision, 1e-15);
		assertArrayEquals(e.recall(), recall, 1e-15);
		assertArrayEquals(e.f1(), f1, 1e-15);
		assertEquals(e.meanF1(), o.meanF1(), 1e-15);
		assertEquals(e.meanMatchedIoU(), o.meanMatchedIoU(), 1e-12);
		assertEquals(e.pq(), o.panopticQuality(), 1e-12);
		assertEquals(e.sq(), o.segmentationQuality(), 1e-12);
		assertEquals(e.rq(), o.recognitionQuality(), 1e-15);
		assertEquals(e.dice(), s.foregroundDice(), 1e-15);
		assertEquals(e.iou(), s.foregroundIoU(), 1e-15);
	}

	@Test
	void scoresOf2dCaseEqualTheReference() throws IOException {
		Labels[] labels = read("2d", 192, 160, 1);
		check(CASE_2D, labels[0], labels[1], 143, 145);
	}

	@Test
	void scoresOf3dCaseEqualTheReference() throws IOException {
		Labels[] labels = read("3d", 72, 64, 24);
		check(CASE_3D, labels[0], labels[1], 91, 90);
	}

	@Test
	void matchingTheOtherWayRoundSwapsFalsePositivesAndNegatives() throws IOException {
		Labels[] labels = read("3d", 72, 64, 24);
		ObjectScores swapped = ObjectMatching.match(labels[1], labels[0], Progress.NONE);
		for (int k = 0; k < CASE_3D.tp().length; k++) {
			assertEquals(CASE_3D.tp()[k], swapped.byThreshold().get(k).truePositives());
			assertEquals(CASE_3D.fn()[k], swapped.byThreshold().get(k).falsePositives());
			assertEquals(CASE_3D.fp()[k], swapped.byThreshold().get(k).falseNegatives());
		}
		assertEquals(CASE_3D.pq(), swapped.panopticQuality(), 1e-12);
	}
}
