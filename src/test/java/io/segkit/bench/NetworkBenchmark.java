package io.segkit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import io.segkit.engine.Engines;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.nn.Networks;
import io.segkit.nn.SegmentationNetwork;

/**
 * Training-step and inference times of nnU-Net's plain U-Net on the CPU, side by side with the eager PyTorch
 * reference bench/torch_reference.py (same network, loss, optimizer, batch, patch, threads and protocol; see
 * bench/run-nn.sh and bench/README.md).
 * <p>
 * Cases: "2d" (5 stages, features 32..512, strides 1,2,2,2,2, batch 4, patch 128x128) and "3d" (4 stages, 32..256,
 * strides (1,1,1),(2,2,2)x3, batch 2, patch 32x64x64); kernel 3, deep supervision. Loss per output: cross-entropy +
 * 1 - soft Dice (foreground classes, batch Dice, smooth 1e-5), nnU-Net's deep-supervision weights (1/2^i, lowest
 * resolution 0, normalised); targets are one-hot maps made once. SGD with Nesterov momentum 0.99, lr 0.01, weight
 * decay 3e-5, written with plain in-place DJL operations. Timed: warm-up steps, then the median of N training steps
 * (forward + backward + update) and of N inference forwards (no gradient, same batch).
 * <p>
 * {@code java -cp "target/classes:target/test-classes:target/deps/*" io.segkit.bench.NetworkBenchmark [--case 2d|3d|all] [--steps N]
 * [--warmup W] [--threads T] [--classes C] [--device cpu|gpu|gpu:N]}
 */
public final class NetworkBenchmark {

	static final float LR = 0.01f;
	static final float MOMENTUM = 0.99f;
	static final float WEIGHT_DECAY = 3e-5f;
	static final float SMOOTH = 1e-5f;
	static boolean PROFILE = Boolean.getBoolean("segkit.bench.profile");

	record Case(String name, NetworkConfig config, long batch, long[] patch) {}

	private NetworkBenchmark() {}

