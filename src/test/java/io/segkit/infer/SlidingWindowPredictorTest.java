package io.segkit.infer;

import static io.segkit.infer.InferTesting.CLASSES;
import static io.segkit.infer.InferTesting.box;
import static io.segkit.infer.InferTesting.manager;
import static io.segkit.infer.InferTesting.maxDifference;
import static io.segkit.infer.InferTesting.model;
import static io.segkit.infer.InferTesting.network;
import static io.segkit.infer.InferTesting.periodic;
import static io.segkit.infer.InferTesting.random;
import static io.segkit.infer.InferTesting.spec;
import static io.segkit.infer.InferTesting.wholeForward;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.nn.Networks;
import io.segkit.nn.PlainUNet;
import io.segkit.nn.SegmentationNetwork;

class SlidingWindowPredictorTest {

	private static final SlidingWindowPredictor.Options DEFAULTS = SlidingWindowPredictor.Options.defaults();
	private static NDManager manager;

	@BeforeAll
	static void start() {
		manager = manager();
	}

	@AfterAll
	static void stop() {
		manager.close();
	}

	private static SegmentationNetwork net(NetworkConfig config, long seed) {
		return Networks.createInitialized(config, manager, seed);
	}

	private static SlidingWindowPredictor predictor(ModelSpec spec, SlidingWindowPredictor.Options o,
			SegmentationNetwork... members) {
		return new SlidingWindowPredictor(model(spec, members), manager, o);
	}

	/**
	 * When the image fits in one tile, sliding-window prediction is exactly one forward pass over the image
	 * zero-padded to the patch (centred), cropped back; also for a 2D model over a stack (each slice is a tile).
	 */
	@Test
	void oneTileEqualsOneForwardOfThePaddedImage() {
		checkOneTile(2, new int[] {32, 32}, new int[] {3, 32, 32}, new int[] {0, 0, 0});
		checkOneTile(2, new int[] {32, 32}, new int[] {2, 20, 27}, new int[] {0, 6, 2});
		checkOneTile(3, new int[] {8, 16, 16}, new int[] {5, 16, 13}, new int[] {1, 0, 1});
	}

	private void checkOneTile(int dims, int[] patch, int[] shape, int[] padBefore) {
		SegmentationNetwork net = net(network(dims, 3), 1);
		float[][] image = random(2, shape);
		float[][] tiled = predictor(spec(net.config(), patch), DEFAULTS, net).predictLogits(image, shape,
			Progress.NONE);
		int[] padded = dims == 3 ? patch : new int[] {shape[0], patch[0], patch[1]};
		int[] origin = {-padBefore[0], -padBefore[1], -padBefore[2]};
		float[][] whole = wholeForward(net, manager, box(image, shape, origin, padded), padded);
		float[][] expected = box(whole, padded, padBefore, shape);
		assertTrue(maxDifference(expected, tiled) < 1e-4f, "difference " + maxDifference(expected, tiled));
	}

	/**
	 * Sliding window over many tiles equals one whole-image forward pass. With InstanceNorm (statistics per tile)
	 * and zero padding at tile borders this cannot hold for a general network and image, so the case is built
	 * where it must hold exactly: a pointwise network (all kernels 1, so no padding effects) on an image that
	 * repeats with a period that divides every tile start and the tile size and is a multiple of the total stride.
	 * Then every tile holds whole periods (its per-channel statistics equal the whole image's at every stage) and
	 * strided sampling lines up, so each tile's logits equal the whole image's at every voxel, and any error in
	 * tile placement, padding offsets, copying in or out or normalising the weights shows up.
	 */
	@Test
	void manyTilesEqualTheWholeImageForAPointwiseNetworkOnAPeriodicImage() {
		checkWhole(2, new int[] {32, 32}, new int[] {2, 64, 64}, new int[] {2, 8, 8});
		checkWhole(3, new int[] {8, 16, 16}, new int[] {16, 32, 32}, new int[] {4, 8, 8});
	}

