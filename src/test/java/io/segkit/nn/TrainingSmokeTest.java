package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import io.segkit.engine.Engines;

/** A few Adam steps on a toy 2D problem (bright squares on noise) make the cross-entropy fall. */
class TrainingSmokeTest {

	private static final int N = 4;
	private static final int SIZE = 16;

	@Test
	void lossFallsOverTwentySteps() {
		for (Architecture a : new Architecture[] {Architecture.PLAIN_UNET, Architecture.ATTENTION_UNET,
				Architecture.CE_NET}) {
			assertLossFalls(a);
		}
	}

	/** Twenty Adam steps on the toy problem bring the cross-entropy below 0.6 of its start. */
	static void assertLossFalls(Architecture a) {
		float[] losses = train(a, 20);
		float first = losses[0];
		float last = losses[losses.length - 1];
		assertTrue(last < 0.6f * first, a + ": loss went from " + first + " to " + last + " "
				+ java.util.Arrays.toString(losses));
	}

	private static float[] train(Architecture architecture, int steps) {
		NetworkConfig config = new NetworkConfig(architecture, 2, 1, 2, new int[] {8, 16}, new int[][] {{3, 3}, {3,
				3}}, new int[][] {{1, 1}, {2, 2}}, false);
		float[] image = new float[N * SIZE * SIZE];
		float[] label = new float[N * SIZE * SIZE];
		makeToyData(new Random(11), image, label);
		float[] losses = new float[steps];
		try (NDManager manager = NnTesting.manager()) {
			SegmentationNetwork net = Networks.createInitialized(config, manager, 5);
			for (Pair<String, Parameter> p : net.getParameters()) p.getValue().getArray().setRequiresGradient(true);
			Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
			ParameterStore ps = new ParameterStore(manager, false);
			for (int step = 0; step < steps; step++) {
				try (NDManager stepManager = manager.newSubManager()) { // everything of this step is freed here
					NDArray x = stepManager.create(image, new Shape(N, 1, SIZE, SIZE));
					NDArray y = stepManager.create(label, new Shape(N, 1, SIZE, SIZE));
					try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
						NDArray logits = net.forward(ps, new NDList(x), true).head();
						NDArray loss = crossEntropy(logits, y, config.classes());
						collector.backward(loss);
						losses[step] = loss.getFloat();
					}
					for (Pair<String, Parameter> p : net.getParameters()) {
						NDArray w = p.getValue().getArray();
						adam.update(p.getValue().getId(), w, w.getGradient());
					}
				}
			}
		}
		return losses;
	}

	/** Mean cross-entropy; the one-hot target is built with eq against an arange (the engine's oneHot is limited). */
	static NDArray crossEntropy(NDArray logits, NDArray labels, int classes) {
		NDArray classIds = logits.getManager().arange(classes).toType(DataType.FLOAT32, false).reshape(1, classes, 1, 1);
		NDArray oneHot = labels.eq(classIds).toType(DataType.FLOAT32, false);
		return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
	}

	private static void makeToyData(Random r, float[] image, float[] label) {
		for (int n = 0; n < N; n++) {
			int y0 = r.nextInt(SIZE - 6);
			int x0 = r.nextInt(SIZE - 6);
			int side = 3 + r.nextInt(4);
			for (int y = 0; y < SIZE; y++) {
				for (int x = 0; x < SIZE; x++) {
					boolean inside = y >= y0 && y < y0 + side && x >= x0 && x < x0 + side;
					int i = (n * SIZE + y) * SIZE + x;
					label[i] = inside ? 1 : 0;
					image[i] = (inside ? 1f : 0f) + 0.3f * (float) r.nextGaussian();
				}
			}
		}
	}
}
