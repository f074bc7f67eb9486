package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
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

	/**
	 * Linear interpolation by integer factors per spatial axis, PyTorch's {@code interpolate(mode='linear'/'bilinear'/
	 * 'trilinear', align_corners=False)} rule: output voxel i of an axis samples the input at (i + 0.5) / f - 0.5,
	 * clamped to the axis. Built from shifted copies and repeats (the engine has no interpolation on 5-D arrays);
	 * differentiable, any rank. Separable, one axis after the other.
	 */
	public static NDArray upsampleLinear(NDArray x, int[] factors) {
		NDArray y = x;
		for (int a = 0; a < factors.length; a++) {
			if (factors[a] != 1) y = upsampleLinearAxis(y, 2 + a, factors[a]);
		}
		return y;
	}

	private static NDArray upsampleLinearAxis(NDArray x, int axis, int f) {
		long n = x.getShape().get(axis);
		NDArray previous = concat(slice(x, axis, 0, 1), slice(x, axis, 0, n - 1), axis); // x[max(j - 1, 0)]
		NDArray next = concat(slice(x, axis, 1, n), slice(x, axis, n - 1, n), axis); // x[min(j + 1, n - 1)]
		float[] self = new float[(int) (n * f)], toNext = new float[self.length], toPrevious = new float[self.length];
		for (int i = 0; i < self.length; i++) {
			float t = ((i % f) + 0.5f) / f - 0.5f; // offset from the source voxel, in source voxels
			self[i] = 1 - Math.abs(t);
			toNext[i] = Math.max(t, 0);
			toPrevious[i] = Math.max(-t, 0);
		}
		return x.repeat(axis, f).mul(along(x, axis, self)).add(next.repeat(axis, f).mul(along(x, axis, toNext))).add(
				previous.repeat(axis, f).mul(along(x, axis, toPrevious)));
	}

	/** Weights along one axis, shaped to broadcast over the others. */
	private static NDArray along(NDArray like, int axis, float[] w) {
		long[] shape = new long[like.getShape().dimension()];
		java.util.Arrays.fill(shape, 1);
		shape[axis] = w.length;
		return like.getManager().create(w, new Shape(shape));
	}

	/**
	 * PyTorch's {@code adaptive_avg_pool}: bin i of an axis of size n averages [floor(i n / b), ceil((i + 1) n / b));
	 * when b does not divide n the windows differ in size by one and neighbouring windows may overlap. Exact
	 * per axis (a box mean is the mean of the means along each axis); any b >= 1, also above n.
	 */
	public static NDArray adaptiveAvgPool(NDArray x, int[] bins) {
		NDArray y = x;
		for (int a = 0; a < bins.length; a++) {
			int axis = 2 + a;
			long n = y.getShape().get(axis);
			NDList parts = new NDList();
			for (int i = 0; i < bins[a]; i++) {
				long start = Math.floorDiv(i * n, bins[a]);
				long end = -Math.floorDiv(-(i + 1) * n, bins[a]);
				parts.add(slice(y, axis, start, end).sum(new int[] {axis}, true).div(end - start));
			}
			y = NDArrays.concat(parts, axis);
		}
		return y;
	}

	/**
	 * PyTorch's {@code interpolate(mode='nearest')} to a given spatial size: output voxel i of an axis takes input
	 * voxel floor(i * in / out), computed exactly in integers. Meant for small inputs (pooled bins): one slice per
	 * input voxel.
	 */
	public static NDArray resizeNearest(NDArray x, long[] size) {
		NDArray y = x;
		for (int a = 0; a < size.length; a++) {
			int axis = 2 + a;
			long in = y.getShape().get(axis);
			if (in == size[a]) continue;
			NDList parts = new NDList();
			for (long j = 0; j < in; j++) {
				long first = -Math.floorDiv(-j * size[a], in); // the outputs i with floor(i in / out) == j
				long end = -Math.floorDiv(-(j + 1) * size[a], in);
				if (end > first) parts.add(slice(y, axis, j, j + 1).repeat(axis, end - first));
			}
			y = NDArrays.concat(parts, axis);
		}
		return y;
	}

	/**
	 * Where max pooling with kernel = stride (floor mode) took each window's value: 1 at the window's first maximum
	 * in PyTorch's scan order (the last axis fastest, as its max-pool indices), 0 elsewhere and on the border left
	 * over by floor mode; the shape of {@code x}. The engine's max pool returns no indices; this derives them from
	 * the input and the pooled maxima: among the voxels equal to their window's maximum, the one with the lowest
	 * scan position wins (a second max pool over the scores (window size - position)).
	 */
	public static NDArray maxPoolFirstMaxMask(NDArray x, NDArray pooled, int[] kernel) {
		long[] covered = pooled.getShape().slice(2).getShape().clone();
		for (int a = 0; a < kernel.length; a++) covered[a] *= kernel[a];
		NDArray inside = cropStart(x, covered);
		NDArray isMax = inside.eq(upsampleNearest(pooled, kernel)).toType(DataType.FLOAT32, false);
		NDArray score = isMax.mul(firstIsHighest(x, covered, kernel));
		NDArray best = upsampleNearest(Layers.maxPool(score, kernel, false), kernel);
		NDArray mask = score.eq(best).toType(DataType.FLOAT32, false);
		return padEnd(mask, x.getShape().slice(2).getShape());
	}

	/**
	 * PyTorch's {@code max_unpool} with the indices of {@link #maxPoolFirstMaxMask}: each value goes to where its
	 * window's maximum was; zeros elsewhere. {@code values} has the pooled shape (any channels equal to the mask's).
	 */
	public static NDArray maxUnpool(NDArray values, NDArray mask, int[] kernel) {
		NDArray up = padEnd(upsampleNearest(values, kernel), mask.getShape().slice(2).getShape());
		return up.mul(mask);
	}

	/** (size of the window - scan position in the window) per voxel: the first voxel scores highest. */
	private static NDArray firstIsHighest(NDArray like, long[] covered, int[] kernel) {
		int window = 1;
		for (int k : kernel) window *= k;
		int total = 1;
		for (long c : covered) total *= (int) c;
		float[] v = new float[total];
		int[] p = new int[covered.length];
		for (int i = 0; i < total; i++) {
			int rest = i, position = 0;
			for (int a = covered.length - 1; a >= 0; a--) {
				p[a] = (int) (rest % covered[a]);
				rest /= (int) covered[a];
			}
			for (int a = 0; a < covered.length; a++) position = position * kernel[a] + p[a] % kernel[a];
			v[i] = window - position;
		}
		long[] shape = new long[2 + covered.length];
		shape[0] = 1;
		shape[1] = 1;
		System.arraycopy(covered, 0, shape, 2, covered.length);
		return like.getManager().create(v, new Shape(shape));
	}

	/** Zeros appended at the end of each spatial axis up to {@code size}. */
	static NDArray padEnd(NDArray x, long[] size) {
		NDArray y = x;
		for (int a = 0; a < size.length; a++) {
			long missing = size[a] - y.getShape().get(2 + a);
			if (missing <= 0) continue;
			long[] zeros = y.getShape().getShape().clone();
			zeros[2 + a] = missing;
			y = concat(y, y.getManager().zeros(new Shape(zeros), y.getDataType()), 2 + a);
		}
		return y;
	}

	/** Elements [from, to) along one axis. */
	static NDArray slice(NDArray x, int axis, long from, long to) {
		StringBuilder index = new StringBuilder();
		for (int a = 0; a < axis; a++) index.append(":, ");
		index.append(from).append(':').append(to);
		return x.get(new NDIndex(index.toString()));
	}

	private static NDArray concat(NDArray a, NDArray b, int axis) {
		return NDArrays.concat(new NDList(a, b), axis);
	}

	/** The product of per-axis factors over stages (from, to]: the up-sampling between two stages. */
	static int[] product(int[][] perStage, int from, int to, int dims) {
		int[] f = Layers.ones(dims);
		for (int s = from + 1; s <= to; s++) for (int a = 0; a < dims; a++) f[a] *= perStage[s][a];
		return f;
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