	private void checkWhole(int dims, int[] patch, int[] shape, int[] period) {
		SegmentationNetwork net = net(network(dims, 1), 3);
		float[][] image = periodic(4, shape, period);
		float[][] tiled = predictor(spec(net.config(), patch), DEFAULTS.withBatchSize(3), net).predictLogits(image,
			shape, Progress.NONE);
		float[][] whole = wholeForward(net, manager, image, shape);
		assertTrue(maxDifference(whole, tiled) < 1e-4f, "difference " + maxDifference(whole, tiled));
	}

	/**
	 * The Gaussian blending, with a real 3x3 network: on an image whose period divides the tile starts and the
	 * patch, every tile sees the same input and gives the same logits Q (one forward of one tile), so voxel v must
	 * get sum_t g(v - t) Q(v - t) / sum_t g(v - t) over the tiles t that contain it. Tile starts are written out
	 * here independently of TileGrid.
	 */
	@Test
	void overlappingTilesAreBlendedWithTheGaussian() {
		checkBlend(2, new int[] {32, 32}, new int[] {1, 64, 64}, new int[] {1, 16, 16},
			new int[][] {{0}, {0, 16, 32}, {0, 16, 32}});
		checkBlend(3, new int[] {8, 16, 16}, new int[] {16, 32, 32}, new int[] {4, 8, 8},
			new int[][] {{0, 4, 8}, {0, 8, 16}, {0, 8, 16}});
	}

	private void checkBlend(int dims, int[] patch, int[] shape, int[] period, int[][] starts) {
		SegmentationNetwork net = net(network(dims, 3), 5);
		float[][] image = periodic(6, shape, period);
		float[][] tiled = predictor(spec(net.config(), patch), DEFAULTS, net).predictLogits(image, shape,
			Progress.NONE);
		int[] tile = dims == 3 ? patch : new int[] {1, patch[0], patch[1]};
		float[][] q = wholeForward(net, manager, box(image, shape, new int[3], tile), tile);
		float[] g = GaussianImportance.map(tile);
		float[][] expected = new float[CLASSES][tiled[0].length];
		float[] weight = new float[tiled[0].length];
		for (int sz : starts[0]) for (int sy : starts[1]) for (int sx : starts[2]) {
			int j = 0;
			for (int z = 0; z < tile[0]; z++) for (int y = 0; y < tile[1]; y++) for (int x = 0; x < tile[2]; x++, j++) {
				int i = ((sz + z) * shape[1] + sy + y) * shape[2] + sx + x;
				weight[i] += g[j];
				for (int k = 0; k < CLASSES; k++) expected[k][i] += g[j] * q[k][j];
			}
		}
		for (float[] e : expected) for (int i = 0; i < e.length; i++) e[i] /= weight[i];
		assertTrue(maxDifference(expected, tiled) < 1e-4f, "difference " + maxDifference(expected, tiled));
		// the blend is not trivial: the tile's logits vary, so wrong weights would show
		assertTrue(maxDifference(expected, box(q, tile, new int[3], shape)) > 1e-2f);
	}

	@Test
	void probabilitiesSumToOneForOddSizesAndProgressCountsTiles() {
		checkOddSize(2, new int[] {32, 32}, new int[] {2, 37, 45}, 2 * 2 * 2);
		checkOddSize(3, new int[] {8, 16, 16}, new int[] {11, 29, 31}, 2 * 3 * 3);
	}

