package io.segkit.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The residual encoder FCN, DeepLabv3+, PSPNet and RefineNet share: ResNet-18's layout (two basic
 * {@link ResidualBlock}s per stage, the first strided) on SegKit's configurable stages, so kernels and per-axis
 * strides come from the {@link NetworkConfig} like the U-Nets'. Stage 0 (full resolution): a conv-IN-LeakyReLU stem
 * and one residual block; stage s > 0: a residual block strided by strides[s], then a second one. Depths 3, 4, 6, 3
 * instead of 2 would give ResNet-34; SegKit uses ResNet-18's depth (the CPU cost per stage). ResNet's 7x7 stride-2
 * stem and max-pool are replaced by the configured stages, BatchNorm by InstanceNorm, ReLU by LeakyReLU (small
 * batches, as the project's other blocks); no pretrained weights.
 * <p>
 * Atrous stages (DeepLab, PSPNet): once an axis has been down-sampled by {@code outputStride}, later strides on it
 * become dilations (the stage keeps the resolution, its convs see as far as the strided ones would). Outputs: the
 * feature map of every stage, highest resolution first.
 */
final class ResNetEncoder extends AbstractBlock {

	/** No atrous stages. */
	static final int NO_DILATION = Integer.MAX_VALUE;

	private final List<Block> stages = new ArrayList<>();
	private final int[][] strides;
	private final int[][] dilations;

	ResNetEncoder(NetworkConfig config, int outputStride) {
		int d = config.dims();
		int n = config.stages();
		strides = new int[n][];
		dilations = new int[n][];
		int[] reached = Layers.ones(d);
		int[] dilation = Layers.ones(d);
		for (int s = 0; s < n; s++) {
			strides[s] = config.stride(s);
			for (int a = 0; a < d; a++) {
				if ((long) reached[a] * strides[s][a] > outputStride) {
					dilation[a] *= strides[s][a];
					strides[s][a] = 1;
				}
				reached[a] *= strides[s][a];
			}
			dilations[s] = dilation.clone();
			stages.add(addChildBlock("stage" + s, stage(config, s)));
		}
	}

	private SequentialBlock stage(NetworkConfig c, int s) {
		int d = c.dims();
		int f = c.feature(s);
		int[] k = c.kernel(s);
		int[] one = Layers.ones(d);
		if (s == 0) {
			return new SequentialBlock().add(Layers.convNormAct(d, f, k, one)).add(new ResidualBlock(d, f, f, k, one));
		}
		// an atrous stage's first block keeps the previous dilation, the second uses the new one (as DeepLab's
		// dilated ResNets)
		return new SequentialBlock().add(new ResidualBlock(d, c.feature(s - 1), f, k, strides[s], dilations[s - 1]))
				.add(new ResidualBlock(d, f, f, k, one, dilations[s]));
	}

	/**
	 * The deepest stage, at most {@code last}, whose map is down-sampled by no more than {@code stride} on every
	 * axis (0 when even stage 1 exceeds it): where a decoder taps "the stride-4 features" or FCN stops fusing.
	 */
	static int stageWithin(NetworkConfig c, int stride, int last) {
		long[] reached = new long[c.dims()];
		java.util.Arrays.fill(reached, 1);
		int found = 0;
		for (int s = 1; s <= last; s++) {
			boolean within = true;
			for (int a = 0; a < reached.length; a++) {
				reached[a] *= c.stride(s)[a];
				within &= reached[a] <= stride;
			}
			if (!within) break;
			found = s;
		}
		return found;
	}

	/** The stride stage s really applies per axis (1 where it became a dilation). */
	int[] stride(int s) {
		return strides[s].clone();
	}

	/** Per axis, the up-sampling from stage {@code from}'s map to stage {@code to}'s (to < from). */
	int[] upFactor(int from, int to) {
		return Ops.product(strides, to, from, strides[0].length);
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape x = inputShapes[0];
		for (Block b : stages) {
			b.initialize(manager, dataType, x);
			x = b.getOutputShapes(new Shape[] {x})[0];
		}
	}

	@Override
	protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
		NDArray x = inputs.head();
		NDList out = new NDList();
		for (Block b : stages) {
			x = b.forward(ps, new NDList(x), training).head();
			out.add(x);
		}
		return out;
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		Shape[] out = new Shape[stages.size()];
		Shape x = inputShapes[0];
		for (int s = 0; s < out.length; s++) {
			x = stages.get(s).getOutputShapes(new Shape[] {x})[0];
			out[s] = x;
		}
		return out;
	}
}
