package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CE-Net's dense atrous convolution block (Gu et al. 2019): four cascade branches of dilated convolutions with
 * rates 1, 3, 5 sharing weights as in the reference implementation, each ended by a shared 1x1 conv (except the
 * first), ReLU, summed with the input:
 * out = x + relu(d1(x)) + relu(c(d3(x))) + relu(c(d3(d1(x)))) + relu(c(d5(d3(d1(x))))).
 * The kernel may be anisotropic, e.g. (1, 3, 3); padding keeps the size.
 */
public final class DacBlock extends AbstractBlock {

	private final Block dilate1;
	private final Block dilate3;
	private final Block dilate5;
	private final Block pointwise;

	public DacBlock(int dims, int channels, int[] kernel) {
		dilate1 = addChildBlock("dilate1", dilated(dims, channels, kernel, 1));
		dilate3 = addChildBlock("dilate3", dilated(dims, channels, kernel, 3));
		dilate5 = addChildBlock("dilate5", dilated(dims, channels, kernel, 5));
		pointwise = addChildBlock("conv1x1", Layers.pointwise(dims, channels, true));
	}

	private static Block dilated(int dims, int channels, int[] kernel, int rate) {
		int[] dilation = new int[dims];
		java.util.Arrays.fill(dilation, rate);
		return Layers.conv(dims, channels, kernel, Layers.ones(dims), Layers.samePadding(kernel, rate), dilation, true);
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		for (Block b : new Block[] {dilate1, dilate3, dilate5, pointwise}) b.initialize(manager, dataType, inputShapes);
	}

	@Override
	protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
		NDArray x = inputs.head();
		NDArray a1 = apply(dilate1, ps, x, training);
		NDArray a3 = apply(dilate3, ps, x, training);
		NDArray a31 = apply(dilate3, ps, a1, training);
		NDArray a531 = apply(dilate5, ps, a31, training);
		NDArray sum = x.add(Activation.relu(a1));
		sum = sum.add(Activation.relu(apply(pointwise, ps, a3, training)));
		sum = sum.add(Activation.relu(apply(pointwise, ps, a31, training)));
		sum = sum.add(Activation.relu(apply(pointwise, ps, a531, training)));
		return new NDList(sum);
	}

	private static NDArray apply(Block b, ParameterStore ps, NDArray x, boolean training) {
		return b.forward(ps, new NDList(x), training).head();
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] {inputShapes[0]};
	}
}
