package io.segkit.nn;

import ai.djl.nn.SequentialBlock;

/**
 * Depthwise-separable convolution as DeepLabv3+ (Xception) uses it: a depthwise conv (one k x k filter per input
 * channel, groups = channels, optionally dilated), IN, LeakyReLU, then a 1x1 conv mixing channels, IN, LeakyReLU.
 * Without the norm and activation in between it equals a dense conv whose kernel factors as
 * W[o, c] = P[o, c] D[c] (tested); it costs C k^d + C C' weights instead of C C' k^d.
 */
final class SeparableConv {

	private SeparableConv() {}

	static SequentialBlock of(int dims, int inChannels, int filters, int[] kernel, int[] dilation) {
		return new SequentialBlock().add(Layers.groupedConv(dims, inChannels, kernel, dilation, inChannels, true)).add(
				new InstanceNorm()).add(Layers.leakyRelu()).add(Layers.pointwise(dims, filters, true)).add(
						new InstanceNorm()).add(Layers.leakyRelu());
	}

	/** Dilation {@code rate} on the axes the kernel spans, 1 where the kernel is 1 (thin anisotropic axes). */
	static int[] dilation(int[] kernel, int rate) {
		int[] d = new int[kernel.length];
		for (int a = 0; a < d.length; a++) d[a] = kernel[a] > 1 ? rate : 1;
		return d;
	}
}
