package io.segkit.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.engine.Engines;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.model.TrainingSummary;
import io.segkit.nn.Networks;
import io.segkit.nn.SegmentationNetwork;
import io.segkit.train.TrainingResult.StopReason;

/** One training run (fresh or resumed): the state {@link Trainer} keeps between epochs, and the loop. */
final class TrainingRun {

	/** What a resumed run starts from. */
	record Restart(Path checkpoint, Checkpoint.State state, List<EpochRecord> history, Map<String, byte[]> extras) {}

	/** nnU-Net's moving average of the pseudo-Dice: 0.9 old + 0.1 new. */
	static final double SMOOTHING = 0.9;
	static final double NESTEROV_MOMENTUM = 0.99;
	private static final int PREFETCH = 2;

	private final ModelSpec spec;
	private final TrainingSettings settings;
	private final Split split;
	private final List<PreparedCase> trainingCases = new ArrayList<>();
	private final List<PreparedCase> validationCases = new ArrayList<>();
	private final Path folder;
	private final TrainingListener listener;
	private final Progress progress;
	private final Validator.Factory validatorFactory;

	private NDManager manager;
	private Device device;
	private SegmentationNetwork net;
	private ParameterStore parameterStore;
	private final List<NDArray> weights = new ArrayList<>();
	private ParameterOptimizer optimizer;
	private SegmentationLoss loss;
	private int[][] outputSizes;
	private final List<EpochRecord> history = new ArrayList<>();
	private double smoothedDice = Double.NaN, bestSmoothedDice = Double.NaN, bestDice = Double.NaN;
	private int bestEpoch, epochsDone, epochsWithoutImprovement;
	private Path lastWritten; // the newest checkpoint of this run (the restart file until one is written)
	private Timing timing;

	TrainingRun(ModelSpec spec, TrainingSettings settings, Split split, Map<String, PreparedCase> cases, Path folder,
			TrainingListener listener, Progress progress, Validator.Factory validatorFactory) {
		this.spec = spec;
		this.settings = settings;
		this.split = split;
		for (String n : split.training()) trainingCases.add(cases.get(n));
		for (String n : split.validation()) validationCases.add(cases.get(n));
		this.folder = folder;
		this.listener = listener == null ? TrainingListener.NONE : listener;
		this.progress = progress == null ? Progress.NONE : progress;
		this.validatorFactory = validatorFactory == null ? Trainer::patchValidator : validatorFactory;
	}

	TrainingResult start(Restart restart) {
		return Engines.call(() -> {
			device = Engines.device(settings.device());
			try (NDManager m = Engines.pytorch().newBaseManager(device)) {
				manager = m;
				setUp(restart);
				if (restart == null) writeCheckpoints(false);
				return loop();
			}
		});
	}

	private void setUp(Restart restart) {
		progress.update("Preparing training", 0, 1);
		net = restart == null ? Networks.createInitialized(spec.network(), manager, settings.seed())
			: ModelBundle.read(restart.checkpoint(), manager).members().get(0);
		parameterStore = new ParameterStore(manager, false);
		for (Pair<String, Parameter> p : net.getParameters()) {
			NDArray w = p.getValue().getArray();
			w.setRequiresGradient(true);
			weights.add(w);
		}
		optimizer = settings.optimizer() == TrainingSettings.OptimizerKind.SGD ? new Sgd(weights, NESTEROV_MOMENTUM,
			settings.weightDecay()) : new Adam(weights, settings.weightDecay());
		outputSizes = Trainer.outputSizes(net, spec.patchSize());
		SegmentationLoss classLoss = new SegmentationLoss(spec.classNames().size(), settings.ignoreLabel(), settings
			.batchDice(), net.lossWeights());
		loss = spec.hasDistanceHead() ? classLoss.withDistanceHead() : classLoss;
		if (restart != null) restore(restart);
		lastWritten = restart == null ? null : restart.checkpoint();
	}

