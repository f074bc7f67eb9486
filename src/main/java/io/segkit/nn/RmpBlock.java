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
 * CE-Net's residual multi-kernel pooling (Gu et al. 2019): max-pooling with kernel = stride 2, 3, 5 and 6, a shared
 * 1x1 conv to one channel each, up-sampled back to the input size and concatenated before the input:
 * C channels in, C + 4 out. Up-sampling is nearest neighbour (each pixel takes its pooling window's value; the
 * paper uses bilinear, which the engine lacks on 5-D arrays); pools use ceil mode so no border is lost, and a
 * kernel never exceeds the axis length (thin anisotropic axes).
 */
public final class RmpBlock extends AbstractBlock {

	static final int[] KERNELS = {2, 3, 5, 6};

	private final int dims;
	private final Block pointwise;

	public RmpBlock(int dims) {
		this.dims = dims;
		pointwise = addChildBlock("conv1x1", Layers.pointwise(dims, 1, true));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		pointwise.initialize(manager, dataType, inputShapes);
	}

	@Override
	protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
		NDArray x = inputs.head();
		long[] size = x.getShape().slice(2).getShape().clone();
		NDList parts = new NDList();
		for (int k : KERNELS) {
			int[] kernel = new int[dims];
			for (int a = 0; a < dims; a++) kernel[a] = (int) Math.min(k, size[a]);
			NDArray pooled = Layers.maxPool(x, kernel, true);
			NDArray map = pointwise.forward(ps, new NDList(pooled), training).head();
			parts.add(Ops.cropStart(Ops.upsampleNearest(map, kernel), size));
		}
		parts.add(x);
		return new NDList(NDArrays.concat(parts, 1));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] {Ops.withChannels(inputShapes[0], inputShapes[0].get(1) + KERNELS.length)};
	}
}
