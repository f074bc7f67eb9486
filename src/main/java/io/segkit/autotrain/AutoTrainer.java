package io.segkit.autotrain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.CrossValidationSplits.Fold;
import io.segkit.dataset.CrossValidationSplits;
import io.segkit.dataset.DatasetJson;
import io.segkit.dataset.Dimensions;
import io.segkit.dataset.LabelKinds;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.dataset.TrainingCases;
import io.segkit.dataset.TrainingFolder;
import io.segkit.engine.Engines;
import io.segkit.eval.SegmentationScores;
import io.segkit.eval.ValidationReport;
import io.segkit.image.Labels;
import io.segkit.image.Volume;
import io.segkit.instances.InstanceDecoder;
import io.segkit.instances.InstanceTraining;
import io.segkit.infer.Postprocessing;
import io.segkit.infer.PostprocessingDecision;
import io.segkit.model.InstanceDecoding;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.nn.SegmentationNetwork;
import io.segkit.plan.Fingerprint;
import io.segkit.plan.FingerprintExtractor;
import io.segkit.plan.Planner;
import io.segkit.plan.Plans;
import io.segkit.train.ModelDesign;
import io.segkit.train.NetworkSize;
import io.segkit.train.TrainingJob;

/**
 * nnU-Net's automatic workflow on SegKit's pieces (nnunet-rules.md sections 2-4): fingerprint, plan "2d" and (3D
 * data) "3d_fullres", train every fold of every configuration within an even share of the time budget (object labels
 * on 3D data: 3d_fullres alone first where the budget gives it enough epochs, see {@link #threeDimensionsAlone}),
 * predict each
 * case whole with the fold that did not train on it, choose the configuration (or the 2D + 3D ensemble, their
 * probabilities averaged) with the best mean foreground Dice over all cases, decide the postprocessing on its
 * predictions, and write one bundle with the chosen configurations' fold networks (fold logits are averaged, then
 * configuration probabilities) and the extras named in {@link ModelBundle.Entries} (postprocessing, plan,
 * validation scores, splits, summary). Every configuration is trained exactly as its plan describes
 * ({@link ModelDesign#fromPlan}).
 */
public final class AutoTrainer {

	/** The candidate that averages the 2d and 3d_fullres probabilities. */
	public static final String ENSEMBLE = "2d+3d_fullres";

	private AutoTrainer() {}

	/** Auto-Train on every case of a training folder. */
	public static AutoTrainResult train(TrainingFolder folder, AutoTrainOptions options, Path modelFile,
			boolean overwrite, AutoTrainListener log, Progress progress) {
		Path model = TrainingJob.modelFile(modelFile, overwrite);
		try (TrainingJob.Slot slot = TrainingJob.claim()) {
			return run(TrainingCases.load(folder, progress), options, model, log, progress);
		}
	}

	/**
	 * Auto-Train on the given cases.
	 *
	 * @param modelFile the bundle to write (.zip); an existing file only with {@code overwrite}
	 * @param log receives progress lines (epochs, folds, choice) and every finished epoch (for a live plot)
	 * @throws SegKitException for unusable input or settings, before anything is written
	 */
	public static AutoTrainResult train(List<TrainingCase> cases, AutoTrainOptions options, Path modelFile,
			boolean overwrite, AutoTrainListener log, Progress progress) {
		Path model = TrainingJob.modelFile(modelFile, overwrite);
		try (TrainingJob.Slot slot = TrainingJob.claim()) {
			return run(cases, options, model, log, progress);
		}
	}