	private void restore(Restart r) {
		try (NDManager m = manager.newSubManager()) {
			optimizer.restore(Checkpoint.optimizerState(r.extras(), m));
		}
		Checkpoint.State s = r.state();
		history.addAll(r.history());
		epochsDone = s.epochsDone();
		smoothedDice = s.smoothedDice();
		bestSmoothedDice = s.bestSmoothedDice();
		bestDice = s.bestDice();
		bestEpoch = s.bestEpoch();
		epochsWithoutImprovement = s.epochsWithoutImprovement();
	}

	private TrainingResult loop() {
		if (epochsDone >= settings.epochs()) return result(StopReason.FINISHED);
		Validator validator = validatorFactory.create(validationCases.isEmpty() ? trainingCases : validationCases, spec,
			settings);
		PatchSampler sampler = new PatchSampler(trainingCases, spec.patchSize(), spec.classNames().size(), settings
			.augmentation());
		BatchSource source = new BatchSource(sampler, settings.batchSize(), settings.seed(), outputSizes, spec
			.hasDistanceHead() ? new DistanceTargets(spec) : null);
		long started = System.nanoTime();
		double epochSecondsSum = 0;
		int epochsThisRun = 0;
		int iterations = settings.iterationsPerEpoch();
		timing = new Timing(settings.validationPatches() / (double) settings.batchSize());
		try (Prefetcher<Batch> batches = new Prefetcher<>(source::batch, (long) epochsDone * iterations, PREFETCH)) {
			while (epochsDone < settings.epochs()) {
				if (epochsThisRun > 0 && timing.overruns(started, settings.timeBudgetSeconds())) {
					return result(StopReason.TIME_BUDGET);
				}
				long epochStart = System.nanoTime();
				int horizon = PolySchedule.horizon(epochsDone, settings.epochs(), settings.timeBudgetSeconds(),
					(System.nanoTime() - started) / 1e9, epochsThisRun == 0 ? 0 : epochSecondsSum / epochsThisRun);
				double lr = PolySchedule.learningRate(settings.learningRate(), epochsDone, horizon);
				double lossSum = 0;
				int done = 0, counted = 0;
				boolean cutShort = false;
				while (done < iterations) {
					if (cancelRequested()) return result(StopReason.CANCELLED);
					if (done > 0 && timing.overruns(started, settings.timeBudgetSeconds())) {
						cutShort = true;
						break;
					}
					long stepStart = System.nanoTime();
					double loss = step(nextBatch(batches), lr);
					if (skippedInARow >= MAX_SKIPPED_IN_A_ROW) return diverged();
					if (!Double.isNaN(loss)) {
						lossSum += loss;
						counted++;
					}
					timing.iterationTook((System.nanoTime() - stepStart) / 1e9);
					report(++done, counted == 0 ? Double.NaN : lossSum / counted);
				}
				double dice;
				long validationStart = System.nanoTime();
				try {
					dice = validator.meanForegroundDice(net, manager, progress);
				}
				catch (Cancelled c) {
					return result(StopReason.CANCELLED);
				}
				timing.validationTook((System.nanoTime() - validationStart) / 1e9);
				double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
				epochSecondsSum += epochSeconds;
				epochsThisRun++;
				finishEpoch(counted == 0 ? Double.NaN : lossSum / counted, dice, lr, epochSeconds);
				if (cutShort) return result(StopReason.TIME_BUDGET);
				if (settings.patience() > 0 && epochsWithoutImprovement >= settings.patience()) {
					return result(StopReason.EARLY_STOP);
				}
			}
		}
		catch (CancelledWait e) {
			return result(StopReason.CANCELLED);
		}
		return result(StopReason.FINISHED);
	}

	/** Thrown inside the loop when the wait for a batch was interrupted. */
	private static final class CancelledWait extends RuntimeException {

		CancelledWait() {
			super(null, null, false, false);
		}
	}

	private static Batch nextBatch(Prefetcher<Batch> batches) {
		try {
			return batches.next();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledWait();
		}
	}

	private boolean cancelRequested() {
		return progress.isCancelRequested() || Thread.currentThread().isInterrupted();
	}

	/**
	 * Keeps a time budget to within about one iteration: another iteration may start only if it and the epoch's
	 * validation (measured last epoch; before the first, estimated as the forward passes of the validation batches at
	 * half an iteration each) still end within the budget. An epoch cut short is validated and saved like any other.
	 */
	private static final class Timing {

