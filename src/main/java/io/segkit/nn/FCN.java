package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * FCN (Long et al. 2015) on the shared {@link ResNetEncoder} (the paper's VGG-16 is replaced by the residual
 * encoder; no pretrained weights). FCN-8s: class scores (1x1 conv) of the deepest stage, up-sampled by a learned
 * transposed convolution and added to the scores of the stage above, twice; the sum is then up-sampled to the input
 * size by fixed linear interpolation, as the paper's final, frozen bilinear layer. {@code fusedSkips} 0 gives
 * FCN-32s, 1 FCN-16s, 2 FCN-8s (the architecture SegKit selects); never more than the stages allow.
 * <p>
 * Deviation: the learned up-sampling has kernel = stride ({@link UpConv}; the engine has no transposed convolution,
 * the paper's overlapping 2x-stride kernels initialised to bilinear would need zero insertion); outputs no deep
 * supervision.
 */
public class FCN extends SegmentationNetwork {

	/** Skips FCN-8s fuses (the pool4 and pool3 scores of the paper). */
	public static final int FCN_8S = 2;

	private final ResNetEncoder encoder;
	private final int deepest;
	private final int finest; // the stage the fused scores end at
	private final Block[] scores;
	private final Block[] ups;

	public FCN(NetworkConfig config) {
		this(config, FCN_8S);
	}

	FCN(NetworkConfig config, int fusedSkips) {
		super(config);
		int n = config.stages();
		deepest = n - 1;
		finest = Math.max(0, deepest - fusedSkips);
		encoder = addChildBlock("encoder", new ResNetEncoder(config, ResNetEncoder.NO_DILATION));
		scores = new Block[n];
		ups = new Block[n];
		for (int s = deepest; s >= finest; s--) {
			scores[s] = addChildBlock("score" + s, Layers.pointwise(config.dims(), config.classes(), true));
			if (s > finest) ups[s] = addChildBlock("up" + s, new UpConv(config.dims(), config.classes(), config.stride(s)));
		}
	}

	@Override
	public int outputCount() {
		return 1;
	}

	@Override
	protected Shape[] walk(Shape input, NDManager manager, DataType dataType) {
		Shape[] features = init(encoder, input, manager, dataType);
		Shape y = init(scores[deepest], features[deepest], manager, dataType);
		for (int s = deepest; s > finest; s--) {
			y = init(ups[s], y, manager, dataType);
			init(scores[s - 1], features[s - 1], manager, dataType);
		}
		return new Shape[] {Ops.withChannels(input, config.classes())};
	}

	@Override
	protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
		NDList features = encoder.forward(ps, inputs, training);
		NDArray y = apply(scores[deepest], ps, features.get(deepest), training);
		for (int s = deepest; s > finest; s--) {
			y = apply(ups[s], ps, y, training).add(apply(scores[s - 1], ps, features.get(s - 1), training));
		}
		return new NDList(Ops.upsampleLinear(y, encoder.upFactor(finest, 0)));
	}

	static NDArray apply(Block b, ParameterStore ps, NDArray x, boolean training) {
		return b.forward(ps, new NDList(x), training).head();
	}
}