	private static AutoTrainResult run(List<TrainingCase> cases, AutoTrainOptions options, Path model,
			AutoTrainListener log, Progress progress) {
		LabelKinds.Detected meaning = LabelKinds.resolve(options.labelMode(), cases);
		if (options.labelMode() == LabelMode.AUTOMATIC) log.line(LabelKinds.describe(meaning));
		int ignore = TrainingCases.ignoreLabel(cases);
		if (ignore >= 0) log.line("Sparse labels: voxels marked as not annotated take no part in training, fold "
			+ "scores or the choices made after training.");
		List<TrainingCase> classCases = TrainingCases.asClasses(cases, meaning.mode());
		int classCount = TrainingCases.classCount(classCases, LabelMode.CLASSES, ignore);
		List<String> classNames = TrainingCases.classNames(options.classNames(), classCount, meaning.mode());
		List<Fold> folds = folds(TrainingCases.names(classCases), options);
		Plans plans = options.plans() != null ? requireUsable(options.plans(), classCases) : plan(annotatedAsBackground(
			classCases, ignore), classNames, options, progress);
		Map<String, ModelSpec> templates = templates(plans, classCases, classNames, options, log);
		ObjectLabels objects = meaning.mode() == LabelMode.OBJECTS ? new ObjectLabels(cases, InstanceTraining.defaults(cases), null)
			: null;
		if (objects != null) templates.replaceAll((name, spec) -> spec.withInstances(objects.start()));
		Path work = createWorkFolder();
		try {
			return trainAndChoose(classCases, ignore, objects, folds, plans, templates, options, model, work, log,
				progress);
		}
		finally {
			deleteRecursively(work);
		}
	}

	/** Object labels: the cases as given (each object its own value), the decoding to start from, their true objects. */
	private record ObjectLabels(List<TrainingCase> cases, InstanceDecoding start,
		List<InstanceTraining.ValidationCase> truths) {

		/**
		 * With every case's true objects read once, for all the candidates scored (after training, so that they do
		 * not take memory while it runs).
		 */
		ObjectLabels withTruths() {
			return new ObjectLabels(cases, start, cases.stream().map(c -> InstanceTraining.ValidationCase.of(c.name(),
				null, c.labels())).toList());
		}
	}

	private static AutoTrainResult trainAndChoose(List<TrainingCase> cases, int ignore, ObjectLabels objects,
			List<Fold> folds, Plans plans, Map<String, ModelSpec> templates, AutoTrainOptions o, Path modelFile,
			Path work, AutoTrainListener log, Progress progress) {
		long start = System.nanoTime();
		CrossValidation cv = new CrossValidation(cases, ignore, folds, o, work, log, progress);
		Map<String, ConfigurationRun> runs = mayTrainThreeDimensionsAlone(templates, objects != null, o)
			&& threeDimensionsAlone(cv, plans, templates, folds.size(), o, log)
				? trainThreeDimensionsFirst(cv, plans, templates, folds.size(), o.timeBudgetSeconds(), start, log)
				: trainEvenly(cv, plans, templates, folds.size(), o.timeBudgetSeconds(), start);
		if (objects != null) objects = objects.withTruths();
		Map<String, Labels> references = references(cases);
		int[] classes = Evaluation.foregroundClasses(templates.values().iterator().next().classNames().size());
		Map<String, Map<String, float[][]>> predictions = candidatePredictions(runs, ConfigurationRun::probabilities);
		Map<String, Double> candidates = candidates(predictions, cases, references, classes, progress);
		Map<String, Double> objectScores = objects == null ? null : objectScores(predictions, objects, log, progress);
		String chosen = choose(objects == null ? candidates : objectScores, o.configurations());
		log.line("Chosen: " + chosen + (chosen.equals(ENSEMBLE) ? " (the 2d and 3d_fullres probabilities averaged)"
			: ""));
		List<ConfigurationRun> shipped = chosen.equals(ENSEMBLE) ? List.copyOf(runs.values()) : List.of(runs.get(
			chosen));
		Map<String, float[][]> probabilities = predictions.get(chosen);
		Chosen outcome = objects == null ? classesOutcome(probabilities, cases, references, classes, log, progress)
			: objectsOutcome(probabilities, candidatePredictions(runs, ConfigurationRun::mirroredProbabilities).get(
				chosen), objects, objectScores, log, progress);
		ValidationReport report = Evaluation.report(outcome.predicted(), outcome.references(), outcome.classes(), o
			.hd95(), unit(cases), progress);
		List<FoldSummary> summaries = new ArrayList<>();
		runs.values().forEach(r -> summaries.addAll(r.folds()));
		AutoTrainResult result = new AutoTrainResult(modelFile, chosen, candidates, report, outcome.postprocessing(),
			summaries, shipped.get(0).foldOfCase(), plans, outcome.objects());
		writeBundle(modelFile, shipped, outcome.decoding(), extras(result, folds));
		return result;
	}

