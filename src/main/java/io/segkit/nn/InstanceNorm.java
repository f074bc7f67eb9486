package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Instance normalisation with a learned per-channel scale and shift (PyTorch InstanceNorm with affine=True, no
 * running statistics): each (sample, channel) is normalised over its spatial axes with the biased variance,
 * y = (x - mean) / sqrt(var + eps) * gamma + beta. Missing from DJL's PyTorch engine, so computed as PyTorch's
 * own instance_norm does it: batch_norm in training mode on the input reshaped to (1, N*C, spatial...) (see
 * {@link #fused}); {@link #reference} is the element-wise definition, used when a channel has a single value.
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
		NDArray g = ps.getValue(gamma, x.getDevice(), training);
		NDArray b = ps.getValue(beta, x.getDevice(), training);
		return new NDList(x.getShape().slice(2).size() > 1 ? fused(x, g, b, eps) : reference(x, g, b, eps));
	}

	/**
	 * PyTorch's own instance norm: the input seen as (1, N*C, spatial...) is batch-normalised with batch statistics
	 * (training mode), which are exactly the per-(sample, channel) statistics, with gamma and beta tiled N times.
	 * One native kernel forward and backward instead of about ten element-wise passes. The running statistics that
	 * batch_norm insists on are throw-away buffers. Needs more than one value per channel.
	 */
	static NDArray fused(NDArray x, NDArray g, NDArray b, float eps) {
		Shape shape = x.getShape();
		long n = shape.get(0);
		long nc = n * shape.get(1);
		NDManager manager = x.getManager();
		long[] flat = shape.getShape().clone();
		flat[0] = 1;
		flat[1] = nc;
		NDArray gn = tiled(g, n, manager);
		NDArray bn = tiled(b, n, manager);
		NDArray runningMean = manager.zeros(new Shape(nc));
		NDArray runningVar = manager.ones(new Shape(nc));
		// axis -1: the PyTorch engine then hands the array to batch_norm as it is (channels on axis 1)
		NDArray y = BatchNorm.batchNorm(x.reshape(flat), runningMean, runningVar, gn, bn, -1, 0.1f, eps, true)
				.singletonOrThrow();
		return y.reshape(shape);
	}

	/** The tensor repeated n times along its only axis, owned by {@code manager} (not the parameter's). */
	private static NDArray tiled(NDArray v, long n, NDManager manager) {
		NDArray t = n == 1 ? v.reshape(-1) : v.tile(n);
		t.attach(manager);
		return t;
	}

	/** The definition, element-wise: (x - mean) / sqrt(biased var + eps) * gamma + beta per (sample, channel). */
	static NDArray reference(NDArray x, NDArray g, NDArray b, float eps) {
		Shape shape = x.getShape();
		long n = shape.get(0);
		long c = shape.get(1);
		NDArray flat = x.reshape(n, c, -1);
		NDArray centred = flat.sub(flat.mean(new int[] {2}, true));
		NDArray var = centred.square().mean(new int[] {2}, true);
		NDArray normalised = centred.div(var.add(eps).sqrt()).reshape(shape);
		long[] affine = new long[shape.dimension()];
		java.util.Arrays.fill(affine, 1);
		affine[1] = c;
		NDArray ga = g.reshape(affine);
		NDArray ba = b.reshape(affine);
		ga.attach(x.getManager());
		ba.attach(x.getManager());
		return normalised.mul(ga).add(ba);
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
