package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** The replacement operations equal their definitions, computed here by explicit loops. */
class OpsTest extends WithManager {

	/**
	 * Transposed convolution with kernel = stride, by its definition: y[n,o,s*i+a] = b[o] + sum_c x[n,c,i] W[c,o,a],
	 * with a PyTorch-layout weight W (C_in, C_out, k...) read from the 1x1 conv weight at row o*prod(k) + offset.
	 */
	@Test
	void upConvEqualsTransposedConvolution2D() {
		checkUpConv(new int[] {2, 2}, new long[] {3, 4});
		checkUpConv(new int[] {1, 2}, new long[] {3, 2});
		checkUpConv(new int[] {3, 2}, new long[] {2, 3});
	}

	@Test
	void upConvEqualsTransposedConvolution3D() {
		checkUpConv(new int[] {1, 2, 2}, new long[] {2, 3, 2});
		checkUpConv(new int[] {2, 2, 2}, new long[] {2, 2, 3});
		checkUpConv(new int[] {2, 1, 3}, new long[] {3, 2, 2});
	}

	private void checkUpConv(int[] stride, long[] size) {
		int d = stride.length;
		int n = 2;
		int cin = 3;
		int cout = 2;
		Random r = new Random(42 + d);
		try (NDManager m = manager.newSubManager()) {
			UpConv up = new UpConv(d, cout, stride);
			long[] inShape = new long[2 + d];
			inShape[0] = n;
			inShape[1] = cin;
			System.arraycopy(size, 0, inShape, 2, d);
			up.initialize(m, DataType.FLOAT32, new Shape(inShape));
			float[] w = NnTesting.randomize(NnTesting.parameter(up, "conv_weight"), r);
			float[] b = NnTesting.randomize(NnTesting.parameter(up, "bias"), r);
			float[] x = NnTesting.random(r, Math.toIntExact(new Shape(inShape).size()));
			NDArray out = up.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(inShape))), false)
					.head();

			long[] outSize = new long[d];
			for (int a = 0; a < d; a++) outSize[a] = size[a] * stride[a];
			long[] expectedShape = new long[2 + d];
			expectedShape[0] = n;
			expectedShape[1] = cout;
			System.arraycopy(outSize, 0, expectedShape, 2, d);
			assertEquals(new Shape(expectedShape), out.getShape());

			int block = UpConv.product(stride);
			int inVox = (int) new Shape(size).size();
			int outVox = inVox * block;
			float[] expected = new float[n * cout * outVox];
			for (int s = 0; s < n; s++) {
				for (int o = 0; o < cout; o++) {
					for (int q = 0; q < outVox; q++) {
						int[] pos = unravel(q, outSize);
						int[] in = new int[d];
						int offset = 0;
						for (int a = 0; a < d; a++) {
							in[a] = pos[a] / stride[a];
							offset = offset * stride[a] + pos[a] % stride[a];
						}
						int inIndex = ravel(in, size);
						double sum = b[o];
						for (int c = 0; c < cin; c++) {
							double weight = w[(o * block + offset) * cin + c]; // 1x1 conv weight (C_out*S, C_in)
							sum += x[(s * cin + c) * inVox + inIndex] * weight;
						}
						expected[(s * cout + o) * outVox + q] = (float) sum;
					}
				}
			}
			assertArrayEquals(expected, out.toFloatArray(), 1e-5f);
			// parameters as PyTorch's ConvTranspose: C_in*C_out*prod(k) weights + C_out biases
			assertEquals((long) cin * cout * block + cout, w.length + b.length);
		}
	}

	@Test
	void depthToSpaceMovesChannelsIntoBlocks() {
		try (NDManager m = manager.newSubManager()) {
			// 1 sample, 1 output channel, factors (1, 2): channels 0, 1 become columns 2j, 2j+1
			NDArray x = m.create(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, new Shape(1, 2, 2, 2));
			NDArray y = Ops.depthToSpace(x, new int[] {1, 2});
			assertEquals(new Shape(1, 1, 2, 4), y.getShape());
			assertArrayEquals(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, y.toFloatArray());
		}
	}

	@Test
	void instanceNormEqualsHandComputedStatistics() {
		checkInstanceNorm(new Shape(2, 3, 4, 5));
		checkInstanceNorm(new Shape(1, 2, 3, 4, 2));
	}

	private void checkInstanceNorm(Shape shape) {
		Random r = new Random(7);
		try (NDManager m = manager.newSubManager()) {
			InstanceNorm norm = new InstanceNorm();
			norm.initialize(m, DataType.FLOAT32, shape);
			float[] gamma = NnTesting.randomize(NnTesting.parameter(norm, "gamma"), r);
			float[] beta = NnTesting.randomize(NnTesting.parameter(norm, "beta"), r);
			float[] x = NnTesting.random(r, (int) shape.size());
			for (int i = 0; i < x.length; i++) x[i] = x[i] * 3 + 5;
			float[] y = norm.forward(new ParameterStore(m, false), new NDList(m.create(x, shape)), true).head()
					.toFloatArray();
			int n = (int) shape.get(0);
			int c = (int) shape.get(1);
			int vox = (int) shape.slice(2).size();
			for (int s = 0; s < n; s++) {
				for (int ch = 0; ch < c; ch++) {
					int base = (s * c + ch) * vox;
					double mean = 0;
					for (int i = 0; i < vox; i++) mean += x[base + i];
					mean /= vox;
					double var = 0;
					for (int i = 0; i < vox; i++) var += (x[base + i] - mean) * (x[base + i] - mean);
					var /= vox; // biased, as PyTorch's InstanceNorm
					for (int i = 0; i < vox; i++) {
						double expected = (x[base + i] - mean) / Math.sqrt(var + 1e-5) * gamma[ch] + beta[ch];
						assertEquals(expected, y[base + i], 1e-4, "sample " + s + " channel " + ch);
					}
				}
			}
		}
	}

	/** The fused (batch_norm) path has the reference formula's values and gradients for x, gamma and beta. */
	@Test
	void fusedInstanceNormHasTheDefinitionsGradients() {
		checkFusedInstanceNorm(new Shape(3, 4, 5, 6));
		checkFusedInstanceNorm(new Shape(2, 3, 2, 3, 4));
		checkFusedInstanceNorm(new Shape(1, 2, 7, 5));
	}

	private void checkFusedInstanceNorm(Shape shape) {
		Random r = new Random(3);
		long c = shape.get(1);
		float[] x = NnTesting.random(r, (int) shape.size());
		for (int i = 0; i < x.length; i++) x[i] = x[i] * 2 - 1;
		float[] g = NnTesting.random(r, (int) c);
		float[] b = NnTesting.random(r, (int) c);
		float[] w = NnTesting.random(r, (int) shape.size()); // a weighted sum as the loss: non-trivial gradients
		float[][] fused = instanceNormGradients(shape, x, g, b, w, true);
		float[][] reference = instanceNormGradients(shape, x, g, b, w, false);
		String[] what = {"output", "dL/dx", "dL/dgamma", "dL/dbeta"};
		for (int k = 0; k < what.length; k++) {
			assertEquals(reference[k].length, fused[k].length);
			for (int i = 0; i < fused[k].length; i++) {
				assertEquals(reference[k][i], fused[k][i], 1e-4 * Math.max(1, Math.abs(reference[k][i])), what[k] + " "
						+ shape + " at " + i);
			}
		}
	}

	private float[][] instanceNormGradients(Shape shape, float[] xv, float[] gv, float[] bv, float[] wv, boolean fused) {
		try (NDManager m = manager.newSubManager()) {
			NDArray x = m.create(xv, shape);
			NDArray g = m.create(gv);
			NDArray b = m.create(bv);
			NDArray w = m.create(wv, shape);
			for (NDArray a : new NDArray[] {x, g, b}) a.setRequiresGradient(true);
			float[] y;
			try (ai.djl.training.GradientCollector gc = io.segkit.engine.Engines.pytorch().newGradientCollector()) {
				NDArray out = fused ? InstanceNorm.fused(x, g, b, InstanceNorm.DEFAULT_EPS) : InstanceNorm.reference(x, g,
						b, InstanceNorm.DEFAULT_EPS);
				y = out.toFloatArray();
				gc.backward(out.mul(w).sum());
			}
			return new float[][] {y, x.getGradient().toFloatArray(), g.getGradient().toFloatArray(), b.getGradient()
					.toFloatArray()};
		}
	}

	/** A channel with a single value (1x1 maps) normalises to beta, as the definition gives, without an error. */
	@Test
	void instanceNormOfSingleValuesIsBeta() {
		try (NDManager m = manager.newSubManager()) {
			Shape shape = new Shape(2, 3, 1, 1);
			InstanceNorm norm = new InstanceNorm();
			norm.initialize(m, DataType.FLOAT32, shape);
			float[] beta = NnTesting.randomize(NnTesting.parameter(norm, "beta"), new Random(2));
			float[] y = norm.forward(new ParameterStore(m, false), new NDList(m.create(new float[] {1, 2, 3, 4, 5, 6},
					shape)), true).head().toFloatArray();
			assertEquals(6, y.length);
			for (int i = 0; i < y.length; i++) assertEquals(beta[i % 3], y[i], 1e-5);
		}
	}

	@Test
	void leakyReluHasSlope001() {
		try (NDManager m = manager.newSubManager()) {
			float[] x = {-100, -1, -0.5f, 0, 0.5f, 3};
			Block act = Layers.leakyRelu();
			float[] y = act.forward(new ParameterStore(m, false), new NDList(m.create(x)), false).head().toFloatArray();
			for (int i = 0; i < x.length; i++) assertEquals(x[i] >= 0 ? x[i] : 0.01f * x[i], y[i], 1e-7f);
		}
	}

	@Test
	void meanOverSeveralAxesEqualsLoops() {
		Random r = new Random(3);
		try (NDManager m = manager.newSubManager()) {
			Shape shape = new Shape(2, 3, 4, 5);
			float[] x = NnTesting.random(r, (int) shape.size());
			NDArray mean = Ops.mean(m.create(x, shape), new int[] {0, 2, 3}, false);
			assertEquals(new Shape(3), mean.getShape());
			float[] got = mean.toFloatArray();
			for (int c = 0; c < 3; c++) {
				double sum = 0;
				for (int n = 0; n < 2; n++) for (int i = 0; i < 20; i++) sum += x[(n * 3 + c) * 20 + i];
				assertEquals(sum / 40, got[c], 1e-5);
			}
			assertEquals(new Shape(2, 1, 1, 5), Ops.mean(m.create(x, shape), new int[] {1, 2}, true).getShape());
		}
	}

	@Test
	void nearestUpsamplingRepeatsPerAxis() {
		try (NDManager m = manager.newSubManager()) {
			NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
			NDArray y = Ops.upsampleNearest(x, new int[] {1, 2});
			assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3, 4, 4}, y.toFloatArray());
		}
	}

	@Test
	void kaimingNormalIsSeededWithTheRightSpread() {
		try (NDManager m = manager.newSubManager()) {
			Shape shape = new Shape(64, 32, 3, 3);
			KaimingNormal init = new KaimingNormal(0.01, 5);
			float[] w = init.initialize(m, shape, DataType.FLOAT32).toFloatArray();
			double sum = 0;
			double sq = 0;
			for (float v : w) {
				sum += v;
				sq += v * v;
			}
			double mean = sum / w.length;
			double std = Math.sqrt(sq / w.length - mean * mean);
			double expected = Math.sqrt(2 / (1 + 1e-4)) / Math.sqrt(32 * 9);
			assertEquals(expected, init.std(shape), 1e-12);
			assertEquals(0, mean, 3 * expected / Math.sqrt(w.length) * 2);
			assertEquals(expected, std, expected * 0.03);
			assertArrayEquals(w, new KaimingNormal(0.01, 5).initialize(m, shape, DataType.FLOAT32).toFloatArray());
			assertNotEquals(w[0], new KaimingNormal(0.01, 6).initialize(m, shape, DataType.FLOAT32).toFloatArray()[0]);
		}
	}

	private static int[] unravel(int index, long[] size) {
		int[] p = new int[size.length];
		for (int a = size.length - 1; a >= 0; a--) {
			p[a] = (int) (index % size[a]);
			index /= size[a];
		}
		return p;
	}

	private static int ravel(int[] p, long[] size) {
		int i = 0;
		for (int a = 0; a < size.length; a++) i = i * (int) size[a] + p[a];
		return i;
	}
}