	private void checkOddSize(int dims, int[] patch, int[] shape, int tiles) {
		SegmentationNetwork net = net(network(dims, 3), 7);
		AtomicLong done = new AtomicLong();
		AtomicLong total = new AtomicLong();
		Progress progress = new Progress() {

			@Override
			public void update(String step, long d, long t) {
				assertTrue(d >= done.get() && d <= t);
				done.set(d);
				total.set(t);
			}

			@Override
			public boolean isCancelRequested() {
				return false;
			}
		};
		float[][] p = predictor(spec(net.config(), patch), DEFAULTS, net).predictProbabilities(random(8, shape),
			shape, progress);
		assertEquals(CLASSES, p.length);
		for (int i = 0; i < p[0].length; i++) {
			double sum = 0;
			for (float[] c : p) {
				assertTrue(c[i] >= 0 && c[i] <= 1);
				sum += c[i];
			}
			assertEquals(1, sum, 1e-5);
		}
		assertEquals(shape[0] * shape[1] * shape[2], p[0].length);
		assertEquals(tiles, total.get());
		assertEquals(tiles, done.get());
	}

	/**
	 * Test-time mirroring averages f(N(f(x))) over all flips f; for an input that every flip leaves unchanged the
	 * result is therefore mirror-symmetric (the tile layout and the Gaussian are symmetric too), which it is not
	 * without mirroring.
	 */
	@Test
	void mirroringMakesTheResultOfASymmetricInputSymmetric() {
		checkMirror(2, new int[] {32, 32}, new int[] {1, 37, 45});
		checkMirror(3, new int[] {8, 16, 16}, new int[] {11, 30, 32});
	}

	private void checkMirror(int dims, int[] patch, int[] shape) {
		SegmentationNetwork net = net(network(dims, 3), 9);
		float[][] image = symmetric(random(10, shape), shape, (z, y, x) -> index(shape, Math.min(z, shape[0] - 1 - z),
			Math.min(y, shape[1] - 1 - y), Math.min(x, shape[2] - 1 - x)));
		ModelSpec spec = spec(net.config(), patch);
		float[][] mirrored = predictor(spec, DEFAULTS.withMirroring(true), net).predictLogits(image, shape,
			Progress.NONE);
		float[][] plain = predictor(spec, DEFAULTS, net).predictLogits(image, shape, Progress.NONE);
		for (int axis = 3 - dims; axis < 3; axis++) {
			assertTrue(asymmetry(mirrored, shape, axis) < 1e-4f, "axis " + axis + ": " + asymmetry(mirrored, shape,
				axis));
			assertTrue(asymmetry(plain, shape, axis) > 1e-3f);
		}
	}

	/**
	 * Where y and x have the same voxel size, test-time augmentation also swaps y and x: averaging over mirrorings
	 * and swaps, the result of an input that a swap leaves unchanged is swap-symmetric too (the square tiles, their
	 * layout and the Gaussian are), which it is not without augmentation.
	 */
	@Test
	void augmentationSwapsYAndXWhereTheyHaveTheSameVoxelSize() {
		checkSwap(2, new int[] {32, 32}, new int[] {1, 40, 40});
		checkSwap(3, new int[] {8, 16, 16}, new int[] {11, 28, 28});
	}

	private void checkSwap(int dims, int[] patch, int[] shape) {
		SegmentationNetwork net = net(network(dims, 3), 19);
		float[][] image = symmetric(random(20, shape), shape, (z, y, x) -> index(shape, z, Math.min(y, x), Math.max(y,
			x)));
		SlidingWindowPredictor augmented = predictor(spec(net.config(), patch), DEFAULTS.withMirroring(true), net);
		assertEquals(2 << dims, augmented.copiesPerTile(), "every mirroring, with and without the swap");
		assertTrue(swapAsymmetry(augmented.predictLogits(image, shape, Progress.NONE), shape) < 1e-4f);
		assertTrue(swapAsymmetry(predictor(spec(net.config(), patch), DEFAULTS, net).predictLogits(image, shape,
			Progress.NONE), shape) > 1e-3f);
	}

	private static float swapAsymmetry(float[][] s, int[] shape) {
		return largestDifference(s, shape, (z, y, x) -> index(shape, z, x, y));
	}

	/** A voxel (z, y, x) to the flat index of another voxel of the same image. */
	private interface VoxelMap {
		int indexOf(int z, int y, int x);
	}

	private static int index(int[] shape, int z, int y, int x) {
		return (z * shape[1] + y) * shape[2] + x;
	}

