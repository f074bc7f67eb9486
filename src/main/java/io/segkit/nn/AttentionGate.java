package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Additive attention gate (Oktay et al. 2018, grid attention). Inputs: the skip features x (F_l channels) and the
 * gating features g from the next coarser stage (any channels, spatial size of x divided by the stride).
 * q = ReLU(theta(x) + phi(g)) with theta a bias-free conv of kernel = stride (F_int channels) and phi a 1x1 conv;
 * alpha = sigmoid(psi(q)) with psi a 1x1 conv to one channel; alpha is up-sampled to x's size (nearest
 * neighbour: the engine has no trilinear interpolation on 5-D arrays) and the output is W(alpha * x), W a 1x1 conv
 * followed by InstanceNorm (the paper uses BatchNorm; instance norm suits the small batches here).
 */
public final class AttentionGate extends AbstractBlock {

	private final int[] stride;
	private final Block theta;
	private final Block phi;
	private final Block psi;
	private final Block output;

	public AttentionGate(int dims, int skipChannels, int intermediateChannels, int[] stride) {
		this.stride = stride.clone();
		theta = addChildBlock("theta", Layers.conv(dims, intermediateChannels, stride, stride, new int[dims], false));
		phi = addChildBlock("phi", Layers.pointwise(dims, intermediateChannels, true));
		psi = addChildBlock("psi", Layers.pointwise(dims, 1, true));
		output = addChildBlock("output", new SequentialBlock().add(Layers.pointwise(dims, skipChannels, true)).add(
				new InstanceNorm()));
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		theta.initialize(manager, dataType, inputShapes[0]);
		phi.initialize(manager, dataType, inputShapes[1]);
		psi.initialize(manager, dataType, theta.getOutputShapes(new Shape[] {inputShapes[0]}));
		output.initialize(manager, dataType, inputShapes[0]);
	}

	@Override
	protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
		NDArray x = inputs.get(0);
		NDArray g = inputs.get(1);
		NDArray q = Activation.relu(theta.forward(ps, new NDList(x), training).head().add(phi.forward(ps,
				new NDList(g), training).head()));
		NDArray alpha = Activation.sigmoid(psi.forward(ps, new NDList(q), training).head());
		NDArray gated = x.mul(Ops.upsampleNearest(alpha, stride));
		return output.forward(ps, new NDList(gated), training);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] {inputShapes[0]};
	}

	/** The attention coefficients alpha for inputs (x, g), at g's resolution; for inspection and tests. */
	public NDArray attention(ParameterStore ps, NDArray x, NDArray g) {
		NDArray q = Activation.relu(theta.forward(ps, new NDList(x), false).head().add(phi.forward(ps, new NDList(g),
				false).head()));
		return Activation.sigmoid(psi.forward(ps, new NDList(q), false).head());
	}
}