	/**
	 * The fewest epochs per fold, at the pace of its first steps ({@link CrossValidation#epochSeconds}: later steps
	 * run faster, here 1.4-1.9 times), for which 3d_fullres gets the whole budget. On crowded 3D nuclei on a 2-core
	 * CPU (bench/README.md, "3d_fullres alone when the budget gives it enough epochs") 3d_fullres alone reached
	 * held-out mean F1 0.810-0.814 with 51-57 epochs (60 minutes; the probe projected 29-39), against 0.78-0.80 for
	 * the shared budget, and 0.468 with 7 (10 minutes), against 0.58 shared. Interpolated over the logarithm of the
	 * epochs the two break even near 40 epochs, about 24 at the probe's pace.
	 */
	static final int EPOCHS_FOR_THREE_DIMENSIONS_ALONE = 24;

	/**
	 * The least part of the time budget that 3d_fullres must leave for 2d to be trained after it: less would make 2d
	 * and the ensemble candidates too weak to be worth choosing between on a validation fold.
	 */
	static final double SECOND_CONFIGURATION_MINIMUM_SHARE = 0.25;

	/**
	 * Whether 3d_fullres could be given the whole time budget: object labels on 3D data under a time budget, with no
	 * configuration asked for.
	 */
	static boolean mayTrainThreeDimensionsAlone(Map<String, ModelSpec> templates, boolean objects,
			AutoTrainOptions o) {
		return objects && o.timeBudgetSeconds() > 0 && o.configurations().isEmpty() && templates.containsKey("2d")
			&& templates.containsKey("3d_fullres");
	}

	/**
	 * Times a few 3d_fullres iterations and decides by the epochs the whole budget would give it per fold (not by
	 * the minutes, which mean many more epochs on a GPU than on a laptop): with at least
	 * {@link #EPOCHS_FOR_THREE_DIMENSIONS_ALONE}, a 3D network trained twice as long separates touching objects
	 * better, along z most of all, than the candidates trained for half the time each, and a fold cannot show this,
	 * because every candidate on it is half-trained; with fewer, 3d_fullres alone is undertrained and the ensemble
	 * of the shared budget is better.
	 */
	private static boolean threeDimensionsAlone(CrossValidation cv, Plans plans, Map<String, ModelSpec> templates,
			int folds, AutoTrainOptions o, AutoTrainListener log) {
		double epochSeconds = cv.epochSeconds("3d_fullres", plans.configuration("3d_fullres"), templates.get(
			"3d_fullres"), o.timeBudgetSeconds() / folds / EPOCHS_FOR_THREE_DIMENSIONS_ALONE);
		int fitting = epochsFitting(o.timeBudgetSeconds(), folds, epochSeconds);
		boolean alone = fitting >= EPOCHS_FOR_THREE_DIMENSIONS_ALONE;
		log.line(String.format(java.util.Locale.ROOT, "3d_fullres takes about %.1f s per epoch here at first, so the "
			+ "whole time budget would train at least %d epochs per fold: %s", epochSeconds, fitting, alone ? "3d_fullres "
				+ "trains first, with the whole budget, because a 3D network trained that long separates touching "
				+ "objects better than 2d, 3d_fullres and their ensemble at half the time each; 2d is trained only "
				+ "with time left over."
				: "the budget is shared between 2d and 3d_fullres (3d_fullres alone would need at least "
					+ EPOCHS_FOR_THREE_DIMENSIONS_ALONE + " to be better: a longer budget or fewer folds give it more)."));
		return alone;
	}

