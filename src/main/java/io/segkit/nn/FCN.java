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
 * transposed convolution and added to the scores of the stage above, stage by stage up to the stage at stride 8
 * (the paper's pool3; two skips on VGG's stride-32 bottom, more on the planner's deeper networks, fewer on shallow
 * ones); the sum is then up-sampled to the input size by fixed linear interpolation, as the paper's final, frozen
 * bilinear layer. {@code outputStride} 32 gives FCN-32s, 16 FCN-16s, 8 FCN-8s (the architecture SegKit selects).
 * <p>
 * Deviation: the learned up-sampling has kernel = stride ({@link UpConv}; the engine has no transposed convolution,
 * the paper's overlapping 2x-stride kernels initialised to bilinear would need zero insertion); outputs no deep
 * supervision.
 */
public class FCN extends SegmentationNetwork {

	/** FCN-8s: skips are fused down to the stage at stride 8 (the paper's pool3). */
	public static final int FCN_8S = 8;

	private final ResNetEncoder encoder;
	private final int deepest;
	private final int finest; // the stage the fused scores end at
	private final Block[] scores;
	private final Block[] ups;

	public FCN(NetworkConfig config) {
		this(config, FCN_8S);
	}

	FCN(NetworkConfig config, int outputStride) {
		super(config);
		int n = config.stages();
		deepest = n - 1;
		finest = ResNetEncoder.stageWithin(config, outputStride, deepest);
		encoder = addChildBlock("encoder", new ResNetEncoder(config, ResNetEncoder.NO_DILATION));
		scores = new Block[n];
		ups = new Block[n];
		for (int s = deepest; s >= finest; s--) {
			scores[s] = addChildBlock("score" + s, Layers.pointwise(config.dims(), config.classes(), true));
			if (s == finest) continue;
			ups[s] = addChildBlock("up" + s, new UpConv(config.dims(), config.classes(), config.stride(s)));
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
}
