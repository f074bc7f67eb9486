package io.segkit.nn;

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
 * DeepLabv3+ (Chen et al. 2018) on the shared {@link ResNetEncoder} with output stride 16 (later strides become
 * dilations, the atrous convolution), {@link Aspp} on the deepest features (width: half its channels; the paper's
 * 256 of 2048), and the decoder: the ASPP output up-sampled linearly to the low-level stage (the one at stride 4 as
 * the paper, or the deepest stage above the bottom on shallow networks), concatenated with the low-level features
 * reduced by a 1x1 conv to 3/16 of their channels (the paper's 48 of 256), two 3x3 depthwise-separable convs, a 1x1
 * head, and linear up-sampling to the input size.
 * <p>
 * Deviations: ASPP rates 3, 6, 9 instead of 6, 12, 18: the paper's rates are for 33-voxel maps (513 crops at stride
 * 16), SegKit's bottom maps are about half that (the planner's patches), and larger rates only sample padding;
 * InstanceNorm + LeakyReLU for BatchNorm + ReLU; no pretrained weights; no deep supervision.
 */
public class DeepLabV3Plus extends SegmentationNetwork {

	static final int OUTPUT_STRIDE = 16;
	static final int[] RATES = {3, 6, 9};

	private final ResNetEncoder encoder;
	private final int deepest;
	private final int lowLevel;
	private final Block aspp;
	private final Block reduce;
	private final Block decoder;
	private final Block head;

	public DeepLabV3Plus(NetworkConfig config) {
		super(config);
		int d = config.dims();
		int n = config.stages();
		deepest = n - 1;
		lowLevel = lowLevelStage(config);
		int width = Math.max(1, config.feature(deepest) / 2);
		int lowWidth = Math.max(1, config.feature(lowLevel) * 3 / 16);
		int[] one = Layers.ones(d);
		encoder = addChildBlock("encoder", new ResNetEncoder(config, OUTPUT_STRIDE));
		aspp = addChildBlock("aspp", new Aspp(d, config.feature(deepest), width, config.kernel(deepest), RATES));
		reduce = addChildBlock("reduce", Layers.convNormAct(d, lowWidth, one, one));
		int[] k = config.kernel(lowLevel);
		decoder = addChildBlock("decoder", new SequentialBlock().add(SeparableConv.of(d, width + lowWidth, width, k,
				one)).add(SeparableConv.of(d, width, width, k, one)));
		head = addChildBlock("head", Layers.pointwise(d, config.classes(), true));
	}

	/** The stage whose features the decoder reuses: the one at stride 4, or the deepest above the bottom. */
	static int lowLevelStage(NetworkConfig c) {
		return ResNetEncoder.stageWithin(c, 4, Math.max(0, c.stages() - 2));
	}

	@Override
	public int outputCount() {
		return 1;
	}

	@Override
	protected Shape[] walk(Shape input, NDManager manager, DataType dataType) {
		Shape[] features = init(encoder, input, manager, dataType);
		Shape a = init(aspp, features[deepest], manager, dataType);
		Shape low = init(reduce, features[lowLevel], manager, dataType);
		Shape y = init(decoder, concatChannels(Ops.withChannels(low, a.get(1)), low), manager, dataType);
		init(head, y, manager, dataType);
		return new Shape[] {Ops.withChannels(input, config.classes())};
	}

	@Override
	protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
		NDList features = encoder.forward(ps, inputs, training);
		NDArray a = apply(aspp, ps, features.get(deepest), training);
		a = Ops.upsampleLinear(a, encoder.upFactor(deepest, lowLevel));
		NDArray low = apply(reduce, ps, features.get(lowLevel), training);
		NDArray y = apply(decoder, ps, NDArrays.concat(new NDList(a, low), 1), training);
		y = apply(head, ps, y, training);
		return new NDList(Ops.upsampleLinear(y, encoder.upFactor(lowLevel, 0)));
	}
}
