package io.segkit.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.engine.Engines;
import io.segkit.engine.GpuMemory;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelSpec;
import io.segkit.nn.SegmentationNetwork;

/**
 * Sliding-window prediction of a model over prepared data (normalised and resampled to the model's spacing), by
 * nnU-Net's rules: tiles of the model's patch size (3D models) or of its (y, x) patch on every slice (2D models),
 * evenly spread with at most {@code step x patch} between them ({@link TileGrid}); axes shorter than the patch
 * padded with zeros and cropped back; each tile's logits weighted by a Gaussian ({@link GaussianImportance}) and
 * the sum divided by the summed weights; the members' logits (folds) averaged; optionally averaged over test-time
 * copies too ({@link #augmentations}): all 2^dims mirrorings of the spatial axes, as nnU-Net does, and where y and x
 * have the same voxel size each of them also with y and x swapped, so that with the mirrorings every 90-degree
 * turn of the plane is seen (a microscope image has no preferred direction in its plane).
 * <p>
 * Memory: the image is never one array on the device. A batch of tiles is copied from the Java arrays into
 * NDArrays of a sub-manager that is closed after the batch; the sums are Java arrays (classes x voxels, plus one
 * weight per voxel). Computation runs on the device of the manager given here, where the model's networks must
 * live; gradient recording is switched off on the calling thread for the duration (PyTorch's grad mode is per
 * thread and on by default on new threads).
 */
public final class SlidingWindowPredictor {

	/**
	 * @param step the largest distance between neighbouring tiles as a fraction of the patch, in (0, 1]; nnU-Net
	 *        uses 0.5
	 * @param batchSize tiles per forward pass; {@link #AUTOMATIC_BATCH} = {@link TileBatch#automatic}: 4 on the CPU, on
	 *        a GPU what its free memory holds
	 * @param mirror whether to average over test-time copies ({@link SlidingWindowPredictor#augmentations}): the
	 *        mirrorings of the spatial axes, and where y and x have the same voxel size their transposes too
	 *        (2^dims, or 2^(dims+1), times the work)
	 */
	public record Options(double step, int batchSize, boolean mirror) {

		public Options {
			if (!(step > 0 && step <= 1)) throw new IllegalArgumentException("step must be in (0, 1]: " + step);
			if (batchSize < 0) throw new IllegalArgumentException("batchSize must be at least 1 (or 0, automatic): "
				+ batchSize);
		}

		/** Tiles per batch chosen for the device ({@link TileBatch}). */
		public static final int AUTOMATIC_BATCH = 0;

		/** nnU-Net's step 0.5, tiles per batch chosen for the device, no mirroring. */
		public static Options defaults() {
			return new Options(0.5, AUTOMATIC_BATCH, false);
		}

		public Options withStep(double s) {
			return new Options(s, batchSize, mirror);
		}

		public Options withBatchSize(int b) {
			return new Options(step, b, mirror);
		}

		public Options withMirroring(boolean m) {
			return new Options(step, batchSize, m);
		}
	}

	private final LoadedModel model;
	private final NDManager manager;
	private final Options options;
	private final int[] patch;
	private final float[] importance;
	private final List<Augmentation> augmentations;
	/** Tiles per forward pass now: the options' batch, halved each time the device ran out of memory. */
	private int batchSize;
	private java.util.function.Consumer<String> notices = message -> {};
	private BatchForward forward = this::forward;

	/** One forward pass: the logits of a batch of n tiles, (n, classes, patch) flattened. */
	interface BatchForward {
		float[] run(NDManager batch, ParameterStore parameters, float[] input, int n, Progress progress);
	}

