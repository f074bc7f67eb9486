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
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

class ResidualBlockTest extends WithManager {

	private static long count(ResidualBlock b) {
		long n = 0;
		for (Pair<String, Parameter> p : b.getParameters()) n += p.getValue().getShape().size();
		return n;
	}

	private static long prod(int[] a) {
		long p = 1;
		for (int v : a) p *= v;
		return p;
	}

	/** Conv + bias and InstanceNorm scale + shift twice, plus a bias-free 1x1 conv and InstanceNorm when projecting. */
	private static long formula(int in, int f, int[] kernel, boolean project) {
		long k = prod(kernel);
		long n = in * f * k + f + 2L * f + (long) f * f * k + f + 2L * f;
		return project ? n + (long) in * f + 2L * f : n;
	}

	private static ResidualBlock initialized(NDManager m, int dims, int in, int f, int[] kernel, int[] stride, Shape x) {
		ResidualBlock b = new ResidualBlock(dims, in, f, kernel, stride);
		b.setInitializer(new KaimingNormal(0.01, 3), Parameter.Type.WEIGHT);
		b.initialize(m, DataType.FLOAT32, x);
		return b;
	}

	@Test
	void shapesAndParameterCountsForOddSizesAndAnisotropicStrides() {
		Object[][] cases = { // dims, in, filters, kernel, stride, input, expected output, projects
				{2, 3, 3, new int[] {3, 3}, new int[] {1, 1}, new Shape(2, 3, 7, 5), new Shape(2, 3, 7, 5), false},
				{2, 3, 4, new int[] {3, 3}, new int[] {1, 1}, new Shape(1, 3, 7, 5), new Shape(1, 4, 7, 5), true},
				{2, 2, 2, new int[] {3, 1}, new int[] {2, 1}, new Shape(1, 2, 7, 5), new Shape(1, 2, 4, 5), true},
				{3, 2, 4, new int[] {1, 3, 3}, new int[] {1, 2, 2}, new Shape(1, 2, 5, 9, 6), new Shape(1, 4, 5, 5, 3),
						true},
				{3, 2, 2, new int[] {3, 3, 3}, new int[] {3, 1, 2}, new Shape(1, 2, 9, 3, 4), new Shape(1, 2, 3, 3, 2),
						true}};
		try (NDManager m = manager.newSubManager()) {
			for (Object[] c : cases) {
				int dims = (int) c[0], in = (int) c[1], f = (int) c[2];
				int[] kernel = (int[]) c[3], stride = (int[]) c[4];
				Shape x = (Shape) c[5];
				ResidualBlock b = initialized(m, dims, in, f, kernel, stride, x);
				NDArray y = b.forward(new ParameterStore(m, false), new NDList(m.randomNormal(x)), false).head();
				assertEquals(c[6], y.getShape(), x + " stride " + java.util.Arrays.toString(stride));
				assertEquals(c[6], b.getOutputShapes(new Shape[] {x})[0]);
				assertEquals(formula(in, f, kernel, (boolean) c[7]), count(b), x.toString());
				boolean hasShortcut = b.getParameters().keys().stream().anyMatch(k -> k.contains("shortcut"));
				assertEquals(c[7], hasShortcut, "projection only when the stride or the channel count changes");
			}
		}
		// by hand, 3x3 kernels: 3 -> 3 is 2 x (81 + 3 + 6); 3 -> 4 is 108 + 4 + 8, 144 + 4 + 8 and the projection 12 + 8
		assertEquals(180, formula(3, 3, new int[] {3, 3}, false));
		assertEquals(108 + 4 + 8 + 144 + 4 + 8 + 12 + 8, formula(3, 4, new int[] {3, 3}, true));
	}

	/** With the body silenced (its last InstanceNorm scale and shift 0) the block is LeakyReLU of its shortcut. */
	private static void silenceBody(ResidualBlock b) {
		int norms = 0;
		for (Pair<String, Parameter> p : b.getParameters()) {
			if (p.getKey().contains("body") && (p.getKey().endsWith("gamma") || p.getKey().endsWith("beta"))) {
				p.getValue().getArray().set(new float[Math.toIntExact(p.getValue().getShape().size())]);
				norms++;
			}
		}
		assertEquals(4, norms, "two InstanceNorms in the body: " + b.getParameters().keys());
	}

	@Test
	void identityShortcutAddsTheInput() {
		try (NDManager m = manager.newSubManager()) {
			Shape shape = new Shape(1, 2, 5, 3);
			ResidualBlock b = initialized(m, 2, 2, 2, new int[] {3, 3}, new int[] {1, 1}, shape);
			silenceBody(b);
			float[] x = NnTesting.random(new Random(1), 30);
			float[] y = b.forward(new ParameterStore(m, false), new NDList(m.create(x, shape)), false).head()
					.toFloatArray();
			assertEquals(30, y.length);
			for (int i = 0; i < x.length; i++) assertEquals(x[i] >= 0 ? x[i] : 0.01f * x[i], y[i], 1e-6f);
		}
	}

	/** The projection samples every stride-th voxel from the first, mixes channels, and instance-normalises. */
	@Test
	void projectionShortcutIsAStridedPointwiseConvWithInstanceNorm() {
		try (NDManager m = manager.newSubManager()) {
			int h = 5, w = 6; // output 3 x 2 with stride (2, 3)
			Shape shape = new Shape(1, 2, h, w);
			ResidualBlock b = initialized(m, 2, 2, 1, new int[] {3, 3}, new int[] {2, 3}, shape);
			silenceBody(b);
			float[] weight = {0.5f, -2f}; // 1 filter over 2 channels
			Parameter shortcutWeight = b.getParameters().stream().filter(p -> p.getKey().contains("shortcut") && p
					.getKey().endsWith("weight")).map(Pair::getValue).findFirst().orElseThrow();
			assertEquals(new Shape(1, 2, 1, 1), shortcutWeight.getShape());
			shortcutWeight.getArray().set(weight);
			float[] x = NnTesting.random(new Random(2), 2 * h * w);
			float[] y = b.forward(new ParameterStore(m, false), new NDList(m.create(x, shape)), false).head()
					.toFloatArray();
			double[] conv = new double[6];
			int k = 0;
			for (int i = 0; i < h; i += 2) {
				for (int j = 0; j < w; j += 3) conv[k++] = weight[0] * x[i * w + j] + weight[1] * x[h * w + i * w + j];
			}
			double mean = java.util.Arrays.stream(conv).average().orElseThrow();
			double var = java.util.Arrays.stream(conv).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
			float[] expected = new float[6];
			for (int i = 0; i < 6; i++) {
				double z = (conv[i] - mean) / Math.sqrt(var + 1e-5); // gamma 1, beta 0
				expected[i] = (float) (z >= 0 ? z : 0.01 * z);
			}
			assertArrayEquals(expected, y, 1e-4f);
			assertTrue(java.util.Arrays.stream(conv).anyMatch(v -> Math.abs(v - mean) > 0.1), "a non-trivial case");
		}
	}
}