	/** The whole epochs of {@code epochSeconds} that fit into one fold's share of the budget. */
	static int epochsFitting(double budgetSeconds, int folds, double epochSeconds) {
		return (int) Math.min(Integer.MAX_VALUE, Math.floor(budgetSeconds / folds / epochSeconds));
	}

	/** Every configuration in turn, the time budget (counted from {@code start}) shared evenly over all their folds. */
	private static Map<String, ConfigurationRun> trainEvenly(CrossValidation cv, Plans plans,
			Map<String, ModelSpec> templates, int folds, double budgetSeconds, long start) {
		TimeShare time = new TimeShare(budgetSeconds, templates.size() * folds, start);
		cv.forgetPrepared(); // the timed run's cases would only take memory while 2d trains
		Map<String, ConfigurationRun> runs = new LinkedHashMap<>();
		templates.forEach((name, template) -> runs.put(name, cv.run(name, plans.configuration(name), template, time)));
		return runs;
	}

	/**
	 * 3d_fullres with the whole time budget (counted from {@code start}), then 2d with what it leaves if that is at
	 * least {@link #SECOND_CONFIGURATION_MINIMUM_SHARE} of the budget (3d_fullres ended early, at its epoch limit).
	 */
	private static Map<String, ConfigurationRun> trainThreeDimensionsFirst(CrossValidation cv, Plans plans,
			Map<String, ModelSpec> templates, int folds, double budgetSeconds, long start, AutoTrainListener log) {
		Map<String, ConfigurationRun> runs = new LinkedHashMap<>();
		runs.put("3d_fullres", cv.run("3d_fullres", plans.configuration("3d_fullres"), templates.get("3d_fullres"),
			new TimeShare(budgetSeconds, folds, start)));
		long now = System.nanoTime();
		double left = budgetSeconds - (now - start) / 1e9;
		if (left < SECOND_CONFIGURATION_MINIMUM_SHARE * budgetSeconds) {
			log.line(String.format(java.util.Locale.ROOT, "Skipping the 2d configuration: 3d_fullres used the time "
				+ "budget (%.0f s of %.0f s left).", Math.max(0, left), budgetSeconds));
			return runs;
		}
		runs.put("2d", cv.run("2d", plans.configuration("2d"), templates.get("2d"), new TimeShare(left, folds, now)));
		Map<String, ConfigurationRun> inPlanOrder = new LinkedHashMap<>();
		templates.keySet().forEach(name -> inPlanOrder.put(name, runs.get(name)));
		return inPlanOrder;
	}

	/**
	 * What the validation predictions become once the choices after training are made: the postprocessing (class
	 * models) or the instance decoding (object models), and the label maps the report scores.
	 */
	private record Chosen(PostprocessingDecision postprocessing, InstanceDecoding decoding,
		Map<String, Labels> predicted, Map<String, Labels> references, int[] classes,
		AutoTrainResult.ObjectSummary objects) {}

	/** nnU-Net's postprocessing choice on the class maps, which the report then scores per class. */
	private static Chosen classesOutcome(Map<String, float[][]> probabilities, List<TrainingCase> cases,
			Map<String, Labels> references, int[] classes, AutoTrainListener log, Progress progress) {
		Map<String, Labels> predicted = predictedLabels(probabilities, cases, classes.length + 1);
		PostprocessingDecision decision = Postprocessing.decide(ordered(predicted, references), ordered(references,
			predicted), classes, Evaluation.notAnnotated(classes), Postprocessing.DEFAULT_CONNECTIVITY, progress);
		log.line("Postprocessing: " + (decision.changesAnything() ? decision : "none"));
		Map<String, Labels> final_ = new LinkedHashMap<>();
		predicted.forEach((k, v) -> final_.put(k, Postprocessing.apply(decision, v)));
		return new Chosen(decision, null, final_, references, classes, null);
	}