		private final double validationBatches;
		private double iterationSeconds;
		private double validationSeconds = Double.NaN;
		private final List<Double> steps = new ArrayList<>();

		Timing(double validationBatches) {
			this.validationBatches = validationBatches;
		}

		void iterationTook(double seconds) {
			iterationSeconds = iterationSeconds == 0 ? seconds : 0.8 * iterationSeconds + 0.2 * seconds;
			steps.add(seconds);
		}

		/** The median of this run's steps, which the first, slower ones do not sway (NaN before the first). */
		double medianStepSeconds() {
			if (steps.isEmpty()) return Double.NaN;
			double[] sorted = steps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			return sorted[sorted.length / 2];
		}

		void validationTook(double seconds) {
			validationSeconds = seconds;
		}

		/** True when one more iteration and the validation would end past {@code budget} seconds (0 = no limit). */
		boolean overruns(long started, double budget) {
			if (budget <= 0) return false;
			double validation = Double.isNaN(validationSeconds) ? 0.5 * iterationSeconds * Math.ceil(validationBatches)
				: validationSeconds;
			double elapsed = (System.nanoTime() - started) / 1e9;
			return elapsed + iterationSeconds + validation > budget;
		}
	}

	/** Steps in a row that may be skipped for a non-finite loss or gradient before training counts as diverged. */
	static final int MAX_SKIPPED_IN_A_ROW = 10;
	private int skippedInARow;

	/**
	 * One optimisation step on a batch; returns its loss, or NaN when the step was skipped because the loss or the
	 * gradients were not finite (as PyTorch's gradient scaler skips such steps): one bad batch must not turn every
	 * weight into NaN. Many in a row mean training diverged. Everything it allocates is freed at the end.
	 */
	private double step(Batch batch, double lr) {
		try (NDManager m = manager.newSubManager()) {
			NDArray x = m.create(batch.images(), inputShape(batch));
			NDList targets = new NDList();
			for (int o = 0; o < outputSizes.length; o++) {
				targets.add(m.create(unsigned(batch.targets()[o]), targetShape(o)));
			}
			double value;
			try (GradientCollector collector = newCollector()) {
				NDArray distances = batch.distances() == null ? null : m.create(batch.distances(), targetShape(0));
				NDArray l = loss.compute(net.forward(parameterStore, new NDList(x), true), targets, distances);
				collector.backward(l);
				value = l.getFloat();
			}
			List<NDArray> gradients = new ArrayList<>();
			for (NDArray w : weights) {
				NDArray g = w.getGradient();
				g.attach(m);
				gradients.add(g);
			}
			double norm = Double.isFinite(value) ? GradientClipping.clipGlobalNorm(gradients, settings.gradientClip())
				: Double.NaN;
			if (!Double.isFinite(norm)) return skipped(value);
			skippedInARow = 0;
			optimizer.step(weights, gradients, lr);
			return value;
		}
	}

	private double skipped(double loss) {
		skippedInARow++;
		lastSkippedLoss = loss;
		return Double.NaN;
	}

	private double lastSkippedLoss;

	/**
	 * Ends a run whose loss or gradients stayed non-finite: after a saved epoch the run stops there (the skipped steps
	 * changed no weight, and the best epoch is kept, so Auto-Train's other folds and configurations go on); before
	 * the first epoch there is nothing worth keeping, so it throws with what to do.
	 */
	private TrainingResult diverged() {
		if (epochsDone == 0) throw new SegKitException("Training diverged (the loss or its gradients stayed " + (Double
			.isFinite(lastSkippedLoss) ? "infinite" : lastSkippedLoss) + " for " + skippedInARow + " steps) in the "
			+ "first epoch. Lower the learning rate, or check the images for extreme values.");
		return result(StopReason.DIVERGED);
	}

	private static GradientCollector newCollector() {
		try {
			return Engines.pytorch().newGradientCollector();
		}
		catch (IllegalStateException e) {
			throw new SegKitException("Another training is running in this program; only one can run at a time. Wait "
				+ "for it to finish or cancel it.", e);
		}
	}

