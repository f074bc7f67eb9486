package io.segkit.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.Progress;
import io.segkit.dataset.TrainingCase;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;
import io.segkit.model.InstanceDecoding;

class InstanceTrainingTest {

	private static final int W = 60, H = 30;
	private static final Spacing UM = new Spacing(0.5, 0.5, 1, "um");

	/** Two touching discs of radius 9 px (labels 1 and 2) and a speck of 2 pixels (label 3). */
	private static int[] truth() {
		int[] t = new int[W * H];
		for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
			if (sq(x - 15) + sq(y - 15) <= 81) t[y * W + x] = 1;
			else if (sq(x - 31) + sq(y - 15) <= 81) t[y * W + x] = 2;
		}
		return t;
	}

	private static int sq(int v) {
		return v * v;
	}

	/**
	 * What an undertrained network predicts: both discs as one interior (no boundary between them), a ring of
	 * boundary outside, and a false speck of interior in the background.
	 */
	private static float[][] joinedPrediction(int[] truth) {
		float[][] p = new float[3][W * H];
		for (int i = 0; i < truth.length; i++) {
			int x = i % W, y = i / W;
			boolean near = false;
			for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
				int nx = x + dx, ny = y + dy;
				if (nx >= 0 && ny >= 0 && nx < W && ny < H && truth[ny * W + nx] == 0) near = true;
			}
			int c = truth[i] == 0 ? 0 : near ? 2 : 1;
			p[c][i] = 1;
		}
		for (int i : new int[] {5 * W + 52, 5 * W + 53}) {
			p[0][i] = 0;
			p[1][i] = 1;
		}
		return p;
	}

	@Test
	void theSearchSplitsInteriorsTheNetworkLeftJoinedAndDropsSpecks() {
		int[] t = truth();
		Labels truth = new Labels(t, W, H, 1, UM, 2);
		var cases = List.of(new InstanceTraining.ValidationCase("c", joinedPrediction(t), truth));
		InstanceDecoding start = new InstanceDecoding(0.5, 0.5, 0, 0);
		assertTrue(InstanceTraining.score(start, cases, Progress.NONE) < 0.5, "no split: one merged object and a speck");
		List<String> log = new ArrayList<>();
		InstanceDecoding chosen = InstanceTraining.choose(start, 63.6, cases, List.of(), log::add, Progress.NONE);
		assertTrue(chosen.dynamicShare() > 0, chosen.toString());
		assertTrue(chosen.minimumSize() > 0.5, "the 2-pixel speck (0.5 µm²) goes: " + chosen);
		Labels decoded = InstanceDecoder.decode(joinedPrediction(t), W, H, 1, UM, chosen, Progress.NONE);
		assertEquals(2, decoded.count());
		assertTrue(InstanceTraining.score(chosen, cases, Progress.NONE) > 0.9, log.toString());
		assertTrue(log.get(0).startsWith("Objects: seeds where"), log.toString());
	}

	/**
	 * A network unsure of the outlines: each disc's outermost pixel ring is object with probability 0.4. At the
	 * default threshold every object loses its rim (IoU about 0.8); the search lowers the threshold and gets them
	 * whole.
	 */
	@Test
	void theSearchPutsTheOutlineWhereTheTruthHasIt() {
		int[] t = new int[W * H];
		for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
			if (sq(x - 15) + sq(y - 15) <= 81) t[y * W + x] = 1;
			else if (sq(x - 42) + sq(y - 15) <= 81) t[y * W + x] = 2;
		}
		float[][] p = joinedPrediction(t);
		for (int i = 0; i < t.length; i++) {
			if (p[2][i] == 1) {
				p[2][i] = 0.4f;
				p[0][i] = 0.6f;
			}
		}
		p[1][5 * W + 52] = p[1][5 * W + 53] = 0; // no speck here
		p[0][5 * W + 52] = p[0][5 * W + 53] = 1;
		var cases = List.of(new InstanceTraining.ValidationCase("c", p, new Labels(t, W, H, 1, UM, 2)));
		InstanceDecoding start = new InstanceDecoding(0.5, 0.5, 0, 0);
		assertTrue(InstanceTraining.score(start, cases, Progress.NONE) < 0.8, "rims lost at 0.5");
		InstanceDecoding chosen = InstanceTraining.choose(start, 63.6, cases, List.of(), s -> {}, Progress.NONE);
		assertTrue(chosen.foregroundThreshold() < 0.4, chosen.toString());
		assertTrue(chosen.toString().contains("objects where their probability > 0.3"), chosen.toString());
		assertEquals(1.0, InstanceTraining.score(chosen, cases, Progress.NONE), 1e-9);
	}

	/**
	 * Test-time mirroring is part of the choice: where the mirrored predictions give the better objects (here exact,
	 * against objects shifted by 3 pixels, which no decoding can mend) the decoding keeps mirroring, and the log says
	 * how both did; where they give the worse ones it does not.
	 */
	@Test
	void mirroringIsKeptOnlyWhereItGivesBetterObjects() {
		int[] t = truth();
		int[] shifted = new int[t.length];
		for (int i = 0; i < t.length; i++) if (i % W >= 3) shifted[i] = t[i - 3];
		Labels truth = new Labels(t, W, H, 1, UM, 2);
		var exact = List.of(new InstanceTraining.ValidationCase("c", withoutSpeck(joinedPrediction(t)), truth));
		var off = List.of(new InstanceTraining.ValidationCase("c", withoutSpeck(joinedPrediction(shifted)), truth));
		InstanceDecoding start = new InstanceDecoding(0.5, 0.5, 0, 0);
		List<String> log = new ArrayList<>();
		InstanceDecoding mirrored = InstanceTraining.choose(start, 63.6, off, exact, log::add, Progress.NONE);
		assertTrue(mirrored.mirroring(), mirrored.toString());
		assertTrue(mirrored.toString().endsWith("probabilities averaged over mirrored (and turned) copies"), mirrored.toString());
		assertEquals(1.0, InstanceTraining.score(mirrored, exact, Progress.NONE), 1e-9);
		assertTrue(log.get(0).contains("with mirroring 1.0000"), log.toString());
		InstanceDecoding plain = InstanceTraining.choose(start.withMirroring(true), 63.6, exact, off, s -> {},
			Progress.NONE);
		assertTrue(!plain.mirroring(), plain.toString());
	}

	private static float[][] withoutSpeck(float[][] p) {
		p[1][5 * W + 52] = p[1][5 * W + 53] = 0;
		p[0][5 * W + 52] = p[0][5 * W + 53] = 1;
		return p;
	}

	/**
	 * Sparse labels (ROIs to Label Image, "not annotated"): only disc 1 and the left background are annotated. A
	 * decoded object lying mostly where nobody annotated is left out of the score; one mostly annotated keeps its
	 * annotated voxels.
	 */
	@Test
	void sparseTruthJudgesOnlyTheAnnotatedPart() {
		int[] t = truth();
		short[] labels = new short[W * H];
		for (int i = 0; i < t.length; i++) labels[i] = (short) (t[i] == 1 || t[i] == 0 && i % W < 25 ? t[i] : 65535);
		var c = InstanceTraining.ValidationCase.of("c", new float[3][W * H], Volume.ofShorts(labels, W, H, 1, UM));
		assertEquals(1, c.objects().count(), "the not-annotated value is no object");
		int[] decoded = t.clone(); // disc 1 and disc 2 found, and disc 1 spills one pixel into the unannotated part
		decoded[15 * W + 25] = 1;
		Labels judged = c.judged(new Labels(decoded, W, H, 1, UM, 2));
		for (int i = 0; i < t.length; i++) assertEquals(t[i] == 1 ? 1 : 0, judged.data()[i], "voxel " + i);
		assertEquals(1.0, io.segkit.eval.SegmentationScores.compare(judged, c.objects()).f1(), 1e-12);
		var dense = new InstanceTraining.ValidationCase("d", new float[3][W * H], new Labels(t, W, H, 1, UM, 2));
		assertEquals(decoded.length, dense.judged(new Labels(decoded, W, H, 1, UM, 2)).data().length);
		assertEquals(1, dense.judged(new Labels(decoded, W, H, 1, UM, 2)).data()[15 * W + 25]);
	}

	@Test
	void defaultsComeFromTheTrainingObjects() {
		short[] labels = new short[W * H];
		int[] t = truth();
		for (int i = 0; i < t.length; i++) labels[i] = (short) t[i];
		TrainingCase c = new TrainingCase("c", List.of(Volume.ofShorts(new short[W * H], W, H, 1, UM)), Volume.ofShorts(
			labels, W, H, 1, UM));
		double median = InstanceTraining.medianObjectSize(List.of(c));
		assertEquals(253 * 0.25, median, 1e-9, "each disc of radius 9 px has 253 pixels of 0.25 µm²");
		InstanceDecoding d = InstanceTraining.defaults(List.of(c));
		assertEquals(0.1 * median, d.minimumSize(), 1e-9);
		assertEquals(0.5, d.seedThreshold());
		assertEquals(0.25 * Math.sqrt(median / Math.PI), d.boundaryWidth(), 1e-9, "a quarter of the radius");
	}
}
