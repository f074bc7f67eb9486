package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

import io.segkit.engine.EngineInfo;
import io.segkit.engine.Engines;

/**
 * Prints forward and training-step times of nnU-Net-sized plain U-Nets on the CPU (a bench entry point, not a
 * test): {@code java -cp <test classpath> io.segkit.nn.NetworkBench}.
 */
public final class NetworkBench {

	public static void main(String[] args) {
		System.out.println(EngineInfo.current().toText());
		NetworkConfig c2 = new NetworkConfig(Architecture.PLAIN_UNET, 2, 1, 2, new int[] {32, 64, 128, 256, 512},
				new int[][] {{3, 3}, {3, 3}, {3, 3}, {3, 3}, {3, 3}}, new int[][] {{1, 1}, {2, 2}, {2, 2}, {2, 2}, {2,
						2}}, true);
		NetworkConfig c3 = new NetworkConfig(Architecture.PLAIN_UNET, 3, 1, 2, new int[] {32, 64, 128, 256},
				new int[][] {{1, 3, 3}, {3, 3, 3}, {3, 3, 3}, {3, 3, 3}}, new int[][] {{1, 1, 1}, {1, 2, 2}, {2, 2, 2},
						{2, 2, 2}}, true);
		bench(c2, new Shape(2, 1, 128, 128));
		bench(c3, new Shape(1, 1, 16, 64, 64));
		for (Architecture a : Architecture.values()) {
			if (a != Architecture.UNET_2015) bench(c2.withArchitecture(a), new Shape(1, 1, 64, 64));
		}
	}

	private static void bench(NetworkConfig config, Shape input) {
		try (NDManager manager = NnTesting.manager()) {
			SegmentationNetwork net = Networks.createInitialized(config, manager, 1);
			for (Pair<String, Parameter> p : net.getParameters()) p.getValue().getArray().setRequiresGradient(true);
			ParameterStore ps = new ParameterStore(manager, false);
			Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.99f).build();
			int repeats = 2;
			long forward = 0;
			long step = 0;
			for (int r = 0; r <= repeats; r++) {
				try (NDManager sub = manager.newSubManager()) {
					NDArray x = sub.randomNormal(input);
					long t0 = System.nanoTime();
					net.forward(ps, new NDList(x), false).head().sum().getFloat();
					long t1 = System.nanoTime();
					try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
						NDArray out = net.forward(ps, new NDList(x), true).head();
						gc.backward(out.square().mean());
					}
					for (Pair<String, Parameter> p : net.getParameters()) {
						NDArray w = p.getValue().getArray();
						sgd.update(p.getValue().getId(), w, w.getGradient());
					}
					long t2 = System.nanoTime();
					if (r > 0) { // the first round warms up
						forward += t1 - t0;
						step += t2 - t1;
					}
				}
			}
			System.out.printf("%s input %s params %,d: forward %.0f ms, training step %.0f ms%n", config.architecture(),
					input, Networks.parameterCount(net), forward / 1e6 / repeats, step / 1e6 / repeats);
		}
	}
}
