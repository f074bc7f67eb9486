package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.segkit.engine.Engines;

/** Loss, clipping, optimisers and schedule against values computed by hand. */
class LossAndOptimizerTest {

	private static final double LN3 = Math.log(3);
	private static NDManager manager;

	@BeforeAll
	static void start() {
		manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()));
	}

	@AfterAll
	static void stop() {
		manager.close();
	}

	/** Logits (1, 2, 1, n): class 0 logit 0, class 1 logit l[i], so p1 = 1 / (1 + exp(-l)). */
	private static NDArray logits(double... l) {
		float[] v = new float[2 * l.length];
		for (int i = 0; i < l.length; i++) v[l.length + i] = (float) l[i];
		return manager.create(v, new Shape(1, 2, 1, l.length));
	}

	private static NDArray target(float... t) {
		return manager.create(t, new Shape(1, 1, 1, t.length));
	}

	@Test
	void diceAndCrossEntropyMatchHandValues() {
		// pixel a: p1 = 0.75, truth 1; pixel b: p1 = 0.25, truth 0
		SegmentationLoss loss = new SegmentationLoss(2, -1, false, 1);
		NDArray l = logits(LN3, -LN3);
		NDArray t = target(1, 0);
		double dice = (2 * 0.75 + 1e-5) / (1.0 + 1 + 1e-5);
		double ce = -Math.log(0.75);
		assertEquals(dice, loss.softDice(l.softmax(1), loss.oneHot(t), null).getFloat(), 1e-6);
		assertEquals(ce, loss.crossEntropy(l.logSoftmax(1), loss.oneHot(t), null).getFloat(), 1e-6);
		assertEquals(ce - dice, loss.single(l, t).getFloat(), 1e-6);
	}

	@Test
	void ignoredVoxelsCountInNeitherTerm() {
		SegmentationLoss plain = new SegmentationLoss(2, -1, false, 1);
		SegmentationLoss ignoring = new SegmentationLoss(2, 255, false, 1);
		float expected = plain.single(logits(LN3, -LN3), target(1, 0)).getFloat();
		float withIgnored = ignoring.single(logits(LN3, -LN3, 5, -7), target(1, 0, 255, 255)).getFloat();
		assertEquals(expected, withIgnored, 1e-6);
		assertThrows(IllegalArgumentException.class, () -> new SegmentationLoss(3, 2, false, 1));
	}

	@Test
	void batchDiceSumsOverTheBatch() {
		// sample 1: p1 = 0.75 on a truth-1 pixel; sample 2: p1 = 0.25 on a truth-0 pixel (no foreground)
		NDArray l = manager.create(new float[] {0, (float) LN3, 0, (float) -LN3}, new Shape(2, 2, 1, 1));
		NDArray t = manager.create(new float[] {1, 0}, new Shape(2, 1, 1, 1));
		SegmentationLoss perSample = new SegmentationLoss(2, -1, false, 1);
		SegmentationLoss batch = new SegmentationLoss(2, -1, true, 1);
		double s1 = (1.5 + 1e-5) / (0.75 + 1 + 1e-5);
		double s2 = 1e-5 / (0.25 + 1e-5);
		assertEquals((s1 + s2) / 2, perSample.softDice(l.softmax(1), perSample.oneHot(t), null).mean().getFloat(), 1e-5);
		assertEquals((1.5 + 1e-5) / (1.0 + 1 + 1e-5), batch.softDice(l.softmax(1), batch.oneHot(t), null).mean()
			.getFloat(), 1e-6);
	}

	@Test
	void deepSupervisionWeightsAndSum() {
		assertArrayEquals(new double[] {1}, SegmentationLoss.deepSupervisionWeights(1), 1e-12);
		assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0}, SegmentationLoss.deepSupervisionWeights(3), 1e-12);
		assertArrayEquals(new double[] {1 / 1.75, 0.5 / 1.75, 0.25 / 1.75, 0}, SegmentationLoss
			.deepSupervisionWeights(4), 1e-12);
		SegmentationLoss loss = new SegmentationLoss(2, -1, false, 3);
		NDArray l0 = logits(LN3, -LN3), l1 = logits(1, 2), l2 = logits(-4, 4);
		NDArray t0 = target(1, 0), t1 = target(0, 1), t2 = target(0, 0);
		double expected = 2 / 3.0 * loss.single(l0, t0).getFloat() + 1 / 3.0 * loss.single(l1, t1).getFloat();
		assertEquals(expected, loss.compute(new NDList(l0, l1, l2), new NDList(t0, t1, t2)).getFloat(), 1e-6);
	}

	/**
	 * A distance head's channel follows the classes: the class terms ignore it, and the full-resolution output adds
	 * the mean squared error over the voxels whose distance is known (target 0 or more), with that output's weight.
	 */
	@Test
	void theDistanceChannelAddsItsMeanSquaredErrorOverKnownVoxels() {
		// logits (1, 3, 1, 3): classes 0 and 1, then the distance channel
		float[] v = {0, 0, 0, (float) LN3, -(float) LN3, 2, 0.5f, 0.2f, 9};
		NDArray withDistance = manager.create(v, new Shape(1, 3, 1, 3));
		NDArray classesOnly = manager.create(java.util.Arrays.copyOf(v, 6), new Shape(1, 2, 1, 3));
		NDArray t = target(1, 0, 1);
		NDArray distances = target(0.25f, 0.2f, DistanceTargets.UNKNOWN);
		SegmentationLoss loss = new SegmentationLoss(2, -1, false, 1).withDistanceHead();
		double classTerm = new SegmentationLoss(2, -1, false, 1).single(classesOnly, t).getFloat();
		double error = (0.25 * 0.25 + 0) / 2; // (0.5 - 0.25)^2 and (0.2 - 0.2)^2; the unknown voxel (9) is left out
		assertEquals(classTerm + error, loss.compute(new NDList(withDistance), new NDList(t), distances).getFloat(),
			1e-6);
		assertEquals(classTerm, loss.compute(new NDList(withDistance), new NDList(t)).getFloat(), 1e-6,
			"without distance targets (validation) only the classes count");
		SegmentationLoss two = new SegmentationLoss(2, -1, false, 3).withDistanceHead();
		double expected = 2 / 3.0 * (classTerm + error) + 1 / 3.0 * classTerm;
		assertEquals(expected, two.compute(new NDList(withDistance, withDistance, withDistance), new NDList(t, t, t),
			distances).getFloat(), 1e-6, "the distance term is the first output's only");
	}

	@Test
	void clipsByTheGlobalNorm() {
		NDArray a = manager.create(new float[] {3, 4});
		NDArray b = manager.create(new float[] {12});
		assertEquals(13, GradientClipping.clipGlobalNorm(List.of(a, b), 6.5), 1e-5);
		assertArrayEquals(new float[] {1.5f, 2}, a.toFloatArray(), 1e-5f);
		assertArrayEquals(new float[] {6}, b.toFloatArray(), 1e-5f);
		assertEquals(6.5, GradientClipping.clipGlobalNorm(List.of(a, b), 100), 1e-5);
		assertArrayEquals(new float[] {1.5f, 2}, a.toFloatArray(), 1e-6f); // below the limit: unchanged
	}

	@Test
	void aNonFiniteGradientIsReportedNotSpreadSoTheStepCanBeSkipped() {
		NDArray a = manager.create(new float[] {3, Float.NaN});
		NDArray b = manager.create(new float[] {12});
		assertTrue(Double.isNaN(GradientClipping.clipGlobalNorm(List.of(a, b), 6.5)));
		assertArrayEquals(new float[] {12}, b.toFloatArray(), 0f, "the finite gradient is left as it was");
	}

	@Test
	void sgdNesterovFollowsTheTorchFormula() {
		double mu = 0.99, wd = 3e-5, lr = 0.01;
		NDArray w = manager.create(new float[] {1, -2});
		Sgd sgd = new Sgd(List.of(w), mu, wd);
		double[] weight = {1, -2}, buffer = {0, 0};
		double[][] grads = {{0.5, 1}, {-0.25, 2}, {1, 1}};
		for (double[] g : grads) {
			NDArray gradient = manager.create(new float[] {(float) g[0], (float) g[1]});
			sgd.step(List.of(w), List.of(gradient), lr);
			assertArrayEquals(new float[] {0, 0}, gradient.toFloatArray()); // zeroed after the update
			for (int i = 0; i < 2; i++) {
				double d = g[i] + wd * weight[i];
				buffer[i] = mu * buffer[i] + d;
				weight[i] -= lr * (d + mu * buffer[i]);
			}
			assertArrayEquals(new float[] {(float) weight[0], (float) weight[1]}, w.toFloatArray(), 1e-6f);
		}
	}

	@Test
	void adamFollowsTheTorchFormula() {
		double lr = 1e-3, wd = 1e-4, b1 = 0.9, b2 = 0.999;
		NDArray w = manager.create(new float[] {0.5f});
		Adam adam = new Adam(List.of(w), wd);
		double weight = 0.5, m = 0, v = 0;
		double[] grads = {0.2, -0.1, 0.4};
		for (int t = 1; t <= grads.length; t++) {
			adam.step(List.of(w), List.of(manager.create(new float[] {(float) grads[t - 1]})), lr);
			double g = grads[t - 1] + wd * weight;
			m = b1 * m + (1 - b1) * g;
			v = b2 * v + (1 - b2) * g * g;
			weight -= lr * (m / (1 - Math.pow(b1, t))) / (Math.sqrt(v / (1 - Math.pow(b2, t))) + 1e-8);
			assertEquals(weight, w.getFloat(0), 1e-6);
		}
	}

	@Test
	void optimizerStateRoundTripsThroughBytes() {
		for (boolean sgd : new boolean[] {true, false}) {
			NDArray w1 = manager.create(new float[] {1, 2, 3});
			NDArray w2 = manager.create(new float[] {1, 2, 3});
			ParameterOptimizer a = sgd ? new Sgd(List.of(w1), 0.99, 0) : new Adam(List.of(w1), 0);
			ParameterOptimizer b = sgd ? new Sgd(List.of(w2), 0.99, 0) : new Adam(List.of(w2), 0);
			a.step(List.of(w1), List.of(manager.create(new float[] {1, -1, 2})), 0.1);
			w1.copyTo(w2);
			b.restore(NDList.decode(manager, a.state().encode()));
			a.step(List.of(w1), List.of(manager.create(new float[] {0.5f, 0.5f, 0.5f})), 0.1);
			b.step(List.of(w2), List.of(manager.create(new float[] {0.5f, 0.5f, 0.5f})), 0.1);
			assertArrayEquals(w1.toFloatArray(), w2.toFloatArray(), 0f);
		}
	}

	@Test
	void polySchedule() {
		assertEquals(0.01, PolySchedule.learningRate(0.01, 0, 10), 1e-15);
		assertEquals(0.01 * Math.pow(0.5, 0.9), PolySchedule.learningRate(0.01, 5, 10), 1e-15);
		assertEquals(0.01 * Math.pow(0.1, 0.9), PolySchedule.learningRate(0.01, 9, 10), 1e-15);
	}

	@Test
	void polyScheduleRunsOverTheEpochsThatFitTheTimeBudget() {
		// no budget, or no epoch timed yet: the maximum
		assertEquals(1000, PolySchedule.horizon(0, 1000, 0, 0, 0));
		assertEquals(1000, PolySchedule.horizon(0, 1000, 600, 0, 0));
		// 600 s budget, 100 s used by 4 epochs of 25 s: 500 s left = 20 more epochs, 24 in all
		assertEquals(24, PolySchedule.horizon(4, 1000, 600, 100, 25));
		// never beyond the maximum, and always at least one more epoch than done
		assertEquals(10, PolySchedule.horizon(4, 10, 600, 100, 25));
		assertEquals(5, PolySchedule.horizon(4, 1000, 600, 599, 25));
		// so the rate of the last epoch that fits is small, not the 0.99 lr0 of a 1000-epoch schedule
		assertEquals(0.01 * Math.pow(1.0 / 24, 0.9), PolySchedule.learningRate(0.01, 23, PolySchedule.horizon(23,
			1000, 600, 575, 25)), 1e-15);
	}
}
