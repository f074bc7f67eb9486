package io.segkit.nn;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Transposed convolution with kernel = stride (per axis, e.g. (1, 2, 2)), the U-Net up-sampling, built without the
 * engine's missing transposed convolution: a bias-free 1x1 convolution to C_out * prod(stride) channels, then
 * depth-to-space, with one bias per output channel (added by that convolution, each bias repeated on its
 * prod(stride) rows). With kernel = stride the output blocks do not overlap, so
 * y[o, s*i + a] = b[o] + sum_c x[c, i] * W[c, o, a] is exactly that 1x1 convolution rearranged; parameter count
 * and layout match PyTorch's ConvTranspose (weight (C_in, C_out, k...) stored as 1x1 conv weight
 * (C_out*prod(k), C_in, 1...) with row o*prod(k) + offset).
 */
public final class UpConv extends AbstractBlock {

	private final int filters;
	private final int[] stride;
	private final Block conv;
	private final Parameter bias;

	public UpConv(int dims, int filters, int[] stride) {
		if (stride.length != dims) throw new IllegalArgumentException("one stride per axis");
		this.filters = filters;
		this.stride = stride.clone();
		int[] one = new int[dims];
		Arrays.fill(one, 1);
		conv = addChildBlock("conv", Layers.conv(dims, filters * product(stride), one, one, new int[dims], false));
		bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
	}

	@Override
	protected void prepare(Shape[] inputShapes) {
		bias.setShape(new Shape(filters));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		conv.initialize(manager, dataType, inputShapes);
	}

	@Override
	protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
		NDArray x = inputs.singletonOrThrow();
		NDArray weight = ps.getValue(conv.getParameters().get("weight"), x.getDevice(), training);
		// bias b[o] on every conv row o*prod(stride) + offset: added by the convolution itself instead of a separate
		// pass over the up-sampled map (forward and backward)
		NDArray rowBias = ps.getValue(bias, x.getDevice(), training).repeat(0, product(stride));
		rowBias.attach(x.getManager());
		int d = stride.length;
		Shape one = Layers.shape(Layers.ones(d));
		Shape zero = new Shape(new long[d]);
		NDArray y = (d == 2 ? Conv2d.conv2d(x, weight, rowBias, one, zero, one, 1)
				: Conv3d.conv3d(x, weight, rowBias, one, zero, one, 1)).singletonOrThrow();
		return new NDList(Ops.depthToSpace(y, stride));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		long[] s = inputShapes[0].getShape().clone();
		s[1] = filters;
		for (int a = 0; a < stride.length; a++) s[2 + a] *= stride[a];
		return new Shape[] {new Shape(s)};
	}

	/** The 1x1 convolution inside (its weight holds the transposed-convolution kernel). */
	public Block conv() {
		return conv;
	}

	/** Up-sampling factor per axis. */
	public int[] stride() {
		return stride.clone();
	}

	static int product(int[] a) {
		int p = 1;
		for (int v : a) p *= v;
		return p;
	}

	@Override
	public String toString() {
		return "UpConv(" + filters + ", stride=" + Arrays.toString(stride) + ")";
	}
}
