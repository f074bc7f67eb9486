package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/** Attention gate and CE-Net context blocks: shapes, ranges, odd sizes, and the RMP pooling by its definition. */
class ContextBlocksTest extends WithManager {

	@Test
	void attentionGateWeighsTheSkipWithCoefficientsBetweenZeroAndOne() {
		try (NDManager m = manager.newSubManager()) {
			Shape xs = new Shape(1, 4, 2, 6, 8);
			Shape gs = new Shape(1, 8, 2, 3, 4);
			AttentionGate gate = new AttentionGate(3, 4, 2, new int[] {1, 2, 2});
			gate.setInitializer(new KaimingNormal(0.01, 3), ai.djl.nn.Parameter.Type.WEIGHT);
			gate.initialize(m, DataType.FLOAT32, xs, gs);
			ParameterStore ps = new ParameterStore(m, false);
			NDArray x = m.randomNormal(xs);
			NDArray g = m.randomNormal(gs);
			NDArray alpha = gate.attention(ps, x, g);
			assertEquals(new Shape(1, 1, 2, 3, 4), alpha.getShape());
			assertTrue(alpha.gt(0).all().getBoolean() && alpha.lt(1).all().getBoolean());
			assertEquals(xs, gate.forward(ps, new NDList(x, g), false).head().getShape());
		}
	}

	@Test
	void dacKeepsTheShapeAndRmpAddsFourChannelsOnOddSizes() {
		try (NDManager m = manager.newSubManager()) {
			for (Shape in : new Shape[] {new Shape(2, 3, 7, 5), new Shape(1, 3, 1, 7, 4)}) {
				int dims = in.dimension() - 2;
				int[] kernel = dims == 2 ? new int[] {3, 3} : new int[] {1, 3, 3};
				DacBlock dac = new DacBlock(dims, 3, kernel);
				RmpBlock rmp = new RmpBlock(dims);
				dac.initialize(m, DataType.FLOAT32, in);
				rmp.initialize(m, DataType.FLOAT32, in);
				ParameterStore ps = new ParameterStore(m, false);
				NDArray x = m.randomNormal(in);
				assertEquals(in, dac.forward(ps, new NDList(x), false).head().getShape());
				NDArray y = rmp.forward(ps, new NDList(x), false).head();
				assertEquals(Ops.withChannels(in, 7), y.getShape());
				assertEquals(rmp.getOutputShapes(new Shape[] {in})[0], y.getShape());
			}
		}
	}

	/** Each RMP map pixel is the 1x1 conv of the max over the pooling window holding it (nearest up-sampling). */
	@Test
	void rmpMapsEqualWindowMaxima() {
		try (NDManager m = manager.newSubManager()) {
			Shape in = new Shape(1, 1, 7, 5);
			RmpBlock rmp = new RmpBlock(2);
			rmp.initialize(m, DataType.FLOAT32, in);
			NnTesting.parameter(rmp, "weight").getArray().set(new float[] {2f});
			NnTesting.parameter(rmp, "bias").getArray().set(new float[] {0.5f});
			float[] x = NnTesting.random(new Random(4), 35);
			float[] y = rmp.forward(new ParameterStore(m, false), new NDList(m.create(x, in)), false).head()
					.toFloatArray();
			for (int b = 0; b < RmpBlock.KERNELS.length; b++) {
				int ky = Math.min(RmpBlock.KERNELS[b], 7);
				int kx = Math.min(RmpBlock.KERNELS[b], 5);
				for (int i = 0; i < 7; i++) {
					for (int j = 0; j < 5; j++) {
						float max = Float.NEGATIVE_INFINITY;
						for (int u = i / ky * ky; u < Math.min(7, i / ky * ky + ky); u++) {
							for (int v = j / kx * kx; v < Math.min(5, j / kx * kx + kx); v++) max = Math.max(max, x[u * 5 + v]);
						}
						assertEquals(2 * max + 0.5f, y[b * 35 + i * 5 + j], 1e-5f, "kernel " + RmpBlock.KERNELS[b]);
					}
				}
			}
			float[] passThrough = java.util.Arrays.copyOfRange(y, 4 * 35, 5 * 35);
			assertArrayEquals(x, passThrough);
		}
	}
}