	/**
	 * @param model the model; its networks live on {@code manager}'s device
	 * @param manager the manager whose device computes; it keeps no arrays of this predictor
	 */
	public SlidingWindowPredictor(LoadedModel model, NDManager manager, Options options) {
		if (model.members().isEmpty()) throw new IllegalArgumentException("The model has no networks");
		this.model = model;
		this.manager = manager;
		this.options = options;
		patch = tilePatch(model.spec());
		importance = GaussianImportance.map(patch);
		augmentations = options.mirror() ? augmentations(model.spec()) : List.of(Augmentation.NONE);
		batchSize = options.batchSize() != Options.AUTOMATIC_BATCH ? options.batchSize() : TileBatch.automatic(manager
			.getDevice().isGpu(), GpuMemory.freeBytes(manager.getDevice()), TileBatch.bytesPerTile(model.spec()));
		for (SegmentationNetwork net : model.members()) requireSameSizeOutput(net, model.spec().patchSize());
	}

	/**
	 * Per-class probabilities: softmax of the members' averaged logits, {@code float[classes][Z*Y*X]}; a model with a
	 * distance head has its averaged distance map as one more row after the classes.
	 *
	 * @param channels one array per model input channel, each {@code Z*Y*X} long, flat index (z*Y + y)*X + x
	 * @param shape {Z, Y, X}; Z = 1 for a single 2D image
	 * @throws SegKitException when the channels do not match the model
	 * @throws io.segkit.Cancelled when {@code progress} asks to stop
	 */
	public float[][] predictProbabilities(float[][] channels, int[] shape, Progress progress) {
		float[][] scores = predictLogits(channels, shape, progress);
		Predictions.softmaxInPlace(Predictions.classRows(scores, model.spec().classNames().size()));
		return scores;
	}

	/** As {@link #predictProbabilities}, but the averaged logits before the softmax. */
	public float[][] predictLogits(float[][] channels, int[] shape, Progress progress) {
		requireInput(channels, shape);
		TileGrid grid = new TileGrid(shape, patch, options.step());
		int voxels = shape[0] * shape[1] * shape[2];
		float[][] sums = new float[model.spec().network().classes()][voxels];
		float[] weights = new float[voxels];
		Engines.run(() -> withoutGradients(() -> accumulate(grid, channels, shape, sums, weights, progress)));
		for (float[] s : sums) {
			for (int i = 0; i < voxels; i++) s[i] /= weights[i];
		}
		return sums;
	}

	private void accumulate(TileGrid grid, float[][] channels, int[] shape, float[][] sums, float[] weights,
			Progress progress) {
		String step = "Predicting with " + model.spec().name();
		int total = grid.count();
		progress.update(step, 0, total);
		try (NDManager run = manager.newSubManager()) {
			ParameterStore parameters = new ParameterStore(run, false);
			for (int first = 0; first < total;) {
				progress.checkCancelled();
				int n = Math.min(batchSize, total - first);
				float[] input = new float[n * channels.length * importance.length];
				for (int b = 0; b < n; b++) copyIn(grid, grid.origin(first + b), channels, shape, input, b);
				float[] logits;
				try (NDManager batch = run.newSubManager()) {
					logits = forward.run(batch, parameters, input, n, progress);
				}
				catch (RuntimeException e) {
					if (!DeviceMemory.isOutOfMemory(e)) throw e;
					if (n == 1) throw new DeviceMemory.Exhausted(manager.getDevice(), model.spec().name(), e);
					batchSize = n / 2; // the same tiles again, fewer at a time
					notices.accept("the " + Engines.describe(manager.getDevice()) + " ran out of memory with " + n
						+ " tiles per batch; " + batchSize + " from now on");
					continue;
				}
				for (int b = 0; b < n; b++) addOut(grid, grid.origin(first + b), logits, b, shape, sums, weights);
				first += n;
				progress.update(step, first, total);
			}
		}
	}

	/** Where notes go that the user should read (fewer tiles per batch after the device ran out of memory). */
	public void setNotices(java.util.function.Consumer<String> notices) {
		this.notices = notices;
	}

	/** Wraps the forward pass (tests make it fail as a full device does). */
	void wrapForward(java.util.function.UnaryOperator<BatchForward> wrapper) {
		forward = wrapper.apply(forward);
	}