	/**
	 * Object models: the instance decoding (test-time mirroring included) chosen on the validation predictions; the
	 * report scores the decoded objects' foreground against the true objects' (class 1 = any object).
	 */
	private static Chosen objectsOutcome(Map<String, float[][]> probabilities, Map<String, float[][]> mirrored,
			ObjectLabels objects, Map<String, Double> candidates, AutoTrainListener log, Progress progress) {
		List<InstanceTraining.ValidationCase> plain = validationCases(probabilities, objects);
		List<InstanceTraining.ValidationCase> mirroredCases = validationCases(mirrored, objects);
		InstanceDecoding decoding = InstanceTraining.choose(objects.start(), InstanceTraining.medianObjectSize(objects
			.cases()), plain, mirroredCases, log::line, progress);
		List<InstanceTraining.ValidationCase> validation = decoding.mirroring() ? mirroredCases : plain;
		Map<String, Labels> predicted = new LinkedHashMap<>(), references = new LinkedHashMap<>();
		double f1 = 0, meanF1 = 0, pq = 0;
		for (InstanceTraining.ValidationCase c : validation) {
			Labels truth = c.objects();
			Labels decoded = c.judged(InstanceDecoder.decode(c.probabilities(), truth.width(), truth.height(), truth
				.depth(), truth.spacing(), decoding, progress));
			SegmentationScores scores = SegmentationScores.compare(decoded, truth);
			f1 += scores.f1();
			meanF1 += scores.meanF1();
			pq += scores.panopticQuality();
			predicted.put(c.name(), foreground(decoded));
			references.put(c.name(), foreground(truth));
		}
		int n = Math.max(1, validation.size());
		return new Chosen(PostprocessingDecision.NONE, decoding, predicted, references, new int[] {1},
			new AutoTrainResult.ObjectSummary(decoding, f1 / n, meanF1 / n, pq / n, validation.size(), candidates));
	}

	/** The cross-validation predictions with their true objects, in the order of the cases. */
	private static List<InstanceTraining.ValidationCase> validationCases(Map<String, float[][]> probabilities,
			ObjectLabels objects) {
		List<InstanceTraining.ValidationCase> validation = new ArrayList<>();
		for (InstanceTraining.ValidationCase truth : objects.truths()) {
			float[][] p = probabilities.get(truth.name());
			if (p != null) validation.add(truth.withProbabilities(p));
		}
		return validation;
	}

	/**
	 * Object models are judged by their objects, not by the Dice of their classes: per candidate (each
	 * configuration and, with two, their ensemble) the mean object F1 over IoU 0.5-0.9 of its cross-validation
	 * predictions with the starting decoding. A 2D network on anisotropic stacks can have the better class Dice and
	 * still merge or stretch objects along z.
	 */
	private static Map<String, Double> objectScores(Map<String, Map<String, float[][]>> predictions,
			ObjectLabels objects, AutoTrainListener log, Progress progress) {
		Map<String, Double> out = new LinkedHashMap<>();
		predictions.forEach((candidate, p) -> out.put(candidate, InstanceTraining.score(objects.start(),
			validationCases(p, objects), progress)));
		StringBuilder line = new StringBuilder("Object scores (cross-validation mean F1 over IoU 0.5-0.9):");
		out.forEach((name, score) -> line.append(String.format(java.util.Locale.ROOT, " %s %.4f;", name, score)));
		log.line(line.substring(0, line.length() - 1));
		return out;
	}

	private static Labels foreground(Labels objects) {
		int[] data = objects.data().clone();
		for (int i = 0; i < data.length; i++) data[i] = data[i] > 0 ? 1 : 0;
		return new Labels(data, objects.width(), objects.height(), objects.depth(), objects.spacing(), 1);
	}

