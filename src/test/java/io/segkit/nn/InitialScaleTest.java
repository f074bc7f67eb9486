package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/**
 * Every architecture starts training with class scores of order one on networks as deep as the planner makes them
 * (7 stages in 2D, 5 anisotropic ones in 3D, half width). Paths summed without normalisation multiply the variance
 * at every stage; RefineNet did, its first logits reached hundreds and its training diverged (losses of 10^7) until
 * its refinement convs were normalised.
 */
class InitialScaleTest extends WithManager {

	/** Logit standard deviation allowed at initialisation on unit-variance input (the U-Nets give about 1). */
	static final double MAX_LOGIT_STD = 10;
	/** Every architecture but the unpadded 2015 U-Net, which needs its own input sizes (UNet2015Test). */
	static final java.util.List<Architecture> PADDED = java.util.Arrays.stream(Architecture.values()).filter(
			a -> a != Architecture.UNET_2015).toList();

	@Test
	void logitsAtInitialisationAreOfOrderOneIn2D() {
		int[][] k = new int[7][], st = new int[7][];
		for (int s = 0; s < 7; s++) {
			k[s] = new int[] {3, 3};
			st[s] = s == 0 ? new int[] {1, 1} : new int[] {2, 2};
		}
		int[] features = {16, 32, 64, 128, 128, 128, 128};
		for (Architecture a : PADDED) {
			assertOrderOne(new NetworkConfig(a, 2, 1, 2, features, k, st, false), 2, 1, 128, 128);
		}
	}

	@Test
	void logitsAtInitialisationAreOfOrderOneIn3D() {
		int[][] k = {{1, 3, 3}, {1, 3, 3}, {3, 3, 3}, {3, 3, 3}, {3, 3, 3}};
		int[][] st = {{1, 1, 1}, {1, 2, 2}, {2, 2, 2}, {2, 2, 2}, {1, 2, 2}};
		int[] features = {16, 32, 64, 128, 128};
		for (Architecture a : PADDED) {
			assertOrderOne(new NetworkConfig(a, 3, 1, 2, features, k, st, false), 1, 1, 16, 48, 48);
		}
	}

	/**
	 * SegNet's conv weights start with PyTorch's default variance 1 / (3 fan_in) (its skip-less decoder learns too
	 * slowly with nnU-Net's larger weights, see {@link SegNet#initializationSlope}); the U-Net's with nnU-Net's
	 * 2 / (1.0001 fan_in). Measured on the largest conv weight of each (over 400,000 values: the variance to 1 %).
	 */
	@Test
	void segNetStartsWithPyTorchsDefaultWeightVarianceAndTheUNetWithNnUNets() {
		assertEquals(1.0 / 3, varianceTimesFanIn(Architecture.SEGNET), 0.01);
		assertEquals(2 / 1.0001, varianceTimesFanIn(Architecture.PLAIN_UNET), 0.03);
	}

	/** Variance x fan_in of the network's largest conv weight. */
	private static double varianceTimesFanIn(Architecture a) {
		int[][] k = {{3, 3, 3}, {3, 3, 3}};
		int[][] st = {{1, 1, 1}, {2, 2, 2}};
		try (NDManager m = manager.newSubManager()) {
			SegmentationNetwork net = Networks.createInitialized(new NetworkConfig(a, 3, 1, 2, new int[] {128, 128}, k,
					st, false), m, 1);
			NDArray largest = null;
			for (var p : net.getParameters()) {
				NDArray w = p.getValue().getArray();
				if (p.getKey().endsWith("weight") && w.getShape().dimension() == 5 && (largest == null || w.size() > largest
						.size())) largest = w;
			}
			long fanIn = largest.size() / largest.getShape().get(0);
			return largest.sub(largest.mean()).square().mean().getFloat() * fanIn;
		}
	}

	private static void assertOrderOne(NetworkConfig config, long... inputShape) {
		try (NDManager m = manager.newSubManager()) {
			m.getEngine().setRandomSeed(7);
			SegmentationNetwork net = Networks.createInitialized(config, m, 1);
			NDList out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new ai.djl.ndarray.types
					.Shape(inputShape))), true);
			NDArray logits = out.head();
			double std = Math.sqrt(logits.sub(logits.mean()).square().mean().getFloat());
			assertTrue(std < MAX_LOGIT_STD, config.architecture() + " " + config.dims() + "D: initial logit std " + std);
		}
	}
}