	/** The image with every voxel taken from its {@code representative}: symmetric under the map's symmetry. */
	private static float[][] symmetric(float[][] full, int[] shape, VoxelMap representative) {
		float[][] image = new float[full.length][full[0].length];
		for (int c = 0; c < full.length; c++) {
			for (int z = 0; z < shape[0]; z++) for (int y = 0; y < shape[1]; y++) for (int x = 0; x < shape[2]; x++) {
				image[c][index(shape, z, y, x)] = full[c][representative.indexOf(z, y, x)];
			}
		}
		return image;
	}

	/** The largest difference between a voxel and its {@code partner}, over all channels. */
	private static float largestDifference(float[][] s, int[] shape, VoxelMap partner) {
		float max = 0;
		for (float[] c : s) {
			for (int z = 0; z < shape[0]; z++) for (int y = 0; y < shape[1]; y++) for (int x = 0; x < shape[2]; x++) {
				max = Math.max(max, Math.abs(c[index(shape, z, y, x)] - c[partner.indexOf(z, y, x)]));
			}
		}
		return max;
	}

	/**
	 * A swapped tile would show stretched objects where y and x voxels differ, or not fit where they down-sample
	 * differently.
	 */
	@Test
	void augmentationOnlyMirrorsWhereYAndXDiffer() {
		NetworkConfig net = network(3, 3);
		ModelSpec square = spec(net, 8, 16, 16);
		assertTrue(SlidingWindowPredictor.swapsYAndX(square));
		assertTrue(SlidingWindowPredictor.swapsYAndX(withSpacing(square, 2, 0.5, 0.504)), "within 1 %");
		assertFalse(SlidingWindowPredictor.swapsYAndX(withSpacing(square, 1, 0.5, 0.6)));
		int[][] strides = {{1, 1, 1}, {1, 2, 1}, {2, 2, 2}};
		NetworkConfig uneven = new NetworkConfig(net.architecture(), 3, net.inChannels(), net.classes(),
			net.features(), net.kernelSizes(), strides, true);
		assertFalse(SlidingWindowPredictor.swapsYAndX(spec(uneven, 8, 16, 16)));
		SegmentationNetwork member = net(net, 21);
		assertEquals(8, predictor(withSpacing(square, 1, 0.5, 0.6), DEFAULTS.withMirroring(true), member)
			.copiesPerTile());
		assertEquals(1, predictor(square, DEFAULTS, member).copiesPerTile());
	}

	private static ModelSpec withSpacing(ModelSpec s, double... spacing) {
		return new ModelSpec(s.name(), s.network(), s.channelNames(), s.classNames(), s.patchSize(), spacing, s.unit(),
			s.normalization(), s.training(), s.segkitVersion(), s.instances());
	}

	private static float asymmetry(float[][] s, int[] shape, int axis) {
		return largestDifference(s, shape, (z, y, x) -> {
			int[] m = {z, y, x};
			m[axis] = shape[axis] - 1 - m[axis];
			return index(shape, m[0], m[1], m[2]);
		});
	}

	@Test
	void membersLogitsAreAveraged() {
		NetworkConfig config = network(2, 3);
		SegmentationNetwork a = net(config, 11);
		SegmentationNetwork b = net(config, 12);
		ModelSpec spec = spec(config, 32, 32);
		int[] shape = {2, 40, 36};
		float[][] image = random(13, shape);
		float[][] la = predictor(spec, DEFAULTS, a).predictLogits(image, shape, Progress.NONE);
		float[][] lb = predictor(spec, DEFAULTS, b).predictLogits(image, shape, Progress.NONE);
		float[][] lab = predictor(spec, DEFAULTS, a, b).predictLogits(image, shape, Progress.NONE);
		float[][] laa = predictor(spec, DEFAULTS, a, a).predictLogits(image, shape, Progress.NONE);
		assertTrue(maxDifference(la, laa) < 1e-5f);
		Predictions.addInto(la, lb);
		Predictions.scale(la, 0.5f);
		assertTrue(maxDifference(la, lab) < 1e-5f);
	}

