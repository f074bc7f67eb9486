package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Tensor operations the DJL PyTorch engine lacks, rebuilt from ones it has (see djl-notes.md). Arrays are laid out
 * (N, C, spatial...), with 1, 2 or 3 spatial axes.
 */
public final class Ops {

	private Ops() {}

	/** Mean over several axes (the engine's mean takes only one): the sum over the axes divided by the count. */
	public static NDArray mean(NDArray x, int[] axes, boolean keepDims) {
		long count = 1;
		for (int a : axes) count *= x.getShape().get(a < 0 ? a + x.getShape().dimension() : a);
		return x.sum(axes, keepDims).div(count);
	}

	/**
	 * Depth-to-space with per-axis factors: (N, C*s1*...*sd, X1..Xd) to (N, C, X1*s1, ..., Xd*sd). Input channel
	 * c*S + (i1*s2*...*sd + ... + id) goes to output channel c at offset (i1, ..., id) inside each block.
	 */
	public static NDArray depthToSpace(NDArray x, int[] factors) {
		Shape in = x.getShape();
		int d = factors.length;
		long n = in.get(0);
		long block = 1;
		for (int f : factors) block *= f;
		long c = in.get(1) / block;
		long[] split = new long[2 + 2 * d];
		split[0] = n;
		split[1] = c;
		for (int a = 0; a < d; a++) {
			split[2 + a] = factors[a];
			split[2 + d + a] = in.get(2 + a);
		}
		int[] order = new int[2 + 2 * d];
		order[0] = 0;
		order[1] = 1;
		for (int a = 0; a < d; a++) {
			order[2 + 2 * a] = 2 + d + a; // the axis itself
			order[3 + 2 * a] = 2 + a; // then its offset inside the block
		}
		long[] out = new long[2 + d];
		out[0] = n;
		out[1] = c;
		for (int a = 0; a < d; a++) out[2 + a] = in.get(2 + a) * factors[a];
		return x.reshape(split).transpose(order).reshape(out);
	}

	/** Nearest-neighbour upsampling by integer factors per spatial axis (repeat; differentiable, any rank). */
	public static NDArray upsampleNearest(NDArray x, int[] factors) {
		NDArray y = x;
		for (int a = 0; a < factors.length; a++) {
			if (factors[a] != 1) y = y.repeat(2 + a, factors[a]);
		}
		return y;
	}

	/** The centre of x with the spatial size of {@code like} (for unpadded networks); x itself if the same. */
	public static NDArray centerCrop(NDArray x, Shape like) {
		Shape s = x.getShape();
		if (s.slice(2).equals(like.slice(2))) return x;
		StringBuilder index = new StringBuilder(":, :");
		for (int a = 2; a < s.dimension(); a++) {
			long offset = (s.get(a) - like.get(a)) / 2;
			index.append(", ").append(offset).append(':').append(offset + like.get(a));
		}
		return x.get(new NDIndex(index.toString()));
	}

	/** The first {@code size[a]} elements along each spatial axis. */
	public static NDArray cropStart(NDArray x, long[] size) {
		StringBuilder index = new StringBuilder(":, :");
		boolean same = true;
		for (int a = 0; a < size.length; a++) {
			index.append(", 0:").append(size[a]);
			same &= x.getShape().get(2 + a) == size[a];
		}
		return same ? x : x.get(new NDIndex(index.toString()));
	}

	/** LeakyReLU with the given negative slope. */
	public static NDArray leakyRelu(NDArray x, float slope) {
		return Activation.leakyRelu(x, slope);
	}

	/** Shape with the channel axis replaced. */
	static Shape withChannels(Shape s, long channels) {
		long[] d = s.getShape().clone();
		d[1] = channels;
		return new Shape(d);
	}
}
