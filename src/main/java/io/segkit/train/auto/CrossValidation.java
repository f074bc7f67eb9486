package io.segkit.train.auto;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;

import io.segkit.Progress;
import io.segkit.engine.Engines;
import io.segkit.eval.CaseMetrics;
import io.segkit.eval.ValidationReport;
import io.segkit.image.Volume;
import io.segkit.infer.SlidingWindowPredictor;
import io.segkit.model.LabelMode;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.model.Preprocessor;
import io.segkit.plan.CrossValidationSplits.Fold;
import io.segkit.plan.Plan;
import io.segkit.plan.TrainingCase;
import io.segkit.train.EpochRecord;
import io.segkit.train.PreparedCase;
import io.segkit.train.Trainer;
import io.segkit.train.TrainingData;
import io.segkit.train.TrainingResult;
import io.segkit.train.TrainingSettings;

/**
 * Trains every fold of one configuration and predicts each fold's validation cases whole (sliding window on the
 * model grid, then back to the case's own geometry), so that every case gets exactly one prediction from a network
 * that never saw it.
 */
final class CrossValidation {

	private final List<TrainingCase> cases;
	private final List<Fold> folds;
	private final AutoTrainOptions options;
	private final Path work;
	private final AutoTrainListener log;
	private final Progress progress;

	CrossValidation(List<TrainingCase> cases, List<Fold> folds, AutoTrainOptions options, Path work,
			AutoTrainListener log, Progress progress) {
		this.cases = cases;
		this.folds = folds;
		this.options = options;
		this.work = work;
		this.log = log;
		this.progress = progress;
	}

	/** Runs all folds of {@code configuration} with {@code template} (from the plan), each within its time share. */
	ConfigurationRun run(String configuration, Plan plan, ModelSpec template, TimeShare time) {
		List<PreparedCase> prepared = TrainingData.prepare(cases, template, LabelMode.CLASSES, -1, progress);
		TrainingSettings base = settings(plan, template);
		log.line(String.format("%s: patch %s, batch %d, features %s", configuration, Arrays.toString(base.patch()),
			base.batchSize(), Arrays.toString(base.features())));
		double predictionSeconds = 0;
		List<Path> best = new ArrayList<>();
		Map<String, float[][]> probabilities = new LinkedHashMap<>();
		Map<String, Integer> foldOf = new HashMap<>();
		List<FoldSummary> summaries = new ArrayList<>();
		for (int f = 0; f < folds.size(); f++) {
			Fold fold = folds.get(f);
			double seconds = time.nextFold(System.nanoTime(), predictionSeconds);
			if (seconds > 0) log.line(String.format(java.util.Locale.ROOT, "%s fold %d: %.0f s of training", configuration,
				f, seconds));
			TrainingResult r = Trainer.train(prepared, template, base.toBuilder().validationCases(fold.val())
				.timeBudgetSeconds(seconds).build(), work.resolve(configuration).resolve("fold_" + f), epochLog(
					configuration, f), progress);
			progress.checkCancelled();
			Path file = r.best() != null ? r.best() : r.last();
			best.add(file);
			long predictionStart = System.nanoTime();
			Map<String, float[][]> predicted = predict(file, fold.val(), prepared);
			predictionSeconds = (System.nanoTime() - predictionStart) / 1e9;
			time.foldDone();
			probabilities.putAll(predicted);
			for (String name : fold.val()) foldOf.put(name, f);
			summaries.add(summary(configuration, f, fold, r, predicted));
		}
		return new ConfigurationRun(configuration, best, probabilities, foldOf, summaries);
	}

	/** The plan's patch and batch (batch capped for the CPU), the chosen width and architecture. */
	TrainingSettings settings(Plan plan, ModelSpec template) {
		TrainingSettings defaults = template.dims() == 3 ? TrainingSettings.defaults3D() : TrainingSettings
			.defaults2D();
		return defaults.toBuilder().architecture(options.architecture()).features(options.networkSize().apply(plan
			.featuresPerStage())).patch(template.patchSize()).batchSize(Math.min(plan.batchSize(), options
				.maxBatchSize())).epochs(options.maxEpochs()).iterationsPerEpoch(options.iterationsPerEpoch()).seed(options
					.seed()).batchDice(plan.batchDice()).device(options.device()).build();
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

	/** Whole-case class probabilities of {@code names}, in each case's own geometry. */
	private Map<String, float[][]> predict(Path model, List<String> names, List<PreparedCase> prepared) {
		Map<String, float[][]> out = new LinkedHashMap<>();
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(Engines.device(options
			.device())))) {
			LoadedModel loaded = ModelBundle.read(model, manager);
			SlidingWindowPredictor predictor = new SlidingWindowPredictor(loaded, manager, SlidingWindowPredictor.Options
				.defaults());
			for (String name : names) {
				PreparedCase p = find(prepared, name);
				float[][] probs = predictor.predictProbabilities(p.channels(), p.shape(), progress);
				out.put(name, toImageGeometry(probs, p.shape(), caseNamed(name).labels(), loaded.spec()));
			}
		}
		return out;
	}

	private static float[][] toImageGeometry(float[][] probs, int[] preparedShape, Volume like, ModelSpec spec) {
		int[] shape = {like.depth(), like.height(), like.width()};
		if (Arrays.equals(shape, preparedShape)) return probs;
		float[][] out = new float[probs.length][];
		for (int c = 0; c < probs.length; c++) {
			out[c] = Preprocessor.toImageGeometry(probs[c], preparedShape, shape, like.spacing(), spec);
		}
		return out;
	}

	private FoldSummary summary(String configuration, int f, Fold fold, TrainingResult r,
			Map<String, float[][]> predicted) {
		List<CaseMetrics> metrics = new ArrayList<>();
		int[] classes = Evaluation.foregroundClasses(predicted.values().iterator().next().length);
		for (var e : predicted.entrySet()) {
			metrics.add(Evaluation.metrics(e.getKey(), Evaluation.labels(e.getValue(), caseNamed(e.getKey())
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

	private static PreparedCase find(List<PreparedCase> prepared, String name) {
		for (PreparedCase c : prepared) if (c.name().equals(name)) return c;
		throw new IllegalStateException("no prepared case " + name);
	}
}
