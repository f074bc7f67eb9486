package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Instance normalisation with a learned per-channel scale and shift (PyTorch InstanceNorm with affine=True, no
 * running statistics): each (sample, channel) is normalised over its spatial axes with the biased variance,
 * y = (x - mean) / sqrt(var + eps) * gamma + beta. Missing from DJL's PyTorch engine, so built from reshape and
 * one-axis means.
 */
public final class InstanceNorm extends AbstractBlock {

	/** nnU-Net's epsilon. */
	public static final float DEFAULT_EPS = 1e-5f;

	private final float eps;
	private final Parameter gamma;
	private final Parameter beta;

	public InstanceNorm() {
		this(DEFAULT_EPS);
	}

	public InstanceNorm(float eps) {
		this.eps = eps;
		gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
		beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
	}

	@Override
	protected void prepare(Shape[] inputShapes) {
		Shape c = new Shape(inputShapes[0].get(1));
		gamma.setShape(c);
		beta.setShape(c);
	}

	@Override
	protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
		NDArray x = inputs.singletonOrThrow();
		Shape shape = x.getShape();
		long n = shape.get(0);
		long c = shape.get(1);
		NDArray flat = x.reshape(n, c, -1);
		NDArray centred = flat.sub(flat.mean(new int[] {2}, true));
		NDArray var = centred.square().mean(new int[] {2}, true);
		NDArray normalised = centred.div(var.add(eps).sqrt()).reshape(shape);
		NDArray g = Ops.perChannel(ps, gamma, x, training);
		NDArray b = Ops.perChannel(ps, beta, x, training);
		return new NDList(normalised.mul(g).add(b));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] {inputShapes[0]};
	}

	@Override
	public String toString() {
		return "InstanceNorm(eps=" + eps + ")";
	}
}