	/** The candidate with the best Dice, among those asked for (all when none are named). */
	private static String choose(Map<String, Double> candidates, List<String> asked) {
		return candidates.entrySet().stream().filter(e -> asked.isEmpty() || asked.contains(e.getKey())).max(Map.Entry
			.comparingByValue(Comparator.nullsFirst(Double::compare))).map(Map.Entry::getKey).orElseThrow(
				() -> new SegKitException("None of the configurations " + asked + " could be trained on these images; "
					+ "the candidates were " + candidates.keySet() + "."));
	}

	/** The mean of the configurations' cross-validation probabilities ({@code which} of them), per case. */
	private static Map<String, float[][]> ensemble(java.util.Collection<ConfigurationRun> runs,
			Function<ConfigurationRun, Map<String, float[][]>> which) {
		ConfigurationRun first = runs.iterator().next();
		Map<String, float[][]> mean = new LinkedHashMap<>();
		for (String name : which.apply(first).keySet()) {
			mean.put(name, Evaluation.mean(runs.stream().map(r -> which.apply(r).get(name)).toList()));
		}
		return mean;
	}

	/** Mean foreground Dice over all cases of every configuration and, with two, of their ensemble. */
	private static Map<String, Double> candidates(Map<String, Map<String, float[][]>> predictions,
			List<TrainingCase> cases, Map<String, Labels> references, int[] classes, Progress progress) {
		Map<String, Double> out = new LinkedHashMap<>();
		predictions.forEach((candidate, p) -> out.put(candidate, dice(p, cases, references, classes, progress)));
		return out;
	}

	/**
	 * The cross-validation probabilities of every candidate: each configuration's and, with two, their ensemble's
	 * (averaged once here, for the Dice, the object scores and the shipped model alike).
	 */
	private static Map<String, Map<String, float[][]>> candidatePredictions(Map<String, ConfigurationRun> runs,
			Function<ConfigurationRun, Map<String, float[][]>> which) {
		Map<String, Map<String, float[][]>> out = new LinkedHashMap<>();
		for (ConfigurationRun r : runs.values()) out.put(r.configuration(), which.apply(r));
		if (runs.size() == 2) out.put(ENSEMBLE, ensemble(runs.values(), which));
		return out;
	}

	private static double dice(Map<String, float[][]> probabilities, List<TrainingCase> cases,
			Map<String, Labels> references, int[] classes, Progress progress) {
		return Evaluation.report(predictedLabels(probabilities, cases, classes.length + 1), references, classes, false, null, progress)
			.foregroundMeanDice();
	}

	private static Map<String, Labels> references(List<TrainingCase> cases) {
		Map<String, Labels> out = new LinkedHashMap<>();
		for (TrainingCase c : cases) out.put(c.name(), Evaluation.reference(c));
		return out;
	}

	/** Class maps of the predicted cases, in the order of the training cases. */
	private static Map<String, Labels> predictedLabels(Map<String, float[][]> probabilities, List<TrainingCase> cases,
			int classCount) {
		Map<String, Labels> out = new LinkedHashMap<>();
		for (TrainingCase c : cases) {
			float[][] p = probabilities.get(c.name());
			if (p != null) out.put(c.name(), Evaluation.labels(p, classCount, c.labels()));
		}
		return out;
	}

	private static List<Labels> ordered(Map<String, Labels> which, Map<String, Labels> order) {
		List<Labels> out = new ArrayList<>();
		for (String name : order.keySet()) if (which.containsKey(name)) out.add(which.get(name));
		return out;
	}

	private static String unit(List<TrainingCase> cases) {
		return cases.get(0).labels().spacing().unit();
	}

