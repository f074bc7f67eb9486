package io.segkit.autotrain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;

import io.segkit.Progress;
import io.segkit.dataset.CrossValidationSplits.Fold;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.engine.Engines;
import io.segkit.eval.CaseMetrics;
import io.segkit.eval.ValidationReport;
import io.segkit.infer.ImageSegmenter;
import io.segkit.infer.SlidingWindowPredictor;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.plan.Plan;
import io.segkit.train.EpochRecord;
import io.segkit.train.PreparedCase;
import io.segkit.train.Trainer;
import io.segkit.train.TrainingResult;
import io.segkit.train.TrainingSettings;

/**
 * Trains every fold of one configuration and predicts each fold's validation cases whole (sliding window on the
 * model grid, then back to the case's own geometry), so that every case gets exactly one prediction from a network
 * that never saw it.
 */
final class CrossValidation {

	private final List<TrainingCase> cases;
	private final int ignoreLabel;
	private final List<Fold> folds;
	private final AutoTrainOptions options;
	private final Path work;
	private final AutoTrainListener log;
	private final Progress progress;
	/** Cases prepared for a configuration by {@link #epochSeconds}, kept for its {@link #run}. */
	private final Map<String, List<PreparedCase>> prepared = new HashMap<>();

	/** @param ignoreLabel the class value of not-annotated voxels (sparse labels), or -1 */
	CrossValidation(List<TrainingCase> cases, int ignoreLabel, List<Fold> folds, AutoTrainOptions options, Path work,
			AutoTrainListener log, Progress progress) {
		this.cases = cases;
		this.ignoreLabel = ignoreLabel;
		this.folds = folds;
		this.options = options;
		this.work = work;
		this.log = log;
		this.progress = progress;
	}

	/** Runs all folds of {@code configuration} with {@code template} (from the plan), each within its time share. */
	ConfigurationRun run(String configuration, Plan plan, ModelSpec template, TimeShare time) {
		List<PreparedCase> prepared = preparedFor(configuration, template);
		this.prepared.remove(configuration);
		TrainingSettings base = settings(plan);
		log.line(String.format("%s: patch %s, batch %d, features %s, strides %s", configuration, Arrays.toString(
			template.patchSize()), base.batchSize(), Arrays.toString(template.network().features()), Arrays
				.deepToString(template.network().strides())));
		double predictionSeconds = 0;
		List<Path> best = new ArrayList<>();
		Map<String, float[][]> probabilities = new LinkedHashMap<>(), mirrored = new LinkedHashMap<>();
		Map<String, Integer> foldOf = new HashMap<>();
		List<FoldSummary> summaries = new ArrayList<>();
		for (int f = 0; f < folds.size(); f++) {
			Fold fold = folds.get(f);
			double seconds = time.nextFold(System.nanoTime(), predictionSeconds);
			if (seconds == TimeShare.MINIMUM_SECONDS) log.line(String.format("%s fold %d: the time budget is spent, so "
				+ "this fold trains a single epoch and Auto-Train will take longer than asked (a longer budget or fewer "
				+ "folds avoid this)", configuration, f));
			else if (seconds > 0) log.line(String.format(java.util.Locale.ROOT, "%s fold %d: %.0f s of training",
				configuration, f, seconds));
			TrainingResult r = Trainer.train(prepared, template, base.toBuilder().validationCases(fold.val())
				.timeBudgetSeconds(seconds).build(), work.resolve(configuration).resolve("fold_" + f), epochLog(
					configuration, f), progress);
			progress.checkCancelled();
			Path file = r.best() != null ? r.best() : r.last();
			best.add(file);
			long predictionStart = System.nanoTime();
			Map<String, float[][]> predicted = predict(file, fold.val(), template.isInstanceModel() ? mirrored : null);
			predictionSeconds = (System.nanoTime() - predictionStart) / 1e9;
			time.foldDone();
			probabilities.putAll(predicted);
			for (String name : fold.val()) foldOf.put(name, f);
			summaries.add(summary(configuration, f, fold, r, predicted, template.classNames().size()));
		}
		return new ConfigurationRun(configuration, best, probabilities, mirrored, foldOf, summaries);
	}

	/** Training iterations of {@link #epochSeconds}'s timed run. */
	static final int PROBE_ITERATIONS = 8;

	/** What one batch of validation patches costs against one training step (a forward pass, no backward). */
	private static final double VALIDATION_BATCH_COST = 0.5;

	/**
	 * Seconds one full epoch of {@code configuration} takes on this machine, projected from a short timed run on the
	 * first fold ({@value #PROBE_ITERATIONS} iterations and one validation batch): the median step, the warm-up
	 * aside, times the steps of an epoch, validation counted as half a step per batch. The run stops early, after at
	 * least one step, once its steps are clearly (twice) slower than an epoch of {@code enoughSeconds} allows: the
	 * answer is then known, and a short budget is not spent on timing. The cases prepared here are kept for
	 * {@link #run}.
	 */
	double epochSeconds(String configuration, Plan plan, ModelSpec template, double enoughSeconds) {
		TrainingSettings base = settings(plan);
		double stepsPerEpoch = base.iterationsPerEpoch() + VALIDATION_BATCH_COST * Math.ceil(base.validationPatches()
			/ (double) base.batchSize());
		TrainingSettings probe = base.toBuilder().validationCases(folds.get(0).val()).epochs(1).iterationsPerEpoch(
			PROBE_ITERATIONS).validationPatches(base.batchSize()).patience(0).timeBudgetSeconds(probeLimitSeconds(
				enoughSeconds, stepsPerEpoch)).build();
		Progress timing = new Progress() {

			@Override
			public void update(String step, long done, long total) {
				progress.update("Timing a few " + configuration + " steps", done, total);
			}

			@Override
			public boolean isCancelRequested() {
				return progress.isCancelRequested();
			}
		};
		TrainingResult r = Trainer.train(preparedFor(configuration, template), template, probe, work.resolve("probe-"
			+ configuration), io.segkit.train.TrainingListener.NONE, timing);
		progress.checkCancelled();
		return r.medianStepSeconds() * stepsPerEpoch;
	}