	/** Tiles per forward pass now (fewer than asked for after the device ran out of memory). */
	public int batchSize() {
		return batchSize;
	}

	/** Mean over members and test-time copies of the logits of a batch, (n, classes, patch) flattened. */
	private float[] forward(NDManager batch, ParameterStore parameters, float[] input, int n, Progress progress) {
		NDArray x = batch.create(input, inputShape(n));
		NDArray sum = null;
		for (SegmentationNetwork net : model.members()) {
			for (Augmentation copy : augmentations) {
				progress.checkCancelled();
				NDArray out = copy.undo(net.forward(parameters, new NDList(copy.apply(x)), false).head());
				sum = sum == null ? out : sum.add(out);
			}
		}
		return sum.div(model.members().size() * augmentations.size()).toFloatArray();
	}

	/** How many copies of each tile every member predicts (1 without test-time augmentation). */
	int copiesPerTile() {
		return augmentations.size();
	}

	/**
	 * One test-time copy of a batch (n, channels, spatial...): the spatial axes in {@code flipAxes} mirrored, then
	 * the last two (y, x) swapped if {@code transposed}. Its inverse brings a prediction back.
	 */
	private record Augmentation(int[] flipAxes, boolean transposed) {

		static final Augmentation NONE = new Augmentation(new int[0], false);

		NDArray apply(NDArray batch) {
			NDArray flipped = flipAxes.length == 0 ? batch : batch.flip(flipAxes);
			return transposed ? flipped.transpose(swappingLastTwo(flipped.getShape().dimension())) : flipped;
		}

		NDArray undo(NDArray prediction) {
			NDArray back = transposed ? prediction.transpose(swappingLastTwo(prediction.getShape().dimension()))
				: prediction;
			return flipAxes.length == 0 ? back : back.flip(flipAxes);
		}

		private static int[] swappingLastTwo(int rank) {
			int[] order = new int[rank];
			for (int a = 0; a < rank; a++) order[a] = a;
			order[rank - 2] = rank - 1;
			order[rank - 1] = rank - 2;
			return order;
		}
	}

	/** Copies the image part of a tile into batch slot {@code b}; the rest stays 0 (the padding). */
	private void copyIn(TileGrid grid, int[] origin, float[][] channels, int[] shape, float[] input, int b) {
		int x0 = grid.insideFrom(origin, 2);
		int length = grid.insideTo(origin, 2) - x0;
		for (int c = 0; c < channels.length; c++) {
			int base = (b * channels.length + c) * importance.length;
			for (int z = grid.insideFrom(origin, 0); z < grid.insideTo(origin, 0); z++) {
				for (int y = grid.insideFrom(origin, 1); y < grid.insideTo(origin, 1); y++) {
					int image = ((origin[0] + z) * shape[1] + origin[1] + y) * shape[2] + origin[2] + x0;
					System.arraycopy(channels[c], image, input, base + (z * patch[1] + y) * patch[2] + x0, length);
				}
			}
		}
	}

	/** Adds the weighted logits of batch slot {@code b} inside the image to the sums, and the weights. */
	private void addOut(TileGrid grid, int[] origin, float[] logits, int b, int[] shape, float[][] sums,
			float[] weights) {
		int x0 = grid.insideFrom(origin, 2);
		int x1 = grid.insideTo(origin, 2);
		for (int z = grid.insideFrom(origin, 0); z < grid.insideTo(origin, 0); z++) {
			for (int y = grid.insideFrom(origin, 1); y < grid.insideTo(origin, 1); y++) {
				int tileRow = (z * patch[1] + y) * patch[2];
				int imageRow = ((origin[0] + z) * shape[1] + origin[1] + y) * shape[2] + origin[2];
				for (int x = x0; x < x1; x++) weights[imageRow + x] += importance[tileRow + x];
				for (int k = 0; k < sums.length; k++) {
					float[] sum = sums[k];
					int tile = (b * sums.length + k) * importance.length + tileRow;
					for (int x = x0; x < x1; x++) sum[imageRow + x] += logits[tile + x] * importance[tileRow + x];
				}
			}
		}
	}