	private static Map<String, byte[]> extras(AutoTrainResult result, List<Fold> folds) {
		Map<String, byte[]> extras = new LinkedHashMap<>();
		extras.put(ModelBundle.Entries.POSTPROCESSING, bytes(result.postprocessing().toJson()));
		extras.put(ModelBundle.Entries.PLAN, bytes(result.plans().toJson()));
		extras.put(ModelBundle.Entries.VALIDATION, bytes(result.report().toCsv()));
		extras.put(ModelBundle.Entries.AUTO_TRAIN_SUMMARY, bytes(result.summary()));
		if (folds.size() >= 2) extras.put(ModelBundle.Entries.SPLITS, bytes(splitsJson(folds)));
		return extras;
	}

	/** nnU-Net's splits_final.json layout: a list of {"train": [...], "val": [...]}. */
	static String splitsJson(List<Fold> folds) {
		com.google.gson.JsonArray array = new com.google.gson.JsonArray();
		for (Fold f : folds) {
			com.google.gson.JsonObject o = new com.google.gson.JsonObject();
			o.add("train", new com.google.gson.Gson().toJsonTree(f.train()));
			o.add("val", new com.google.gson.Gson().toJsonTree(f.val()));
			array.add(o);
		}
		return new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(array);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** One bundle: per chosen configuration (one, or the two of the ensemble), its folds' best networks. */
	private static void writeBundle(Path modelFile, List<ConfigurationRun> shipped, InstanceDecoding decoding,
			Map<String, byte[]> extras) {
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			List<LoadedModel> configurations = new ArrayList<>();
			for (ConfigurationRun run : shipped) {
				List<SegmentationNetwork> members = new ArrayList<>();
				ModelSpec spec = null;
				for (Path file : run.bestFiles()) {
					LoadedModel fold = ModelBundle.read(file, manager);
					if (spec == null) spec = fold.spec();
					members.addAll(fold.members());
				}
				configurations.add(new LoadedModel(decoding == null ? spec : spec.withInstances(decoding), members));
			}
			ModelBundle.write(modelFile, configurations, extras);
		}
	}

	// ---- input checks and preparation




	/** k folds (k at least 2), or for k = 1 one split that holds out a fraction of the cases. */
	static List<Fold> folds(List<String> names, AutoTrainOptions o) {
		int needed = Math.max(2, o.folds());
		if (names.size() < needed) throw new SegKitException("Auto-Train with " + o.folds() + " fold(s) needs at "
			+ "least " + needed + " training cases, but there " + (names.size() == 1 ? "is 1" : "are " + names.size())
			+ ". Add training images, or choose fewer folds.");
		if (o.folds() >= 2) return CrossValidationSplits.create(names, o.folds(), o.seed()).folds();
		List<String> shuffled = new ArrayList<>(new java.util.TreeSet<>(names));
		SplittableRandom random = new SplittableRandom(o.seed());
		for (int i = shuffled.size() - 1; i > 0; i--) shuffled.set(i, shuffled.set(random.nextInt(i + 1), shuffled
			.get(i)));
		int held = Math.max(1, Math.min(shuffled.size() - 1, (int) Math.round(o.holdoutFraction() * shuffled
			.size())));
		return List.of(new Fold(sorted(shuffled.subList(held, shuffled.size())), sorted(shuffled.subList(0, held))));
	}

	private static List<String> sorted(List<String> names) {
		return names.stream().sorted().toList();
	}

	static Plans plan(List<TrainingCase> cases, List<String> classNames, AutoTrainOptions o, Progress progress) {
		Fingerprint fingerprint = new FingerprintExtractor().extract(cases, progress);
		Map<String, String> channels = new LinkedHashMap<>();
		for (int c = 0; c < cases.get(0).channels().size(); c++) channels.put(Integer.toString(c), "channel_" + c);
		Map<String, Integer> labels = new LinkedHashMap<>();
		for (int v = 0; v < classNames.size(); v++) labels.putIfAbsent(classNames.get(v), v);
		if (labels.size() != classNames.size()) throw new SegKitException("The class names " + classNames + " repeat "
			+ "a name; give every class its own name.");
		DatasetJson dataset = new DatasetJson(channels, labels, cases.size(), ".tif").withName(o.modelName());
		return new Planner(o.memory()).plan(fingerprint, dataset);
	}