	/**
	 * The time budget of the timed run: twice what its steps and validation batch take at the pace of an epoch of
	 * {@code enoughSeconds} (the trainer still runs one step when even that does not fit).
	 */
	static double probeLimitSeconds(double enoughSeconds, double stepsPerEpoch) {
		return Math.max(TimeShare.MINIMUM_SECONDS, 2 * (PROBE_ITERATIONS + VALIDATION_BATCH_COST) * enoughSeconds
			/ stepsPerEpoch);
	}

	/** Lets go of the cases {@link #epochSeconds} prepared (they are prepared again when their turn comes). */
	void forgetPrepared() {
		prepared.clear();
	}

	private List<PreparedCase> preparedFor(String configuration, ModelSpec template) {
		return prepared.computeIfAbsent(configuration, c -> PreparedCase.prepareAll(cases, template,
			LabelMode.CLASSES, ignoreLabel, progress));
	}

	/** How to optimise: the plan's batch (capped for the CPU) and batch Dice, the options' epochs and device. */
	TrainingSettings settings(Plan plan) {
		return TrainingSettings.defaults().toBuilder().batchSize(Math.min(plan.batchSize(), options.maxBatchSize()))
			.epochs(options.maxEpochs()).iterationsPerEpoch(options.iterationsPerEpoch()).seed(options.seed())
			.batchDice(plan.batchDice()).device(options.device()).ignoreLabel(ignoreLabel).build();
	}

	/** Logs each epoch of the fold and passes it on (for a live plot). */
	private io.segkit.train.TrainingListener epochLog(String configuration, int fold) {
		return (record, history) -> {
			log.line(String.format(java.util.Locale.ROOT, "%s fold %d epoch %d: loss %.4f, validation Dice %.4f, "
				+ "%.1f s", configuration, fold, record.epoch(), record.trainingLoss(), record.validationDice(), record
					.seconds()));
			log.epochFinished(configuration, fold, record, history);
		};
	}

	/**
	 * Whole-case class probabilities of {@code names} in each case's own grid, by Segment with Model's path; with
	 * {@code mirroredInto}, the same averaged over mirrored copies go there too, from the model read once.
	 */
	private Map<String, float[][]> predict(Path model, List<String> names, Map<String, float[][]> mirroredInto) {
		Map<String, float[][]> out = new LinkedHashMap<>();
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(Engines.device(options
			.device())))) {
			List<LoadedModel> loaded = List.of(ModelBundle.read(model, manager));
			SlidingWindowPredictor.Options plain = SlidingWindowPredictor.Options.defaults();
			ImageSegmenter segmenter = new ImageSegmenter(loaded, manager, plain);
			ImageSegmenter mirroring = mirroredInto == null ? null : new ImageSegmenter(loaded, manager, plain
				.withMirroring(true));
			for (String name : names) {
				var channels = caseNamed(name).channels();
				out.put(name, segmenter.segment(channels, progress).probabilities());
				if (mirroring != null) mirroredInto.put(name, mirroring.segment(channels, progress).probabilities());
			}
		}
		return out;
	}

	private FoldSummary summary(String configuration, int f, Fold fold, TrainingResult r,
			Map<String, float[][]> predicted, int classCount) {
		List<CaseMetrics> metrics = new ArrayList<>();
		int[] classes = Evaluation.foregroundClasses(classCount);
		for (var e : predicted.entrySet()) {
			metrics.add(Evaluation.metrics(e.getKey(), Evaluation.labels(e.getValue(), classCount, caseNamed(e.getKey())
				.labels()), Evaluation.reference(caseNamed(e.getKey())), classes, false, progress));
		}
		double dice = new ValidationReport(classes, metrics, null).foregroundMeanDice();
		double trainer = r.history().stream().mapToDouble(EpochRecord::smoothedDice).max().orElse(Double.NaN);
		double seconds = r.history().stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
		log.line(String.format(java.util.Locale.ROOT, "%s fold %d: %d epochs (%.2f s each, %s), cross-validation "
			+ "Dice %.4f", configuration, f, r.epochs(), seconds, r.stopReason(), dice));
		return new FoldSummary(configuration, f, fold.train(), fold.val(), r.epochs(), seconds, trainer, dice, r
			.stopReason());
	}

	private TrainingCase caseNamed(String name) {
		for (TrainingCase c : cases) if (c.name().equals(name)) return c;
		throw new IllegalStateException("no case " + name);
	}
}