	@Test
	void cancelThrowsAndLeavesNoArraysBehind() {
		SegmentationNetwork net = net(network(2, 3), 14);
		int[] shape = {4, 40, 40};
		int before = manager.getManagedArrays().size();
		AtomicLong forwards = new AtomicLong();
		Progress cancelAfterFirstBatch = new Progress() {

			@Override
			public void update(String step, long done, long total) {
				forwards.set(done);
			}

			@Override
			public boolean isCancelRequested() {
				return forwards.get() > 0;
			}
		};
		SlidingWindowPredictor p = predictor(spec(net.config(), 32, 32), DEFAULTS.withBatchSize(2), net);
		assertThrows(Cancelled.class, () -> p.predictProbabilities(random(15, shape), shape, cancelAfterFirstBatch));
		assertEquals(2, forwards.get());
		assertEquals(before, manager.getManagedArrays().size());
	}

	/**
	 * A device that runs out of memory (libtorch's "CUDA out of memory") with more than one tile per batch: the same
	 * tiles are predicted again, fewer at a time, with a notice, and the result is what a batch of 1 gives; when even
	 * one tile does not fit, the error says so and what to do. No arrays are left behind either way.
	 */
	@Test
	void aFullDeviceGetsFewerTilesPerBatchAndTheSameResult() {
		SegmentationNetwork net = net(network(2, 3), 21);
		int[] shape = {5, 40, 40};
		float[][] image = random(22, shape);
		float[][] expected = predictor(spec(net.config(), 32, 32), DEFAULTS.withBatchSize(1), net).predictLogits(image,
			shape, Progress.NONE);
		SlidingWindowPredictor p = predictor(spec(net.config(), 32, 32), DEFAULTS.withBatchSize(4), net);
		List<String> notices = new ArrayList<>();
		p.setNotices(notices::add);
		List<Integer> batches = new ArrayList<>();
		p.wrapForward(real -> (batch, parameters, input, n, progress) -> {
			batches.add(n);
			if (n > 1) throw new ai.djl.engine.EngineException("CUDA out of memory. Tried to allocate 2.00 GiB");
			return real.run(batch, parameters, input, n, progress);
		});
		int before = manager.getManagedArrays().size();
		float[][] got = p.predictLogits(image, shape, Progress.NONE);
		assertTrue(maxDifference(expected, got) < 1e-5f, "difference " + maxDifference(expected, got));
		assertEquals(1, p.batchSize());
		assertEquals(List.of(4, 2, 1), batches.subList(0, 3), "halved until it fits, then kept");
		assertEquals(2, notices.size(), notices.toString());
		assertTrue(notices.get(0).contains("ran out of memory with 4 tiles per batch; 2 from now on"), notices.get(0));
		assertEquals(before, manager.getManagedArrays().size());

		p.wrapForward(real -> (batch, parameters, input, n, progress) -> {
			throw new ai.djl.engine.EngineException("DefaultCPUAllocator: can't allocate memory: you tried to "
				+ "allocate 68719476736 bytes");
		});
		SegKitException e = assertThrows(SegKitException.class, () -> p.predictLogits(image, shape, Progress.NONE));
		assertTrue(e.getMessage().contains("too small for the model") && e.getMessage().contains("Memory & Threads"),
			e.getMessage());
		p.wrapForward(real -> (batch, parameters, input, n, progress) -> {
			throw new ai.djl.engine.EngineException("a shape mismatch");
		});
		assertEquals("a shape mismatch", assertThrows(ai.djl.engine.EngineException.class, () -> p.predictLogits(
			image, shape, Progress.NONE)).getMessage(), "other errors are not taken for a full device");
		assertEquals(before, manager.getManagedArrays().size());
	}