	/**
	 * The cases as the planner should see them: not-annotated voxels as background, so that the foreground
	 * intensities are those of annotated objects only.
	 */
	static List<TrainingCase> annotatedAsBackground(List<TrainingCase> cases, int ignore) {
		if (ignore < 0) return cases;
		List<TrainingCase> out = new ArrayList<>();
		for (TrainingCase c : cases) {
			Volume l = c.labels();
			byte[] classes = LabelMode.CLASSES.classesOf(l);
			for (int i = 0; i < classes.length; i++) if ((classes[i] & 0xFF) == ignore) classes[i] = 0;
			out.add(new TrainingCase(c.name(), c.channels(), Volume.ofBytes(classes, l.width(), l.height(), l.depth(),
				l.spacing())));
		}
		return out;
	}

	/** Given plans fit the cases when every configuration normalises as many channels as the images have. */
	static Plans requireUsable(Plans plans, List<TrainingCase> cases) {
		int channels = cases.get(0).channels().size();
		for (var e : plans.configurations().entrySet()) {
			int planned = e.getValue().normalizationSchemes().size();
			if (planned != channels) throw new SegKitException("The plans' " + e.getKey() + " configuration is for "
				+ planned + " channel(s), but the training images have " + channels + ". Use plans made for these "
				+ "images (Plan Segmentation writes them), or leave the plans file empty.");
			if (e.getValue().normalizationSchemes().contains("CTNormalization") && plans
				.foregroundIntensityPerChannel().size() < channels) throw new SegKitException("The plans ask for CT "
					+ "normalization but lack the foreground intensities of every channel.");
		}
		return plans;
	}

	/** The model description of each configuration to try; a plan SegKit cannot run on the data is skipped. */
	static Map<String, ModelSpec> templates(Plans plans, List<TrainingCase> cases, List<String> classNames,
			AutoTrainOptions o, AutoTrainListener log) {
		Map<String, ModelSpec> out = new LinkedHashMap<>();
		List<String> channelNames = new ArrayList<>();
		for (int c = 1; c <= cases.get(0).channels().size(); c++) channelNames.add("channel " + c);
		String unit = cases.get(0).channels().get(0).spacing().unit();
		for (String name : List.of("2d", "3d_fullres")) {
			if (plans.configuration(name) == null) continue;
			if (!o.configurations().isEmpty() && !o.configurations().contains(name) && !o.configurations().contains(
				ENSEMBLE)) continue;
			if (plans.configuration(name).dimensions() == 3 && !Dimensions.isVolumetric(cases)) {
				log.line("Skipping the " + name + " configuration: the training images are 2D.");
				continue;
			}
			try {
				out.put(name, ModelDesign.fromPlan(plans, name, o.architecture(), o.networkSize(), o.modelName(),
					channelNames, classNames, unit));
			}
			catch (SegKitException e) {
				log.line("Skipping the " + name + " configuration: " + e.getMessage());
			}
		}
		if (out.isEmpty()) throw new SegKitException("No configuration to train: the plan has " + plans
			.configurations().keySet() + " and " + (o.configurations().isEmpty() ? "none could be used."
				: o.configurations() + " were asked for."));
		return out;
	}

	// ---- files

	private static Path createWorkFolder() {
		try {
			return Files.createTempDirectory("segkit-autotrain");
		}
		catch (IOException e) {
			throw new SegKitException("Cannot create a temporary folder for training: " + e.getMessage(), e);
		}
	}

	static void deleteRecursively(Path folder) {
		try (var paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException | java.io.UncheckedIOException e) {
			// a left-over temporary folder is harmless
		}
	}
}