	private Shape inputShape(Batch batch) {
		int[] p = spec.patchSize();
		long[] s = new long[p.length + 2];
		s[1] = spec.channelNames().size();
		long voxels = 1;
		for (int a = 0; a < p.length; a++) {
			s[2 + a] = p[a];
			voxels *= p[a];
		}
		s[0] = batch.images().length / (s[1] * voxels);
		return new Shape(s);
	}

	private Shape targetShape(int output) {
		int dims = spec.dims();
		long[] s = new long[dims + 2];
		s[0] = settings.batchSize();
		s[1] = 1;
		for (int a = 0; a < dims; a++) s[2 + a] = outputSizes[output][3 - dims + a];
		return new Shape(s);
	}

	private static float[] unsigned(byte[] labels) {
		float[] f = new float[labels.length];
		for (int i = 0; i < labels.length; i++) f[i] = labels[i] & 0xFF;
		return f;
	}

	private void report(int iteration, double meanLoss) {
		int iterations = settings.iterationsPerEpoch();
		String dice = history.isEmpty() ? "" : String.format(Locale.ROOT, ", validation Dice %.3f", history.get(
			history.size() - 1).validationDice());
		progress.update(String.format(Locale.ROOT, "Training epoch %d/%d, iteration %d/%d: loss %.4f%s", epochsDone
			+ 1, settings.epochs(), iteration, iterations, meanLoss, dice), (long) epochsDone * iterations + iteration,
			(long) settings.epochs() * iterations);
	}

	private void finishEpoch(double meanLoss, double dice, double lr, double seconds) {
		epochsDone++;
		if (!Double.isNaN(dice)) {
			smoothedDice = Double.isNaN(smoothedDice) ? dice : SMOOTHING * smoothedDice + (1 - SMOOTHING) * dice;
		}
		boolean best = !Double.isNaN(smoothedDice) && (Double.isNaN(bestSmoothedDice)
			|| smoothedDice > bestSmoothedDice);
		if (best) {
			bestSmoothedDice = smoothedDice;
			bestDice = dice;
			bestEpoch = epochsDone;
			epochsWithoutImprovement = 0;
		}
		else epochsWithoutImprovement++;
		EpochRecord record = new EpochRecord(epochsDone, meanLoss, dice, smoothedDice, lr, seconds, best);
		history.add(record);
		writeCheckpoints(best);
		listener.epochFinished(record, List.copyOf(history));
	}

	/** Writes the last checkpoint, and the best one too when asked (each atomically). */
	private void writeCheckpoints(boolean best) {
		Checkpoint.State state = new Checkpoint.State(Checkpoint.VERSION, epochsDone, settings, split.training(), split
			.validation(), smoothedDice, bestSmoothedDice, bestDice, bestEpoch, epochsWithoutImprovement);
		Map<String, byte[]> extras = Checkpoint.extras(state, history, optimizer);
		ModelSpec described = spec.withTraining(summary());
		progress.update("Saving checkpoint", 0, 1);
		ModelBundle.write(folder.resolve(Trainer.LAST_FILE), described, List.of(net), extras);
		lastWritten = folder.resolve(Trainer.LAST_FILE);
		if (best) ModelBundle.write(folder.resolve(Trainer.BEST_FILE), described, List.of(net), extras);
	}

	private TrainingSummary summary() {
		List<String> all = new ArrayList<>(split.training());
		all.addAll(split.validation());
		return new TrainingSummary(all, split.validation(), epochsDone, bestDice, optimizer.describe() + ", lr "
			+ settings.learningRate() + " poly, " + settings.batchSize() + " x " + settings.iterationsPerEpoch()
			+ " patches per epoch", Engines.describe(device), Instant.now().toString());
	}

	private TrainingResult result(StopReason reason) {
		Path best = folder.resolve(Trainer.BEST_FILE);
		return new TrainingResult(Files.isRegularFile(best) && bestEpoch > 0 ? best : null, lastWritten, history,
			reason, spec.withTraining(summary()), timing == null ? Double.NaN : timing.medianStepSeconds());
	}
}