	@Test
	void predictionLeavesNoArraysOnTheManager() {
		SegmentationNetwork net = net(network(3, 3), 16);
		int[] shape = {9, 20, 24};
		SlidingWindowPredictor p = predictor(spec(net.config(), 8, 16, 16), DEFAULTS.withMirroring(true), net, net);
		int before = manager.getManagedArrays().size();
		p.predictProbabilities(random(17, shape), shape, Progress.NONE);
		p.predictLogits(random(18, shape), shape, Progress.NONE);
		assertEquals(before, manager.getManagedArrays().size());
	}

	/** A plain U-Net that records whether PyTorch recorded gradients during any forward pass. */
	static final class GradModeSpy extends PlainUNet {

		final AtomicBoolean sawGradMode = new AtomicBoolean();

		GradModeSpy(NetworkConfig config) {
			super(config);
		}

		@Override
		protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
			if (JniUtils.isGradMode()) sawGradMode.set(true);
			return super.forwardChecked(ps, inputs, training);
		}
	}

	/** On a thread where grad mode is on, prediction switches it off for the forward passes and restores it. */
	@Test
	void noGradientsAreRecordedAndGradModeIsRestored() throws InterruptedException {
		GradModeSpy spy = new GradModeSpy(network(2, 3));
		Networks.initialize(spy, manager, 19);
		SlidingWindowPredictor p = predictor(spec(spy.config(), 32, 32), DEFAULTS, spy);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicBoolean gradModeAfter = new AtomicBoolean();
		Thread t = new Thread(() -> {
			try {
				JniUtils.setGradMode(true);
				int[] shape = {1, 40, 40};
				p.predictProbabilities(random(20, shape), shape, Progress.NONE);
				gradModeAfter.set(JniUtils.isGradMode());
				JniUtils.setGradMode(false);
			}
			catch (Throwable e) {
				failure.set(e);
			}
		});
		t.start();
		t.join();
		assertEquals(null, failure.get());
		assertFalse(spy.sawGradMode.get());
		assertTrue(gradModeAfter.get());
	}

	@Test
	void wrongChannelCountIsExplained() {
		SegmentationNetwork net = net(network(2, 3), 21);
		SlidingWindowPredictor p = predictor(spec(net.config(), 32, 32), DEFAULTS, net);
		SegKitException e = assertThrows(SegKitException.class, () -> p.predictProbabilities(new float[][] {
			new float[100]}, new int[] {1, 10, 10}, Progress.NONE));
		assertTrue(e.getMessage().contains("expects 2 channels (DAPI, GFP) but the image has 1"), e.getMessage());
	}

	@Test
	void unpaddedNetworksAreRefused() {
		NetworkConfig unpadded = new NetworkConfig(Architecture.UNET_2015, 2, 2, 3, new int[] {4, 8},
			new int[][] {{3, 3}, {3, 3}}, new int[][] {{1, 1}, {2, 2}}, false);
		LoadedModel model = model(spec(unpadded, 20, 20), net(unpadded, 22));
		SegKitException e = assertThrows(SegKitException.class, () -> new SlidingWindowPredictor(model, manager,
			DEFAULTS));
		assertTrue(e.getMessage().contains("smaller than its input"), e.getMessage());
	}

	@Test
	void labelsFollowTheHighestProbability() {
		SegmentationNetwork net = net(network(2, 3), 23);
		int[] shape = {1, 33, 35};
		float[][] p = predictor(spec(net.config(), 32, 32), DEFAULTS, net).predictProbabilities(random(24, shape),
			shape, Progress.NONE);
		byte[] labels = Predictions.labelsAsBytes(p);
		short[] shorts = Predictions.labelsAsShorts(p);
		for (int i = 0; i < labels.length; i++) {
			for (float[] c : p) assertTrue(c[i] <= p[labels[i]][i]);
			assertEquals(labels[i], shorts[i]);
		}
		assertArrayEquals(labels, Predictions.labelsAsBytes(predictor(spec(net.config(), 32, 32), DEFAULTS, net)
			.predictLogits(random(24, shape), shape, Progress.NONE)));
	}
}
