package io.segkit.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * RefineNet (Lin et al. 2017), multi-path refinement on the shared {@link ResNetEncoder}. One RefineNet block per
 * stage from the deepest up to the one at stride 4 (as the paper; higher on shallow networks), width half the stage's
 * features (the paper's 512/256 of 2048-256). Block s: the stage's features adapted by a conv to the width, then
 * two residual conv units (RCUs); the previous (coarser) block's output through two RCUs; multi-resolution fusion
 * (a conv per path to the width, the coarser one up-sampled linearly, summed; the deepest block has one path);
 * chained residual pooling (LeakyReLU, then twice: 5x5 max pool with stride 1 and a conv, each result added to the
 * sum); one output RCU. After the last block two RCUs, a 1x1 head and linear up-sampling to the input size.
 * <p>
 * Deviations: every conv of the refinement blocks is followed by InstanceNorm (the paper's have none; it
 * fine-tunes a pretrained network, SegKit trains from scratch). Without them each block's sums (two paths, the
 * pooling chain, the residual units) multiplied the stream's variance, the logits reached hundreds and training
 * diverged: epoch losses of 225 at the first epoch and 10^7 by the 13th on test-images 2D, see
 * bench/shootout-2026-12-01/refinenet-diverging-before-fix.log. LeakyReLU for ReLU; pooling windows 1 on axes whose kernel is 1 (thin
 * anisotropic axes); no pretrained weights; no deep supervision.
 */
public class RefineNet extends SegmentationNetwork {

	private final ResNetEncoder encoder;
	private final int deepest;
	private final int finest;
	private final Block[] adapt;
	private final Block[] ownPath;
	private final Block[] coarsePath;
	private final Block[] fuseOwn;
	private final Block[] fuseCoarse;
	private final Block[] pooling;
	private final Block[] output;
	private final Block finish;

	public RefineNet(NetworkConfig config) {
		super(config);
		int d = config.dims();
		int n = config.stages();
		deepest = n - 1;
		finest = DeepLabV3Plus.lowLevelStage(config);
		encoder = addChildBlock("encoder", new ResNetEncoder(config, ResNetEncoder.NO_DILATION));
		adapt = new Block[n];
		ownPath = new Block[n];
		coarsePath = new Block[n];
		fuseOwn = new Block[n];
		fuseCoarse = new Block[n];
		pooling = new Block[n];
		output = new Block[n];
		for (int s = deepest; s >= finest; s--) {
			int w = width(s);
			int[] k = config.kernel(s);
			adapt[s] = addChildBlock("adapt" + s, convNorm(d, w, k));
			ownPath[s] = addChildBlock("path" + s, rcus(d, w, k, 2));
			if (s < deepest) {
				coarsePath[s] = addChildBlock("coarsePath" + s, rcus(d, width(s + 1), config.kernel(s + 1), 2));
				fuseOwn[s] = addChildBlock("fuse" + s, convNorm(d, w, k));
				fuseCoarse[s] = addChildBlock("fuseCoarse" + s, convNorm(d, w, config.kernel(s + 1)));
			}
			pooling[s] = addChildBlock("pooling" + s, new ChainedResidualPooling(d, w, k));
			output[s] = addChildBlock("output" + s, rcus(d, w, k, 1));
		}
		finish = addChildBlock("finish", rcus(d, width(finest), config.kernel(finest), 2).add(Layers.pointwise(d, config
				.classes(), true)));
	}

	private int width(int stage) {
		return Math.max(1, config.feature(stage) / 2);
	}

	private static Block conv(int dims, int filters, int[] kernel) {
		return Layers.conv(dims, filters, kernel, Layers.ones(dims), Layers.samePadding(kernel, 1), true);
	}

	/** conv -> InstanceNorm: every path that is summed into the refinement stream enters it normalised. */
	private static Block convNorm(int dims, int filters, int[] kernel) {
		return new SequentialBlock().add(conv(dims, filters, kernel)).add(new InstanceNorm());
	}

	private static SequentialBlock rcus(int dims, int width, int[] kernel, int count) {
		SequentialBlock b = new SequentialBlock();
		for (int i = 0; i < count; i++) b.add(new ResidualConvUnit(dims, width, kernel));
		return b;
	}

