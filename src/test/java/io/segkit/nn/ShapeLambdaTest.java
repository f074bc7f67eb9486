package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

class ShapeLambdaTest extends WithManager {

	@Test
	void shapesComeFromTheRuleWithoutAnEngineCall() {
		int[] calls = new int[1];
		ShapeLambda crop = new ShapeLambda("CropLast", x -> {
			calls[0]++;
			return x;
		}, s -> new Shape(s.get(0), s.get(1), s.get(2) - 1));
		assertArrayEquals(new Shape[] {new Shape(2, 3, 6)}, crop.getOutputShapes(new Shape[] {new Shape(2, 3, 7)}));
		assertEquals(0, calls[0], "the function is not run to find shapes");
		assertEquals("CropLast", crop.toString());
		assertTrue(crop.getParameters().isEmpty());
		ShapeLambda same = ShapeLambda.elementwise("Abs", NDArray::abs);
		Shape odd = new Shape(1, 5, 3, 7, 9);
		assertEquals(odd, same.getOutputShapes(new Shape[] {odd})[0]);
		assertEquals("Abs", same.toString());
	}

	@Test
	void forwardAppliesTheFunctionToTheSingleInput() {
		try (NDManager m = manager.newSubManager()) {
			ShapeLambda abs = ShapeLambda.elementwise("Abs", NDArray::abs);
			abs.initialize(m, DataType.FLOAT32, new Shape(4));
			ParameterStore ps = new ParameterStore(m, false);
			NDArray y = abs.forward(ps, new NDList(m.create(new float[] {-2, 0, 1.5f, -0.25f})), false).singletonOrThrow();
			assertArrayEquals(new float[] {2, 0, 1.5f, 0.25f}, y.toFloatArray());
			assertThrows(IndexOutOfBoundsException.class, () -> abs.forward(ps, new NDList(m.zeros(new Shape(2)), m.zeros(
					new Shape(2))), false), "two inputs");
		}
	}

	/** The network's max-pool floors odd sizes; its shape rule must say what the engine really returns. */
	@Test
	void maxPoolRuleMatchesTheEngineOnOddSizes() {
		try (NDManager m = manager.newSubManager()) {
			for (Shape in : new Shape[] {new Shape(1, 2, 7, 5), new Shape(2, 1, 3, 9, 4)}) {
				int[] kernel = in.dimension() == 4 ? new int[] {2, 2} : new int[] {1, 2, 3};
				Block pool = Layers.maxPool(kernel);
				Block seq = new SequentialBlock().add(pool).add(Layers.leakyRelu());
				seq.initialize(m, DataType.FLOAT32, in);
				NDArray x = m.randomNormal(in);
				NDArray y = seq.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
				assertEquals(seq.getOutputShapes(new Shape[] {in})[0], y.getShape(), in.toString());
			}
			// 7 x 5 by 2 x 2: rows (0,1), (2,3), (4,5); columns (0,1), (2,3); the last row and column are dropped
			float[] v = new float[35];
			for (int i = 0; i < 35; i++) v[i] = i;
			float[] y = Layers.maxPool(new int[] {2, 2}).forward(new ParameterStore(m, false), new NDList(m.create(v,
					new Shape(1, 1, 7, 5))), false).singletonOrThrow().toFloatArray();
			assertArrayEquals(new float[] {6, 8, 16, 18, 26, 28}, y);
		}
	}
}
