package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DeepLab's atrous spatial pyramid pooling (Chen et al. 2017/2018): in parallel a 1x1 conv, three atrous
 * depthwise-separable convs at increasing rates and image pooling (global average, 1x1 conv, broadcast back), all
 * to {@code width} channels, concatenated and fused by a 1x1 conv-IN-LeakyReLU. The image-pooling branch has no
 * normalisation (InstanceNorm of a 1-voxel map would return its shift only; the paper's BatchNorm normalises over
 * the batch).
 */
final class Aspp extends AbstractBlock {

	private final Block[] branches;
	private final Block imagePool;
	private final Block fuse;
	private final int dims;

	Aspp(int dims, int inChannels, int width, int[] kernel, int[] rates) {
		this.dims = dims;
		int[] one = Layers.ones(dims);
		branches = new Block[rates.length + 1];
		branches[0] = addChildBlock("conv1x1", Layers.convNormAct(dims, width, one, one));
		for (int r = 0; r < rates.length; r++) {
			branches[r + 1] = addChildBlock("atrous" + rates[r], SeparableConv.of(dims, inChannels, width, kernel,
					SeparableConv.dilation(kernel, rates[r])));
		}
		imagePool = addChildBlock("imagePool", Layers.convAct(dims, width, one));
		fuse = addChildBlock("fuse", Layers.convNormAct(dims, width, one, one));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		for (Block b : branches) b.initialize(manager, dataType, inputShapes);
		long[] pooled = inputShapes[0].getShape().clone();
		for (int a = 2; a < pooled.length; a++) pooled[a] = 1;
		imagePool.initialize(manager, dataType, new Shape(pooled));
		fuse.initialize(manager, dataType, concatShape(inputShapes[0]));
	}

	private Shape concatShape(Shape in) {
		long width = branches[0].getOutputShapes(new Shape[] {in})[0].get(1);
		return Ops.withChannels(in, width * (branches.length + 1));
	}

	@Override
	protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
		NDArray x = inputs.head();
		NDList parts = new NDList();
		for (Block b : branches) parts.add(SegmentationNetwork.apply(b, ps, x, training));
		int[] spatial = new int[dims];
		for (int a = 0; a < dims; a++) spatial[a] = 2 + a;
		NDArray pooled = SegmentationNetwork.apply(imagePool, ps, Ops.mean(x, spatial, true), training);
		parts.add(pooled.broadcast(Ops.withChannels(x.getShape(), pooled.getShape().get(1))));
		return fuse.forward(ps, new NDList(NDArrays.concat(parts, 1)), training);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return fuse.getOutputShapes(new Shape[] {concatShape(inputShapes[0])});
	}
}
