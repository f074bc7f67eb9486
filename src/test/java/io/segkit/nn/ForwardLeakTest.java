package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/** A forward pass under a sub-manager leaves no arrays on the manager that holds the parameters. */
class ForwardLeakTest {

	@Test
	void forwardAttachesNothingToTheParametersManager() {
		for (Architecture a : Architecture.values()) {
			if (a == Architecture.UNET_2015) continue; // unpadded: needs other input sizes
			NetworkConfig config = new NetworkConfig(a, 2, 1, 2, new int[] {4, 8, 8}, new int[][] {{3, 3}, {3, 3},
					{3, 3}}, new int[][] {{1, 1}, {2, 2}, {2, 2}}, true);
			try (NDManager manager = NnTesting.manager()) {
				SegmentationNetwork net = Networks.createInitialized(config, manager, 1);
				int before = manager.getManagedArrays().size();
				for (boolean training : new boolean[] {false, true}) {
					try (NDManager step = manager.newSubManager()) {
						NDList x = new NDList(step.create(NnTesting.random(new Random(2), 2 * 16 * 16),
								new Shape(2, 1, 16, 16)));
						net.forward(new ParameterStore(step, false), x, training);
					}
				}
				assertEquals(before, manager.getManagedArrays().size(), a.toString());
			}
		}
	}
}
