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
 * PSPNet (Zhao et al. 2017) on the shared {@link ResNetEncoder} with output stride 8 (later strides become
 * dilations, as the paper's dilated ResNet). Pyramid pooling on the deepest features (C channels): adaptive average
 * pooling to 1, 2, 3 and 6 bins per axis (PyTorch's windows, {@link Ops#adaptiveAvgPool}; a bin count above an
 * axis's length is lowered to it), a 1x1 conv to C/4 and LeakyReLU per level, resized back by nearest neighbour
 * ({@link Ops#resizeNearest}: voxel i takes bin floor(i bins / size)) and concatenated with the features; then a
 * conv-IN-LeakyReLU to C/4, a 1x1 head and linear up-sampling to the input size.
 * <p>
 * Auxiliary head (with deep supervision): conv-IN-LeakyReLU to a quarter of the channels and a 1x1 head on the
 * stage above the deepest (the paper's res4b22); its output stays at that stage's resolution (the loss takes the
 * labels there) and weighs 0.4 against 1 for the main output, as the paper. Deviations: no normalisation in the
 * pyramid branches (maps of 1 to 6 voxels, where InstanceNorm leaves only its shift), nearest instead of bilinear
 * resizing of the pooled maps, no dropout, InstanceNorm + LeakyReLU elsewhere, no pretrained weights.
 */
public class PSPNet extends SegmentationNetwork {

	static final int OUTPUT_STRIDE = 8;
	static final int[] BINS = {1, 2, 3, 6};
	static final double AUX_WEIGHT = 0.4;

	private final ResNetEncoder encoder;
	private final int deepest;
	private final Block[] pyramid;
	private final Block bottleneck;
	private final Block head;
	private final Block aux;

	public PSPNet(NetworkConfig config) {
		super(config);
		int d = config.dims();
		int n = config.stages();
		deepest = n - 1;
		int c = config.feature(deepest);
		int[] one = Layers.ones(d);
		encoder = addChildBlock("encoder", new ResNetEncoder(config, OUTPUT_STRIDE));
		pyramid = new Block[BINS.length];
		for (int b = 0; b < BINS.length; b++) {
			pyramid[b] = addChildBlock("pyramid" + BINS[b], Layers.convAct(d, Math.max(1, c / 4), one));
		}
		bottleneck = addChildBlock("bottleneck", Layers.convNormAct(d, Math.max(1, c / 4), config.kernel(deepest),
				one));
		head = addChildBlock("head", Layers.pointwise(d, config.classes(), true));
		aux = config.deepSupervision() ? addChildBlock("aux", auxiliaryHead(config, n - 2)) : null;
	}

	/** The paper's auxiliary classifier: conv-IN-LeakyReLU to a quarter of the stage's channels, 1x1 head. */
	private static SequentialBlock auxiliaryHead(NetworkConfig c, int stage) {
		int d = c.dims();
		return new SequentialBlock().add(Layers.convNormAct(d, Math.max(1, c.feature(stage) / 4), c.kernel(stage),
				Layers.ones(d))).add(Layers.pointwise(d, c.classes(), true));
	}

	@Override
	public int outputCount() {
		return aux == null ? 1 : 2;
	}

	@Override
	public double[] lossWeights() {
		return aux == null ? new double[] {1} : new double[] {1 / (1 + AUX_WEIGHT), AUX_WEIGHT / (1 + AUX_WEIGHT)};
	}

	@Override
	protected Shape[] walk(Shape input, NDManager manager, DataType dataType) {
		Shape[] features = init(encoder, input, manager, dataType);
		Shape x = features[deepest];
		long channels = x.get(1);
		for (Block b : pyramid) channels += init(b, x, manager, dataType).get(1);
		init(head, init(bottleneck, Ops.withChannels(x, channels), manager, dataType), manager, dataType);
		Shape main = Ops.withChannels(input, config.classes());
		return aux == null ? new Shape[] {main} : new Shape[] {main, init(aux, features[deepest - 1], manager,
				dataType)};
	}

	@Override
	protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
		NDList features = encoder.forward(ps, inputs, training);
		NDArray x = features.get(deepest);
		long[] size = x.getShape().slice(2).getShape();
		NDList parts = new NDList(x);
		for (int b = 0; b < BINS.length; b++) {
			NDArray pooled = Ops.adaptiveAvgPool(x, bins(BINS[b], size));
			parts.add(Ops.resizeNearest(apply(pyramid[b], ps, pooled, training), size));
		}
		NDArray y = apply(head, ps, apply(bottleneck, ps, NDArrays.concat(parts, 1), training), training);
		NDArray main = Ops.upsampleLinear(y, encoder.upFactor(deepest, 0));
		if (aux == null) return new NDList(main);
		return new NDList(main, apply(aux, ps, features.get(deepest - 1), training));
	}

	/** {@code count} bins on every axis, at most one per voxel. */
	static int[] bins(int count, long[] size) {
		int[] b = new int[size.length];
		for (int a = 0; a < b.length; a++) b[a] = (int) Math.min(count, size[a]);
		return b;
	}
}
