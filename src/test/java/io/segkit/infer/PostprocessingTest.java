package io.segkit.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;

class PostprocessingTest {

	static final int W = 20, H = 16;

	static void fill(int[] data, int w, int h, int x0, int y0, int z0, int sx, int sy, int sz, int value) {
		for (int z = z0; z < z0 + sz; z++) for (int y = y0; y < y0 + sy; y++) for (int x = x0; x < x0 + sx; x++)
			data[(z * h + y) * w + x] = value;
	}

	static Labels labels2d(int[] data) {
		return new Labels(data, W, H, 1, Spacing.UNIT, 255);
	}

	static byte[] bytes(int[] data) {
		byte[] out = new byte[data.length];
		for (int i = 0; i < out.length; i++) out[i] = (byte) data[i];
		return out;
	}

	@Test
	void largestForegroundKeepsTheBiggestObjectWithAllItsClasses() {
		int[] d = new int[W * H];
		fill(d, W, H, 2, 2, 0, 4, 4, 1, 1); // 16 voxels of class 1 ...
		fill(d, W, H, 6, 2, 0, 2, 4, 1, 2); // ... touching 8 voxels of class 2: one object of 24
		fill(d, W, H, 12, 10, 0, 5, 4, 1, 200); // 20 voxels of class 200 (unsigned byte)
		byte[] input = bytes(d);
		byte[] copy = input.clone();
		byte[] out = Postprocessing.keepLargestForeground(input, new int[] { H, W }, Connectivity.C4);
		assertArrayEquals(copy, input, "input unchanged");
		int[] expected = d.clone();
		fill(expected, W, H, 12, 10, 0, 5, 4, 1, 0);
		assertArrayEquals(bytes(expected), out);
	}

	@Test
	void connectivityDecidesWhatTouches() {
		int[] d = new int[W * H];
		fill(d, W, H, 0, 0, 0, 3, 3, 1, 1);
		fill(d, W, H, 3, 3, 0, 2, 2, 1, 1); // touches the first only at a corner
		byte[] in = bytes(d);
		int[] shape = { 1, H, W };
		assertEquals(9, count(Postprocessing.keepLargestForeground(in, shape, Connectivity.C6), 1));
		assertEquals(13, count(Postprocessing.keepLargestForeground(in, shape, Connectivity.C8), 1));
	}

	@Test
	void largestPerClassTouchesOnlyTheGivenClasses() {
		int w = 12, h = 10, depth = 3;
		int[] d = new int[w * h * depth];
		fill(d, w, h, 0, 0, 0, 3, 3, 2, 300); // class 300: 18 voxels
		fill(d, w, h, 8, 8, 2, 2, 2, 1, 300); // and 4 voxels
		fill(d, w, h, 6, 0, 0, 2, 2, 1, 2); // class 2: 4 voxels
		fill(d, w, h, 6, 6, 0, 1, 1, 1, 2); // and 1 voxel
		short[] in = new short[d.length];
		for (int i = 0; i < d.length; i++) in[i] = (short) d[i];
		short[] out = Postprocessing.keepLargestPerClass(in, new int[] { depth, h, w }, new int[] { 300 },
			Connectivity.C6);
		assertEquals(18, count(out, 300));
		assertEquals(5, count(out, 2), "class 2 not asked for");
		short[] both = Postprocessing.keepLargestPerClass(in, new int[] { depth, h, w }, new int[] { 2, 300 },
			Connectivity.C26);
		assertEquals(4, count(both, 2));
	}

	@Test
	void smallComponentsGoByVoxelsOrCalibratedSize() {
		int[] d = new int[W * H];
		fill(d, W, H, 0, 0, 0, 4, 4, 1, 1); // 16
		fill(d, W, H, 10, 0, 0, 2, 3, 1, 1); // 6
		fill(d, W, H, 10, 10, 0, 3, 3, 1, 2); // 9
		byte[] out = Postprocessing.removeSmallComponents(bytes(d), new int[] { H, W }, 9, Connectivity.C4);
		assertEquals(16, count(out, 1));
		assertEquals(9, count(out, 2), "exactly the minimum stays");
		Labels calibrated = new Labels(d, W, H, 1, new Spacing(0.5, 0.5, 1, "µm"), 2); // 0.25 µm² a pixel
		Labels kept = Postprocessing.removeSmallComponentsCalibrated(calibrated, 2.0, Connectivity.C4); // 8 pixels
		assertEquals(16, count(kept.data(), 1));
		assertEquals(9, count(kept.data(), 2));
		assertEquals(22, count(d, 1), "input unchanged");
		assertThrows(SegKitException.class, () -> Postprocessing.removeSmallComponents(calibrated, -1,
			Connectivity.C4));
	}

	// ---- the decision rule

	/** A validation case: reference, and a prediction = reference changed by {@code edit}. */
	record Case(Labels prediction, Labels reference) {}

	static Case objectWithBlobs(int seed, boolean spuriousBlobs) {
		int[] r = new int[W * H];
		fill(r, W, H, 2 + seed % 3, 3, 0, 8, 8, 1, 1);
		int[] p = r.clone();
		fill(p, W, H, 2 + seed % 3, 3, 0, 8, 1, 1, 0); // the prediction misses one row
		if (spuriousBlobs) {
			fill(p, W, H, 17, 1, 0, 2, 2, 1, 1);
			fill(p, W, H, 16, 13, 0, 1, 2, 1, 1);
		}
		return new Case(labels2d(p), labels2d(r));
	}

