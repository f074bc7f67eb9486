package io.segkit.nn;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.segkit.SegKitException;

/**
 * A segmentation network built from a {@link NetworkConfig}. Input (N, inChannels, spatial...); output logits
 * (N, classes, spatial...) first, then, with deep supervision, one output per coarser decoder stage (highest
 * resolution first), in training and inference alike (inference uses the first).
 * <p>
 * Input sizes: padded networks need every spatial size divisible by {@link NetworkConfig#totalStride()} on that
 * axis, so that skips and up-sampled maps line up; anything else is refused with a message (callers pad or choose
 * such patch sizes; the planner does). The 2015 U-Net is unpadded and needs sizes for which every pooling is
 * exact; see {@link #outputSize}.
 */
public abstract class SegmentationNetwork extends AbstractBlock {

	protected final NetworkConfig config;

	protected SegmentationNetwork(NetworkConfig config) {
		this.config = config;
	}

	public NetworkConfig config() {
		return config;
	}

	/**
	 * The negative slope a of the Kaiming-normal initialisation of the conv weights, std = sqrt(2 / (1 + a^2) / fan_in):
	 * nnU-Net's 0.01 unless a network needs otherwise.
	 */
	public double initializationSlope() {
		return Layers.LEAKY_SLOPE;
	}

	/** Number of outputs: 1, or the number of decoder stages with deep supervision. */
	public int outputCount() {
		return config.deepSupervision() ? config.stages() - 1 : 1;
	}

	/**
	 * The weight of each output in the training loss (summing to 1): nnU-Net's deep-supervision weights (1/2^i, the
	 * coarsest 0) unless a network's paper says otherwise.
	 */
	public double[] lossWeights() {
		return deepSupervisionWeights(outputCount());
	}

	/** Weights 1/2^i, the lowest resolution (last) set to 0 when there are several, normalised to sum 1. */
	public static double[] deepSupervisionWeights(int outputs) {
		double[] w = new double[outputs];
		double sum = 0;
		for (int i = 0; i < outputs; i++) {
			w[i] = outputs > 1 && i == outputs - 1 ? 0 : Math.pow(0.5, i);
			sum += w[i];
		}
		for (int i = 0; i < outputs; i++) w[i] /= sum;
		return w;
	}

	/**
	 * Walks the graph on shapes only, initialising children on the way when {@code manager} is not null; returns the
	 * output shapes.
	 */
	protected abstract Shape[] walk(Shape input, NDManager manager, DataType dataType);

	/** The spatial output size for a spatial input size, or throws SegKitException when the input does not fit. */
	public long[] outputSize(long[] inputSize) {
		requireValidInput(inputSize);
		return inputSize.clone();
	}

	/** Checks the spatial input size; throws SegKitException saying what sizes would work. */
	public void requireValidInput(long[] size) {
		int[] t = config.totalStride();
		if (size.length != config.dims()) {
			throw new SegKitException("The network expects " + config.dims() + "D input, got " + size.length + "D.");
		}
		for (int a = 0; a < size.length; a++) {
			if (size[a] < t[a] || size[a] % t[a] != 0) {
				throw new SegKitException("The input size " + Arrays.toString(size) + " does not fit the network: each "
						+ "size must be a multiple of " + Arrays.toString(t) + " (the total down-sampling per axis). "
						+ "Pad the image or use such a patch size.");
			}
		}
	}

	/** The smallest valid spatial size per axis (used to initialise the parameters; they do not depend on it). */
	public long[] smallestInputSize() {
		int[] t = config.totalStride();
		long[] s = new long[t.length];
		for (int a = 0; a < t.length; a++) s[a] = t[a];
		return s;
	}

	@Override
	protected final void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		walk(inputShapes[0], manager, dataType);
	}

	@Override
	public final Shape[] getOutputShapes(Shape[] inputShapes) {
		return walk(inputShapes[0], null, null);
	}

	@Override
	protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
			PairList<String, Object> params) {
		Shape s = inputs.head().getShape();
		if (s.dimension() != config.dims() + 2 || s.get(1) != config.inChannels()) {
			throw new SegKitException("The network expects input (batch, " + config.inChannels() + " channels, "
					+ config.dims() + " spatial axes), got " + s + ".");
		}
		requireValidInput(s.slice(2).getShape().clone());
		return forwardChecked(ps, inputs, training);
	}

	protected abstract NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training);

	/** Shapes of a list of children initialised along the way. */
	protected static Shape init(ai.djl.nn.Block block, Shape in, NDManager manager, DataType dataType) {
		if (manager != null) block.initialize(manager, dataType, in);
		return block.getOutputShapes(new Shape[] {in})[0];
	}

	/** The first output of a block on one array. */
	protected static NDArray apply(ai.djl.nn.Block block, ParameterStore ps, NDArray x, boolean training) {
		return block.forward(ps, new NDList(x), training).head();
	}

	/** All output shapes of a block initialised along the way (encoders with one output per stage). */
	protected static Shape[] init(ResNetEncoder block, Shape in, NDManager manager, DataType dataType) {
		if (manager != null) block.initialize(manager, dataType, in);
		return block.getOutputShapes(new Shape[] {in});
	}

	protected static Shape concatChannels(Shape a, Shape b) {
		return Ops.withChannels(a, a.get(1) + b.get(1));
	}
}
