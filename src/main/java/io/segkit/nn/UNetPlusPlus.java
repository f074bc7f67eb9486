package io.segkit.nn;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

/**
 * UNet++ (Zhou et al. 2018): nested, dense skip pathways. Node X(i, j) at depth i and column j: X(i, 0) is the
 * plain U-Net's encoder stage i (conv-IN-LeakyReLU twice, the first strided); for j >= 1,
 * X(i, j) = two conv-IN-LeakyReLU with features[i] on [X(i, 0), ..., X(i, j - 1), Up(X(i + 1, j - 1))], Up a
 * transposed convolution with kernel = stride to features[i] (as the U-Net's).
 * <p>
 * Deep supervision: a 1x1 head on every X(0, j), j >= 1, all at full resolution; outputs are the deepest column
 * first (X(0, n - 1), used for inference), then the shallower ones, and the loss averages them with equal weights
 * as the paper. Without deep supervision only X(0, n - 1) has a head. The paper's max-pooling is replaced by
 * nnU-Net's strided convs, its BatchNorm by InstanceNorm.
 */
public class UNetPlusPlus extends SegmentationNetwork {

	private final int depth;
	private final Block[][] nodes;
	private final Block[][] ups;
	private final Block[] heads;

	public UNetPlusPlus(NetworkConfig config) {
		super(config);
		int d = config.dims();
		depth = config.stages();
		nodes = new Block[depth][depth];
		ups = new Block[depth][depth];
		heads = new Block[depth];
		for (int j = 0; j < depth; j++) {
			for (int i = 0; i + j < depth; i++) {
				int f = config.feature(i);
				int[] k = config.kernel(i);
				int[] stride = j == 0 ? config.stride(i) : Layers.ones(d);
				nodes[i][j] = addChildBlock("x" + i + "_" + j, new SequentialBlock().add(Layers.convNormAct(d, f, k,
						stride)).add(Layers.convNormAct(d, f, k, Layers.ones(d))));
				if (j > 0) ups[i][j] = addChildBlock("up" + i + "_" + j, new UpConv(d, f, config.stride(i + 1)));
			}
			if (j > 0 && (j == depth - 1 || config.deepSupervision())) {
				heads[j] = addChildBlock("head" + j, Layers.pointwise(d, config.classes(), true));
			}
		}
	}

	@Override
	public double[] lossWeights() {
		double[] w = new double[outputCount()];
		Arrays.fill(w, 1.0 / w.length);
		return w;
	}

	@Override
	protected Shape[] walk(Shape input, NDManager manager, DataType dataType) {
		Shape[][] x = new Shape[depth][depth];
		for (int j = 0; j < depth; j++) {
			for (int i = 0; i + j < depth; i++) {
				Shape in;
				if (j == 0) in = i == 0 ? input : x[i - 1][0];
				else {
					Shape up = init(ups[i][j], x[i + 1][j - 1], manager, dataType);
					in = Ops.withChannels(up, (long) (j + 1) * config.feature(i));
				}
				x[i][j] = init(nodes[i][j], in, manager, dataType);
			}
		}
		Shape[] out = new Shape[outputCount()];
		for (int k = 0; k < out.length; k++) {
			out[k] = init(heads[depth - 1 - k], x[0][depth - 1 - k], manager, dataType);
		}
		return out;
	}

	@Override
	protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
		NDArray[][] x = new NDArray[depth][depth];
		for (int j = 0; j < depth; j++) {
			for (int i = 0; i + j < depth; i++) {
				NDArray in;
				if (j == 0) in = i == 0 ? inputs.head() : x[i - 1][0];
				else {
					NDList parts = new NDList();
					for (int k = 0; k < j; k++) parts.add(x[i][k]);
					parts.add(apply(ups[i][j], ps, x[i + 1][j - 1], training));
					in = NDArrays.concat(parts, 1);
				}
				x[i][j] = apply(nodes[i][j], ps, in, training);
			}
		}
		NDList out = new NDList();
		for (int k = 0; k < outputCount(); k++) out.add(apply(heads[depth - 1 - k], ps, x[0][depth - 1 - k], training));
		return out;
	}
}
