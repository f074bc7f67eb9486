package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A ResNet basic block in SegKit's norm and activation: conv(stride)-IN-LeakyReLU-conv-IN plus a shortcut (a strided
 * bias-free 1x1 conv + IN when the stride or channel count changes, else the identity), then LeakyReLU.
 */
public final class ResidualBlock extends AbstractBlock {

	private final Block body;
	private final Block shortcut;

	public ResidualBlock(int dims, int inChannels, int filters, int[] kernel, int[] stride) {
		this(dims, inChannels, filters, kernel, stride, Layers.ones(dims));
	}

	/** A block whose two convs are dilated (the atrous stages of DeepLab and PSPNet encoders). */
	public ResidualBlock(int dims, int inChannels, int filters, int[] kernel, int[] stride, int[] dilation) {
		int[] one = Layers.ones(dims);
		body = addChildBlock("body", new SequentialBlock().add(Layers.convNormAct(dims, filters, kernel, stride,
				dilation)).add(Layers.conv(dims, filters, kernel, one, Layers.samePadding(kernel, dilation), dilation,
						true)).add(new InstanceNorm()));
		boolean project = inChannels != filters || !java.util.Arrays.equals(stride, one);
		shortcut = project ? addChildBlock("shortcut", new SequentialBlock().add(Layers.conv(dims, filters, one, stride,
				new int[dims], false)).add(new InstanceNorm())) : null;
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		body.initialize(manager, dataType, inputShapes);
		if (shortcut != null) shortcut.initialize(manager, dataType, inputShapes);
	}

	@Override
	protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
		NDArray x = inputs.head();
		NDArray y = body.forward(ps, inputs, training).head();
		NDArray s = shortcut == null ? x : shortcut.forward(ps, inputs, training).head();
		return new NDList(Activation.leakyRelu(y.add(s), Layers.LEAKY_SLOPE));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return body.getOutputShapes(inputShapes);
	}
}
