package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.pooling.Pool;

/** Building blocks that pick their 2D or 3D form from {@code dims}: one code path for both. */
public final class Layers {

	/** nnU-Net's LeakyReLU negative slope. */
	public static final float LEAKY_SLOPE = 0.01f;

	private Layers() {}

	/** A convolution with per-axis kernel, stride and padding. */
	public static Block conv(int dims, int filters, int[] kernel, int[] stride, int[] padding, boolean bias) {
		return conv(dims, filters, kernel, stride, padding, ones(dims), bias);
	}

	/** A dilated convolution. */
	public static Block conv(int dims, int filters, int[] kernel, int[] stride, int[] padding, int[] dilation,
			boolean bias) {
		if (dims == 2) {
			return Conv2d.builder().setFilters(filters).setKernelShape(shape(kernel)).optStride(shape(stride))
					.optPadding(shape(padding)).optDilation(shape(dilation)).optBias(bias).build();
		}
		if (dims == 3) {
			return Conv3d.builder().setFilters(filters).setKernelShape(shape(kernel)).optStride(shape(stride))
					.optPadding(shape(padding)).optDilation(shape(dilation)).optBias(bias).build();
		}
		throw new IllegalArgumentException("dims must be 2 or 3");
	}

	/** "Same" padding for an odd kernel: k/2 per axis (times the dilation). */
	public static int[] samePadding(int[] kernel, int dilation) {
		int[] d = new int[kernel.length];
		java.util.Arrays.fill(d, dilation);
		return samePadding(kernel, d);
	}

	/** "Same" padding for an odd kernel with a per-axis dilation. */
	public static int[] samePadding(int[] kernel, int[] dilation) {
		int[] p = new int[kernel.length];
		for (int a = 0; a < kernel.length; a++) p[a] = dilation[a] * (kernel[a] / 2);
		return p;
	}

	/** A grouped convolution (groups = input channels = filters gives a depthwise one), "same" padded. */
	public static Block groupedConv(int dims, int filters, int[] kernel, int[] dilation, int groups, boolean bias) {
		Shape k = shape(kernel), one = shape(ones(dims)), dil = shape(dilation);
		Shape pad = shape(samePadding(kernel, dilation));
		if (dims == 2) {
			return Conv2d.builder().setFilters(filters).setKernelShape(k).optStride(one).optPadding(pad)
					.optDilation(dil).optGroups(groups).optBias(bias).build();
		}
		return Conv3d.builder().setFilters(filters).setKernelShape(k).optStride(one).optPadding(pad).optDilation(dil)
				.optGroups(groups).optBias(bias).build();
	}

	/** 1x1 convolution with bias (segmentation heads, gates). */
	public static Block pointwise(int dims, int filters, boolean bias) {
		return conv(dims, filters, ones(dims), ones(dims), new int[dims], bias);
	}

	/** nnU-Net's block: padded conv (with bias, as nnU-Net) -> InstanceNorm -> LeakyReLU(0.01). */
	public static SequentialBlock convNormAct(int dims, int filters, int[] kernel, int[] stride) {
		return new SequentialBlock().add(conv(dims, filters, kernel, stride, samePadding(kernel, 1), true))
				.add(new InstanceNorm()).add(leakyRelu());
	}

	/** conv (stride, dilation, "same" padding, bias) -> InstanceNorm -> LeakyReLU(0.01). */
	public static SequentialBlock convNormAct(int dims, int filters, int[] kernel, int[] stride, int[] dilation) {
		return new SequentialBlock().add(conv(dims, filters, kernel, stride, samePadding(kernel, dilation), dilation,
				true)).add(new InstanceNorm()).add(leakyRelu());
	}

	/** conv -> LeakyReLU, no normalisation: for maps of a few voxels (pooled bins), where InstanceNorm would
	 * normalise each channel to its shift alone. */
	public static SequentialBlock convAct(int dims, int filters, int[] kernel) {
		return new SequentialBlock().add(conv(dims, filters, kernel, ones(dims), samePadding(kernel, 1), true)).add(
				leakyRelu());
	}

	/** LeakyReLU(0.01). */
	public static Block leakyRelu() {
		return ShapeLambda.elementwise("LeakyReLU(0.01)", x -> Activation.leakyRelu(x, LEAKY_SLOPE));
	}

	/** ReLU. */
	public static Block relu() {
		return ShapeLambda.elementwise("ReLU", Activation::relu);
	}

	/** Max pooling with kernel = stride, no padding (floor). */
	public static Block maxPool(int[] kernel) {
		return new ShapeLambda("MaxPool", x -> maxPool(x, kernel, false), s -> {
			long[] d = s.getShape().clone();
			for (int a = 0; a < kernel.length; a++) d[2 + a] /= kernel[a];
			return new Shape(d);
		});
	}

	/** Max pooling with kernel = stride; ceil mode keeps the partial window at the end of each axis. */
	public static NDArray maxPool(NDArray x, int[] kernel, boolean ceil) {
		Shape k = shape(kernel);
		Shape pad = new Shape(new long[kernel.length]);
		return kernel.length == 2 ? Pool.maxPool2d(x, k, k, pad, ceil) : Pool.maxPool3d(x, k, k, pad, ceil);
	}

	static Shape shape(int[] v) {
		long[] l = new long[v.length];
		for (int i = 0; i < v.length; i++) l[i] = v[i];
		return new Shape(l);
	}

	static int[] ones(int dims) {
		int[] o = new int[dims];
		java.util.Arrays.fill(o, 1);
		return o;
	}
}
