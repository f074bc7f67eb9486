package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;

/**
 * The depthwise conv (groups = channels) followed by a 1x1 conv equals one dense conv whose kernel factors as
 * W[o, c] = P[o, c] D[c] and whose bias is P bD + bP: the definition of a depthwise-separable convolution, in 2D and
 * in 3D with an anisotropic dilated kernel.
 */
class SeparableConvTest extends WithManager {

	@Test
	void depthwiseThenPointwiseEqualsTheFactoredDenseConv() {
		check(2, new int[] {3, 3}, new int[] {2, 2}, new Shape(2, 3, 9, 7));
		check(3, new int[] {1, 3, 3}, SeparableConv.dilation(new int[] {1, 3, 3}, 2), new Shape(1, 3, 3, 8, 7));
	}

	private static void check(int dims, int[] kernel, int[] dilation, Shape input) {
		int c = (int) input.get(1), out = 4;
		Random r = new Random(dims);
		try (NDManager m = manager.newSubManager()) {
			Block depthwise = Layers.groupedConv(dims, c, kernel, dilation, c, true);
			Block pointwise = Layers.pointwise(dims, out, true);
			depthwise.initialize(m, DataType.FLOAT32, input);
			pointwise.initialize(m, DataType.FLOAT32, depthwise.getOutputShapes(new Shape[] {input}));
			float[] d = NnTesting.randomize(NnTesting.parameter(depthwise, "weight"), r);
			float[] bd = NnTesting.randomize(NnTesting.parameter(depthwise, "bias"), r);
			float[] p = NnTesting.randomize(NnTesting.parameter(pointwise, "weight"), r);
			float[] bp = NnTesting.randomize(NnTesting.parameter(pointwise, "bias"), r);
			NDArray x = m.create(NnTesting.random(r, (int) input.size()), input);
			ParameterStore ps = new ParameterStore(m, false);
			NDArray separable = pointwise.forward(ps, depthwise.forward(ps, new NDList(x), false), false).head();

			int taps = d.length / c;
			float[] w = new float[out * c * taps];
			float[] b = new float[out];
			for (int o = 0; o < out; o++) {
				b[o] = bp[o];
				for (int ch = 0; ch < c; ch++) {
					b[o] += p[o * c + ch] * bd[ch];
					for (int t = 0; t < taps; t++) w[(o * c + ch) * taps + t] = p[o * c + ch] * d[ch * taps + t];
				}
			}
			long[] ws = new long[2 + dims];
			ws[0] = out;
			ws[1] = c;
			for (int a = 0; a < dims; a++) ws[2 + a] = kernel[a];
			Shape stride = Layers.shape(Layers.ones(dims));
			Shape pad = Layers.shape(Layers.samePadding(kernel, dilation));
			Shape dil = Layers.shape(dilation);
			NDArray weight = m.create(w, new Shape(ws));
			NDArray bias = m.create(b);
			NDArray dense = (dims == 2 ? Conv2d.conv2d(x, weight, bias, stride, pad, dil, 1)
					: Conv3d.conv3d(x, weight, bias, stride, pad, dil, 1)).head();
			assertArrayEquals(dense.toFloatArray(), separable.toFloatArray(), 1e-4f);
		}
	}
}