	private Shape inputShape(int n) {
		int channels = model.spec().network().inChannels();
		return model.spec().dims() == 3 ? new Shape(n, channels, patch[0], patch[1], patch[2])
			: new Shape(n, channels, patch[1], patch[2]);
	}

	private void requireInput(float[][] channels, int[] shape) {
		if (shape.length != 3 || Arrays.stream(shape).anyMatch(s -> s < 1)) {
			throw new IllegalArgumentException("shape must be {Z, Y, X}, each at least 1: " + Arrays.toString(shape));
		}
		ModelSpec spec = model.spec();
		if (channels.length != spec.network().inChannels()) {
			throw new SegKitException("The model expects " + spec.network().inChannels() + " channel"
				+ (spec.network().inChannels() == 1 ? "" : "s") + " (" + String.join(", ", spec.channelNames())
				+ ") but the image has " + channels.length + ". Use an image with these channels in this order "
				+ "(split, merge or reorder channels first).");
		}
		long voxels = (long) shape[0] * shape[1] * shape[2];
		for (float[] c : channels) {
			if (c.length != voxels) {
				throw new IllegalArgumentException("A channel has " + c.length + " values, shape " + Arrays.toString(
					shape) + " needs " + voxels);
			}
		}
	}

	/** The tile in (z, y, x): the patch for 3D models, (1, y, x) for 2D models. */
	private static int[] tilePatch(ModelSpec spec) {
		int[] p = spec.patchSize();
		return spec.dims() == 3 ? p : new int[] {1, p[0], p[1]};
	}

	/**
	 * The test-time copies: every subset of the spatial axes (2 .. dims + 1 of the network input) mirrored, the
	 * empty one first, and, where {@link #swapsYAndX} allows, each of them with y and x swapped as well.
	 */
	private static List<Augmentation> augmentations(ModelSpec spec) {
		int dims = spec.dims();
		List<Augmentation> all = new ArrayList<>();
		for (boolean transposed : swapsYAndX(spec) ? new boolean[] {false, true} : new boolean[] {false}) {
			for (int mask = 0; mask < 1 << dims; mask++) {
				int[] axes = new int[Integer.bitCount(mask)];
				for (int a = 0, i = 0; a < dims; a++) if ((mask & 1 << a) != 0) axes[i++] = a + 2;
				all.add(new Augmentation(axes, transposed));
			}
		}
		return all;
	}

	/**
	 * Whether a tile with y and x swapped is the same kind of image to the network: y and x voxel sizes within 1 %
	 * of each other (a transposed anisotropic image would show stretched objects) and the same down-sampling along
	 * both, so that the swapped tile is a valid input too.
	 */
	static boolean swapsYAndX(ModelSpec spec) {
		double[] spacing = spec.spacing();
		int[] stride = spec.network().totalStride();
		int y = spec.dims() - 2, x = spec.dims() - 1;
		return Math.abs(spacing[y] - spacing[x]) <= 0.01 * Math.max(spacing[y], spacing[x]) && stride[y] == stride[x];
	}

	private static void requireSameSizeOutput(SegmentationNetwork net, int[] patchSize) {
		long[] in = Arrays.stream(patchSize).asLongStream().toArray();
		if (!Arrays.equals(net.outputSize(in), in)) {
			throw new SegKitException("This model's network (" + net.config().architecture() + ") gives outputs "
				+ "smaller than its input, which tiled prediction does not support. Use a model trained with a "
				+ "padded network (every architecture but the 2015 reference U-Net).");
		}
	}

	/** Runs {@code action} with PyTorch's gradient recording off on this thread, restoring the previous mode. */
	private static void withoutGradients(Runnable action) {
		boolean previous = JniUtils.isGradMode();
		JniUtils.setGradMode(false);
		try {
			action.run();
		}
		finally {
			JniUtils.setGradMode(previous);
		}
	}
}