	static PostprocessingDecision decide(List<Case> cases, int... classes) {
		List<Labels> p = new ArrayList<>(), r = new ArrayList<>();
		for (Case c : cases) {
			p.add(c.prediction());
			r.add(c.reference());
		}
		return Postprocessing.decide(p, r, classes, Connectivity.C4, Progress.NONE);
	}

	@Test
	void spuriousBlobsMakeTheLargestComponentWorthIt() {
		List<Case> cases = List.of(objectWithBlobs(0, true), objectWithBlobs(1, true), objectWithBlobs(2, false));
		PostprocessingDecision d = decide(cases, 1);
		assertTrue(d.keepLargestForeground(), d.toString());
		assertEquals(0, d.keepLargestClasses().length);
		assertTrue(d.diceAfter() > d.diceBefore(), d.toString());
		Labels cleaned = Postprocessing.apply(d, cases.get(0).prediction());
		assertEquals(56, count(cleaned.data(), 1));
	}

	/** Sparse references: blobs where nobody annotated are neither right nor wrong, so removing them gains nothing. */
	@Test
	void blobsWhereNobodyAnnotatedDoNotCount() {
		List<Labels> p = new ArrayList<>(), r = new ArrayList<>();
		for (int seed = 0; seed < 2; seed++) {
			Case c = objectWithBlobs(seed, true);
			int[] reference = c.reference().data().clone();
			fill(reference, W, H, 13, 0, 0, 7, H, 1, 255); // the right part (with both blobs) is not annotated
			p.add(c.prediction());
			r.add(labels2d(reference));
		}
		PostprocessingDecision sparse = Postprocessing.decide(p, r, new int[] { 1 }, 255, Connectivity.C4,
			Progress.NONE);
		assertFalse(sparse.changesAnything(), sparse.toString());
		PostprocessingDecision dense = Postprocessing.decide(p, r, new int[] { 1 }, Connectivity.C4, Progress.NONE);
		assertTrue(dense.keepLargestForeground(), "read as dense, the blobs are false positives: " + dense);
	}

	@Test
	void objectsThatAreReallySplitAreLeftAlone() {
		List<Case> cases = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			int[] r = new int[W * H];
			fill(r, W, H, 1, 2, 0, 6, 6, 1, 1);
			fill(r, W, H, 11 + i, 8, 0, 5, 5, 1, 1); // a second, legitimate object
			int[] p = r.clone();
			p[(2 * W) + 1] = 0; // nearly perfect
			cases.add(new Case(labels2d(p), labels2d(r)));
		}
		PostprocessingDecision d = decide(cases, 1);
		assertFalse(d.changesAnything(), d.toString());
		assertEquals(d.diceBefore(), d.diceAfter());
	}

	@Test
	void perClassOnlyWhereThatClassGainsAndForegroundNotWhenAClassLoses() {
		List<Case> cases = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			int[] r = new int[W * H];
			fill(r, W, H, 1, 1, 0, 8, 8, 1, 1); // class 1: one object
			fill(r, W, H, 12, 2, 0, 3, 3, 1, 2); // class 2: two separate objects
			fill(r, W, H, 12, 10, 0, 3, 3, 1, 2);
			int[] p = r.clone();
			p[15 * W + 0] = 1; // a spurious class-1 voxel, away from everything
			p[15 * W + 5 + i] = 1;
			cases.add(new Case(labels2d(p), labels2d(r)));
		}
		PostprocessingDecision d = decide(cases, 1, 2);
		assertFalse(d.keepLargestForeground(), "would delete class 2: " + d);
		assertArrayEquals(new int[] { 1 }, d.keepLargestClasses(), d.toString());
		assertTrue(d.diceAfter() > d.diceBefore());
	}

	@Test
	void decisionNeedsMatchingPairs() {
		Labels a = labels2d(new int[W * H]);
		assertThrows(SegKitException.class, () -> Postprocessing.decide(List.of(a), List.of(), new int[] { 1 },
			Connectivity.C4, Progress.NONE));
		Labels other = new Labels(new int[W * H], H, W, 1, Spacing.UNIT, 0);
		assertThrows(SegKitException.class, () -> Postprocessing.decide(List.of(a), List.of(other), new int[] { 1 },
			Connectivity.C4, Progress.NONE));
	}

	@Test
	void decisionJsonRoundTrip() {
		PostprocessingDecision d = new PostprocessingDecision(true, new int[] { 2, 5 }, Connectivity.C26, 0.81,
			0.83);
		String json = d.toJson();
		assertTrue(json.contains("\"keep_largest_foreground_component\": true"), json);
		assertEquals(d, PostprocessingDecision.fromJson(json));
		assertEquals(PostprocessingDecision.NONE, PostprocessingDecision.fromJson(PostprocessingDecision.NONE
			.toJson()));
		assertThrows(SegKitException.class, () -> PostprocessingDecision.fromJson("{\"connectivity\": 6}"));
		assertThrows(SegKitException.class, () -> PostprocessingDecision.fromJson(json.replace(
			"\"format_version\": 1", "\"format_version\": 9")));
		short[] in = new short[W * H];
		assertArrayEquals(in, Postprocessing.apply(PostprocessingDecision.NONE, in, new int[] { H, W }));
	}

	static int count(int[] data, int value) {
		int n = 0;
		for (int v : data) if (v == value) n++;
		return n;
	}

	static int count(byte[] data, int value) {
		int n = 0;
		for (byte v : data) if ((v & 0xff) == value) n++;
		return n;
	}

	static int count(short[] data, int value) {
		int n = 0;
		for (short v : data) if ((v & 0xffff) == value) n++;
		return n;
	}
}
