package io.segkit.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.segkit.Progress;
import io.segkit.nn.SegmentationNetwork;

/**
 * nnU-Net's pseudo-Dice: a fixed set of validation patches (drawn once from the validation cases with the seed,
 * foreground oversampled as in training, no augmentation) is predicted every epoch; true and false positives and
 * false negatives are summed per foreground class over all patches, Dice = 2 TP / (2 TP + FP + FN) per class, and
 * the classes' mean is returned (classes absent from both truth and prediction are left out). Patches rather than
 * whole cases keep the cost per epoch fixed and small; voxels with the ignore value are not counted.
 */
public final class PatchValidator implements Validator {

	private final int classes;
	private final int ignoreLabel;
	private final int batchSize;
	private final int[] patch3;
	private final long[] inputSpatial;
	private final List<Batch> batches = new ArrayList<>();

	/**
	 * @param cases the validation cases
	 * @param patch (y, x) or (z, y, x)
	 * @param outputSize the size of the network's first output for that patch, (z, y, x)
	 */
	public PatchValidator(List<PreparedCase> cases, int[] patch, int classes, int ignoreLabel, int batchSize,
			int patches, long seed, int[] outputSize) {
		this.classes = classes;
		this.ignoreLabel = ignoreLabel;
		this.batchSize = batchSize;
		PatchSampler sampler = new PatchSampler(cases, patch, classes, false);
		patch3 = sampler.patch3();
		inputSpatial = new long[patch.length];
		for (int a = 0; a < patch.length; a++) inputSpatial[a] = patch[a];
		for (int k = 0, done = 0; done < patches; k++) {
			int n = Math.min(batchSize, patches - done);
			// index -1 - k: a stream no training batch uses
			batches.add(BatchSource.of(sampler.batch(n, BatchSource.random(seed, -1 - k)), patch3,
				new int[][] {outputSize}));
			done += n;
		}
	}

	@Override
	public double meanForegroundDice(SegmentationNetwork net, NDManager manager, Progress progress) {
		DiceCounts counts = new DiceCounts(classes, ignoreLabel);
		ParameterStore ps = new ParameterStore(manager, false);
		for (Batch b : batches) {
			progress.checkCancelled();
			int[] predicted = predict(net, ps, manager, b);
			counts.add(predicted, b.targets()[0]);
		}
		return counts.meanForegroundDice();
	}

	private int[] predict(SegmentationNetwork net, ParameterStore ps, NDManager manager, Batch b) {
		int[][] result = new int[1][];
		NoGrad.run(() -> {
			try (NDManager m = manager.newSubManager()) {
				long[] shape = new long[2 + inputSpatial.length];
				shape[0] = b.images().length / (net.config().inChannels() * (long) (patch3[0] * patch3[1] * patch3[2]));
				shape[1] = net.config().inChannels();
				System.arraycopy(inputSpatial, 0, shape, 2, inputSpatial.length);
				NDArray x = m.create(b.images(), new Shape(shape));
				NDList out = net.forward(ps, new NDList(x), false);
				NDArray scores = out.head();
				if (scores.getShape().get(1) > classes) scores = scores.get(new ai.djl.ndarray.index.NDIndex(":, 0:"
					+ classes)); // a distance head's map is no class
				result[0] = scores.argMax(1).toType(DataType.INT32, false).toIntArray();
			}
		});
		return result[0];
	}
}
