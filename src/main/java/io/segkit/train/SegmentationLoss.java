package io.segkit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.segkit.nn.SegmentationNetwork;

/**
 * nnU-Net's loss: cross-entropy + soft Dice (weights 1:1), summed over the network outputs with deep-supervision
 * weights. Soft Dice per foreground class = (2 sum(p g) + 1e-5) / (sum p + sum g + 1e-5), sums over the spatial
 * axes (and the batch with "batch Dice"); the loss adds minus its mean, so a perfect prediction scores -1.
 * Scalars are passed as float: a double scalar would promote 0-dimensional results to float64.
 * Voxels with the ignore value count in neither term: the cross-entropy is their mean over the other voxels, and
 * their probabilities are masked out of the Dice. One-hot targets come from {@code eq} against an arange (the
 * engine's oneHot is limited).
 * <p>
 * An instance model with a distance head has one output channel more than classes: the class terms take the
 * first channels, and the last channel of the full-resolution output adds the mean squared error to the distance
 * targets ({@link DistanceTargets}; voxels of unknown distance left out), with that output's weight.
 */
public final class SegmentationLoss {

	public static final double SMOOTH = 1e-5;

	private final int classes;
	private final int ignoreLabel;
	private final boolean batchDice;
	private final double[] weights;
	private final boolean distanceHead;

	/**
	 * @param classes classes including background
	 * @param ignoreLabel the label value to ignore (at least {@code classes}), or -1
	 * @param batchDice sum the Dice over the batch too
	 * @param outputs number of network outputs (highest resolution first)
	 */
	public SegmentationLoss(int classes, int ignoreLabel, boolean batchDice, int outputs) {
		this(classes, ignoreLabel, batchDice, deepSupervisionWeights(outputs));
	}

	/** A loss with the given weight per output (the network's {@code lossWeights()}). */
	public SegmentationLoss(int classes, int ignoreLabel, boolean batchDice, double[] weights) {
		this(classes, ignoreLabel, batchDice, weights, false);
	}

	private SegmentationLoss(int classes, int ignoreLabel, boolean batchDice, double[] weights,
			boolean distanceHead) {
		if (ignoreLabel >= 0 && ignoreLabel < classes) {
			throw new IllegalArgumentException("the ignore label " + ignoreLabel + " is one of the classes");
		}
		this.classes = classes;
		this.ignoreLabel = ignoreLabel;
		this.batchDice = batchDice;
		this.weights = weights.clone();
		this.distanceHead = distanceHead;
	}

	/** The same loss for a network whose last output channel is a distance map. */
	public SegmentationLoss withDistanceHead() {
		return new SegmentationLoss(classes, ignoreLabel, batchDice, weights, true);
	}

	/** nnU-Net's deep-supervision weights; see {@link SegmentationNetwork#deepSupervisionWeights}. */
	public static double[] deepSupervisionWeights(int outputs) {
		return SegmentationNetwork.deepSupervisionWeights(outputs);
	}

	public double[] weights() {
		return weights.clone();
	}

	/**
	 * The total loss (a scalar). {@code outputs}: logits (N, classes, spatial...) per output; {@code targets}: label
	 * values as float (N, 1, spatial...) at each output's size. Outputs with weight 0 are skipped.
	 */
	public NDArray compute(NDList outputs, NDList targets) {
		return compute(outputs, targets, null);
	}

	/**
	 * As {@link #compute(NDList, NDList)}, plus for a distance head the regression term on {@code distances} (N, 1,
	 * spatial...) at the first output's size.
	 */
	public NDArray compute(NDList outputs, NDList targets, NDArray distances) {
		NDArray total = null;
		for (int i = 0; i < weights.length; i++) {
			if (weights[i] == 0) continue;
			NDArray out = outputs.get(i);
			NDArray term = single(distanceHead ? out.get(new NDIndex(":, 0:" + classes)) : out, targets.get(i));
			if (i == 0 && distanceHead && distances != null) term = term.add(distanceError(out.get(new NDIndex(":, "
				+ classes + ":")), distances));
			term = term.mul((float) weights[i]);
			total = total == null ? term : total.add(term);
		}
		return total;
	}

	/** Mean squared error over the voxels whose distance is known (target 0 or more). */
	NDArray distanceError(NDArray predicted, NDArray target) {
		NDArray known = target.gte(0f).toType(DataType.FLOAT32, false);
		return predicted.sub(target).square().mul(known).sum().div(known.sum().maximum(1f));
	}

	/** Cross-entropy + soft-Dice loss of one output. */
	public NDArray single(NDArray logits, NDArray target) {
		NDArray oneHot = oneHot(target);
		NDArray mask = ignoreLabel < 0 ? null : target.neq(ignoreLabel).toType(DataType.FLOAT32, false);
		NDArray logP = logits.logSoftmax(1);
		return crossEntropy(logP, oneHot, mask).sub(softDice(logP.exp(), oneHot, mask).mean());
	}

	NDArray oneHot(NDArray target) {
		long[] shape = new long[target.getShape().dimension()];
		java.util.Arrays.fill(shape, 1);
		shape[1] = classes;
		NDArray ids = target.getManager().arange(classes).toType(DataType.FLOAT32, false).reshape(new Shape(shape));
		return target.eq(ids).toType(DataType.FLOAT32, false);
	}

	/** Mean over the counted voxels of -log p(true class); ignored voxels have an all-zero one-hot row. */
	NDArray crossEntropy(NDArray logP, NDArray oneHot, NDArray mask) {
		NDArray total = logP.mul(oneHot).sum().neg();
		if (mask == null) return total.div(oneHot.getShape().size() / classes);
		return total.div(mask.sum().maximum(1));
	}

	/** Soft Dice per foreground class: shape (N, classes-1), or (classes-1) with batch Dice. */
	NDArray softDice(NDArray p, NDArray oneHot, NDArray mask) {
		NDArray probabilities = mask == null ? p : p.mul(mask);
		int dims = p.getShape().dimension();
		int first = batchDice ? 0 : 2;
		int[] axes = new int[dims - first - (batchDice ? 1 : 0)];
		for (int a = first, k = 0; a < dims; a++) if (a != 1) axes[k++] = a;
		NDArray tp = probabilities.mul(oneHot).sum(axes);
		NDArray sumP = probabilities.sum(axes);
		NDArray sumG = oneHot.sum(axes);
		NDArray dice = tp.mul(2).add((float) SMOOTH).div(sumP.add(sumG).add((float) SMOOTH).maximum(1e-8f));
		return dice.get(new NDIndex(batchDice ? "1:" : ":, 1:"));
	}
}