	@Override
	public int outputCount() {
		return 1;
	}

	@Override
	protected Shape[] walk(Shape input, NDManager manager, DataType dataType) {
		Shape[] features = init(encoder, input, manager, dataType);
		Shape previous = null;
		for (int s = deepest; s >= finest; s--) {
			Shape x = init(ownPath[s], init(adapt[s], features[s], manager, dataType), manager, dataType);
			if (previous != null) {
				init(fuseCoarse[s], init(coarsePath[s], previous, manager, dataType), manager, dataType);
				x = init(fuseOwn[s], x, manager, dataType);
			}
			previous = init(output[s], init(pooling[s], x, manager, dataType), manager, dataType);
		}
		init(finish, previous, manager, dataType);
		return new Shape[] {Ops.withChannels(input, config.classes())};
	}

	@Override
	protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
		NDList features = encoder.forward(ps, inputs, training);
		NDArray previous = null;
		for (int s = deepest; s >= finest; s--) {
			NDArray x = apply(ownPath[s], ps, apply(adapt[s], ps, features.get(s), training), training);
			if (previous != null) {
				NDArray coarse = apply(fuseCoarse[s], ps, apply(coarsePath[s], ps, previous, training), training);
				x = apply(fuseOwn[s], ps, x, training).add(Ops.upsampleLinear(coarse, encoder.upFactor(s + 1, s)));
			}
			previous = apply(output[s], ps, apply(pooling[s], ps, x, training), training);
		}
		NDArray y = apply(finish, ps, previous, training);
		return new NDList(Ops.upsampleLinear(y, encoder.upFactor(finest, 0)));
	}

	/** RefineNet's residual conv unit: x + IN(conv(act(IN(conv(act(x)))))). */
	static final class ResidualConvUnit extends AbstractBlock {

		private final Block body;

		ResidualConvUnit(int dims, int width, int[] kernel) {
			body = addChildBlock("body", new SequentialBlock().add(Layers.leakyRelu()).add(conv(dims, width, kernel))
					.add(new InstanceNorm()).add(Layers.leakyRelu()).add(conv(dims, width, kernel)).add(
							new InstanceNorm()));
		}

		@Override
		protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
			body.initialize(manager, dataType, inputShapes);
		}

		@Override
		protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
				PairList<String, Object> p) {
			return new NDList(inputs.head().add(body.forward(ps, inputs, training).head()));
		}

		@Override
		public Shape[] getOutputShapes(Shape[] inputShapes) {
			return new Shape[] {inputShapes[0]};
		}
	}

	/** Chained residual pooling: act(x), then twice p = conv(maxPool5(p)), every p added to the sum. */
	static final class ChainedResidualPooling extends AbstractBlock {

		static final int POOL = 5;
		private final Block[] convs = new Block[2];
		private final int[] window;

		ChainedResidualPooling(int dims, int width, int[] kernel) {
			window = new int[dims];
			for (int a = 0; a < dims; a++) window[a] = kernel[a] > 1 ? POOL : 1;
			for (int i = 0; i < convs.length; i++) convs[i] = addChildBlock("conv" + i, convNorm(dims, width, kernel));
		}

		@Override
		protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
			for (Block c : convs) c.initialize(manager, dataType, inputShapes);
		}

		@Override
		protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
				PairList<String, Object> p) {
			NDArray x = Layers.leakyRelu().forward(ps, inputs, training).head();
			NDArray sum = x;
			NDArray path = x;
			for (Block c : convs) {
				path = apply(c, ps, samePool(path), training);
				sum = sum.add(path);
			}
			return new NDList(sum);
		}

		private NDArray samePool(NDArray x) {
			Shape k = Layers.shape(window);
			Shape one = Layers.shape(Layers.ones(window.length));
			Shape pad = Layers.shape(Layers.samePadding(window, 1));
			return window.length == 2 ? Pool.maxPool2d(x, k, one, pad, false) : Pool.maxPool3d(x, k, one, pad, false);
		}

		@Override
		public Shape[] getOutputShapes(Shape[] inputShapes) {
			return new Shape[] {inputShapes[0]};
		}
	}
}