	public static void main(String[] args) {
		String which = "all";
		int steps = 10;
		int warmup = 3;
		int threads = 2;
		int classes = 3;
		String device = "cpu";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--case" -> which = args[++i];
				case "--steps" -> steps = Integer.parseInt(args[++i]);
				case "--warmup" -> warmup = Integer.parseInt(args[++i]);
				case "--threads" -> threads = Integer.parseInt(args[++i]);
				case "--classes" -> classes = Integer.parseInt(args[++i]);
				case "--device" -> device = args[++i];
				default -> {
					System.err.println("Usage: NetworkBenchmark [--case 2d|3d|all] [--steps N] [--warmup W] "
							+ "[--threads T] [--classes C] [--device cpu|gpu|gpu:N]");
					System.exit(2);
				}
			}
		}
		Engines.setThreads(threads, 1);
		Engines.pytorch();
		Device on = Engines.device(device);
		System.out.printf("# SegKit DJL %s libtorch %s (%s) threads=%s interop=%s device=%s cpus=%d loadavg=%.1f%n",
				ai.djl.engine.Engine.getDjlVersion(), Engines.libtorchVersion(), Engines.flavour(),
				System.getProperty("ai.djl.pytorch.num_threads"), System.getProperty("ai.djl.pytorch.num_interop_threads"),
				Engines.describe(on), Runtime.getRuntime().availableProcessors(), loadAverage());
		List<Case> cases = new ArrayList<>();
		if (which.equals("2d") || which.equals("all")) cases.add(case2d(classes));
		if (which.equals("3d") || which.equals("all")) cases.add(case3d(classes));
		if (cases.isEmpty()) throw new IllegalArgumentException("--case must be 2d, 3d or all");
		for (Case c : cases) run(c, steps, warmup, on);
		System.out.printf("# loadavg at end=%.1f%n", loadAverage());
	}

	static Case case2d(int classes) {
		int[] f = {32, 64, 128, 256, 512};
		int[][] k = new int[5][];
		int[][] s = new int[5][];
		for (int i = 0; i < 5; i++) {
			k[i] = new int[] {3, 3};
			s[i] = i == 0 ? new int[] {1, 1} : new int[] {2, 2};
		}
		return new Case("2d", new NetworkConfig(Architecture.PLAIN_UNET, 2, 1, classes, f, k, s, true), 4,
				new long[] {128, 128});
	}

	static Case case3d(int classes) {
		int[] f = {32, 64, 128, 256};
		int[][] k = new int[4][];
		int[][] s = new int[4][];
		for (int i = 0; i < 4; i++) {
			k[i] = new int[] {3, 3, 3};
			s[i] = i == 0 ? new int[] {1, 1, 1} : new int[] {2, 2, 2};
		}
		return new Case("3d", new NetworkConfig(Architecture.PLAIN_UNET, 3, 1, classes, f, k, s, true), 2,
				new long[] {32, 64, 64});
	}

	/** nnU-Net's deep-supervision weights: 1/2^i, the lowest resolution 0, normalised to sum 1. */
	static float[] dsWeights(int n) {
		float[] w = new float[n];
		float sum = 0;
		for (int i = 0; i < n; i++) {
			w[i] = i == n - 1 && n > 1 ? 0 : (float) Math.pow(0.5, i);
			sum += w[i];
		}
		for (int i = 0; i < n; i++) w[i] /= sum;
		return w;
	}

	/** Times one case on {@code device}: a loss read back (training) or a sum read back (inference) ends each step,
	 * so a GPU's queued work is inside the time. */
	private static void run(Case c, int steps, int warmup, Device device) {
		NetworkConfig config = c.config();
		int dims = config.dims();
		long[] inShape = new long[dims + 2];
		inShape[0] = c.batch();
		inShape[1] = config.inChannels();
		System.arraycopy(c.patch(), 0, inShape, 2, dims);
		long voxels = c.batch();
		for (long p : c.patch()) voxels *= p;
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(device))) {
			SegmentationNetwork net = Networks.createInitialized(config, manager, 1);
			List<NDArray> weights = new ArrayList<>();
			List<NDArray> momentum = new ArrayList<>();
			for (Pair<String, Parameter> p : net.getParameters()) {
				NDArray w = p.getValue().getArray();
				w.setRequiresGradient(true);
				weights.add(w);
				momentum.add(manager.zeros(w.getShape()));
			}
			ParameterStore ps = new ParameterStore(manager, false);
			manager.getEngine().setRandomSeed(1);
			NDArray x = manager.randomNormal(new Shape(inShape));
			long[] labelShape = inShape.clone();
			labelShape[1] = 1;
			NDArray labels = manager.randomInteger(0, config.classes(), new Shape(labelShape), DataType.INT64);
			NDArray classIds = manager.arange(config.classes()).toType(DataType.INT64, false).reshape(classShape(dims,
					config.classes()));
			List<NDArray> targets = new ArrayList<>();
			int[] factor = new int[dims];
			Arrays.fill(factor, 1);
			for (int s = 0; s < net.outputCount(); s++) {
				if (s > 0) for (int a = 0; a < dims; a++) factor[a] *= config.strides()[s][a];
				StringBuilder index = new StringBuilder(":, :");
				for (int a = 0; a < dims; a++) index.append(", ::").append(factor[a]);
				targets.add(labels.get(new NDIndex(index.toString())).eq(classIds).toType(DataType.FLOAT32, false));
			}
			float[] dsWeights = dsWeights(net.outputCount());
			System.out.printf("case=%s dims=%d batch=%d patch=%s features=%s strides=%s classes=%d params=%d%n", c.name(),
					dims, c.batch(), join(c.patch()), Arrays.toString(config.features()), Arrays.deepToString(config
							.strides()), config.classes(), Networks.parameterCount(net));

			double[] times = new double[steps];
			for (int i = 0; i < warmup + steps; i++) {
				long t0 = System.nanoTime();
				float loss = trainStep(manager, net, ps, x, targets, dsWeights, weights, momentum);
				double t = (System.nanoTime() - t0) / 1e9;
				if (i >= warmup) times[i - warmup] = t;
				if ((i + 1) % 5 == 0 || i + 1 == warmup + steps) {
					System.out.printf("#   train step %d: %.3f s loss=%.4f rss_mb=%.0f heap_mb=%.0f%n", i + 1, t, loss,
							MemoryProbe.megabytes(MemoryProbe.resident("VmRSS")), MemoryProbe.megabytes(MemoryProbe.usedHeap()));
				}
			}
			report("train", c.name(), times, voxels, steps);

			if (JniUtils.isGradMode()) throw new IllegalStateException("grad mode is on outside training");
			for (int i = 0; i < warmup + steps; i++) {
				long t0 = System.nanoTime();
				try (NDManager step = manager.newSubManager()) {
					x.tempAttach(step);
					NDList out = net.forward(ps, new NDList(x), false);
					out.head().sum().getFloat();
				}
				double t = (System.nanoTime() - t0) / 1e9;
				if (i >= warmup) times[i - warmup] = t;
			}
			report("infer", c.name(), times, voxels, steps);
		}
	}

	private static float trainStep(NDManager manager, SegmentationNetwork net, ParameterStore ps, NDArray x,
			List<NDArray> targets, float[] dsWeights, List<NDArray> weights, List<NDArray> momentum) {
		try (NDManager step = manager.newSubManager()) { // everything of this step is freed here
			x.tempAttach(step);
			for (NDArray t : targets) t.tempAttach(step);
			float value;
			long t0 = System.nanoTime();
			long t1;
			long t2;
			long t3;
			try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
				NDList out = net.forward(ps, new NDList(x), true);
				t1 = System.nanoTime();
				NDArray loss = null;
				for (int i = 0; i < out.size(); i++) {
					if (dsWeights[i] == 0) continue;
					NDArray term = ceDice(out.get(i), targets.get(i)).mul(dsWeights[i]);
					loss = loss == null ? term : loss.add(term);
				}
				value = loss.getFloat();
				t2 = System.nanoTime();
				collector.backward(loss);
				t3 = System.nanoTime();
			}
			sgdNesterov(step, weights, momentum); // gradient recording is off again here
			long t4 = System.nanoTime();
			if (PROFILE) {
				System.out.printf("#     forward %.3f loss %.3f backward %.3f update %.3f s%n", (t1 - t0) / 1e9, (t2
						- t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
			}
			return value;
		}
	}

	/** Cross-entropy + (1 - soft Dice over the foreground classes, batch Dice) on a one-hot target. */
	static NDArray ceDice(NDArray logits, NDArray oneHot) {
		NDArray lsm = logits.logSoftmax(1);
		NDArray ce = lsm.mul(oneHot).sum(new int[] {1}).mean().neg();
		NDArray p = lsm.exp();
		int[] axes = new int[logits.getShape().dimension() - 1];
		for (int a = 1; a < axes.length; a++) axes[a] = a + 1;
		NDArray tp = p.mul(oneHot).sum(axes);
		NDArray dice = tp.mul(2).add(SMOOTH).div(p.sum(axes).add(oneHot.sum(axes)).add(SMOOTH));
		return ce.add(dice.get(new NDIndex("1:")).mean().neg().add(1));
	}

	/**
	 * PyTorch's SGD step with Nesterov momentum and weight decay: d = g + wd w; buf = mu buf + d; d += mu buf;
	 * w -= lr d; then the gradient is zeroed for the next backward. In place where possible; temporaries go to the
	 * step's manager.
	 */
	static void sgdNesterov(NDManager step, List<NDArray> weights, List<NDArray> momentum) {
		for (int i = 0; i < weights.size(); i++) {
			NDArray w = weights.get(i);
			NDArray buf = momentum.get(i);
			NDArray g = w.getGradient();
			g.attach(step);
			NDArray decay = w.mul(WEIGHT_DECAY);
			decay.attach(step);
			g.addi(decay);
			buf.muli(MOMENTUM).addi(g);
			NDArray look = buf.mul(MOMENTUM);
			look.attach(step);
			g.addi(look);
			w.subi(g.muli(LR));
			JniUtils.zeroGrad((PtNDArray) w);
		}
	}

	private static void report(String op, String name, double[] times, long voxels, int steps) {
		double[] sorted = times.clone();
		Arrays.sort(sorted);
		double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
		System.out.printf("op=%s case=%s seconds=%.4f min=%.4f voxels_per_s=%.4g steps=%d rss_mb=%.0f peak_rss_mb=%.0f "
				+ "peak_heap_mb=%.0f%n", op, name, median, sorted[0], voxels / median, steps, MemoryProbe.megabytes(MemoryProbe.resident("VmRSS")), MemoryProbe.megabytes(MemoryProbe.resident(
						"VmHWM")), MemoryProbe.megabytes(MemoryProbe.peakHeap()));
	}

	private static long[] classShape(int dims, int classes) {
		long[] s = new long[dims + 2];
		Arrays.fill(s, 1);
		s[1] = classes;
		return s;
	}

	private static String join(long[] v) {
		StringBuilder b = new StringBuilder();
		for (long x : v) b.append(b.length() == 0 ? "" : "x").append(x);
		return b.toString();
	}

	static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}
}
