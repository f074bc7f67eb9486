package io.segkit.autotrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.CrossValidationSplits.Fold;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.engine.Engines;
import io.segkit.eval.CaseMetrics;
import io.segkit.image.Volume;
import io.segkit.infer.PostprocessingDecision;
import io.segkit.infer.SegmentationJob;
import io.segkit.infer.SlidingWindowPredictor;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.plan.Plans;
import io.segkit.testdata.SyntheticImage;
import io.segkit.testdata.SyntheticNuclei;
import io.segkit.train.NetworkSize;

/** Auto-Train end to end on tiny synthetic nuclei with tiny budgets. */
class AutoTrainerTest {

	@TempDir
	Path dir;

	static SyntheticImage nuclei(long seed, int w, int h, int d) {
		return SyntheticNuclei.builder().size(w, h, d).count(d == 1 ? 6 : 8).radius(4, 7).seed(seed).generate();
	}

	static TrainingCase trainingCase(String name, SyntheticImage s, boolean objects) {
		ImagePlus image = s.image(name);
		ImagePlus labels = objects ? s.labelImage(name + "-labels") : s.maskImage(name + "-mask");
		if (!objects) labels.getProcessor().multiply(1 / 255.0);
		return new TrainingCase(name, List.of(Volume.of(image, 1, 1)), Volume.of(labels, 1, 1));
	}

	static List<TrainingCase> cases2D(int n, boolean objects) {
		List<TrainingCase> out = new ArrayList<>();
		for (int i = 0; i < n; i++) out.add(trainingCase("case" + i, nuclei(40 + i, 64, 64, 1), objects));
		return out;
	}

	static AutoTrainOptions tiny(int folds) {
		return AutoTrainOptions.defaults().withFolds(folds).withNetworkSize(NetworkSize.SMALL).withEpochs(2, 4)
			.withMaxBatchSize(2).withDevice("cpu").withHd95(true).withLabelMode(LabelMode.OBJECTS);
	}

	@Test
	void crossValidatesEveryCaseOnceAndWritesOneUsableBundle() throws Exception {
		List<TrainingCase> cases = cases2D(4, true);
		Path model = dir.resolve("auto.zip");
		List<String> log = new ArrayList<>();
		List<String> epochs = new ArrayList<>();
		AutoTrainListener listener = new AutoTrainListener() {

			@Override
			public void line(String text) {
				log.add(text);
			}

			@Override
			public void epochFinished(String configuration, int fold, io.segkit.train.EpochRecord record,
					List<io.segkit.train.EpochRecord> history) {
				epochs.add(configuration + " " + fold + " " + record.epoch() + "/" + history.size());
			}
		};
		AutoTrainResult r = AutoTrainer.train(cases, tiny(2), model, false, listener, Progress.NONE);
		assertEquals(List.of("2d 0 1/1", "2d 0 2/2", "2d 1 1/1", "2d 1 2/2"), epochs); // for a live plot per fold

		assertEquals("2d", r.chosen());
		assertEquals(2, r.folds().size());
		Set<String> validated = new HashSet<>();
		for (FoldSummary f : r.folds()) {
			for (String name : f.validationCases()) {
				assertFalse(f.trainingCases().contains(name), name + " trained and validated in fold " + f.fold());
				assertTrue(validated.add(name), name + " validated twice");
				assertEquals(f.fold(), r.foldOfCase().get(name), "fold that predicted " + name);
			}
			assertTrue(f.epochs() >= 1 && f.secondsPerEpoch() > 0);
		}
		assertEquals(Set.of("case0", "case1", "case2", "case3"), validated);
		assertEquals(List.of("case0", "case1", "case2", "case3"), r.report().cases().stream().map(
			CaseMetrics::caseName).toList());
		assertTrue(r.crossValidationDice().containsKey("2d"));
		assertTrue(r.summary().contains("chosen: 2d"), r.summary());
		assertTrue(log.stream().anyMatch(l -> l.contains("fold 1 epoch")), log.toString());

		try (NDManager m = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			LoadedModel loaded = ModelBundle.read(model, m);
			assertEquals(2, loaded.members().size());
			assertNotNull(loaded.spec().instances(), "object labels: the chosen decoding is stored");
			assertTrue(loaded.spec().hasDistanceHead(), "an instance model has the distance head");
			assertEquals(4, loaded.spec().network().classes(), "three classes and the distance map");
			assertEquals(List.of("background", "object", "object boundary"), loaded.spec().classNames());
		}
		assertTrue(log.stream().anyMatch(l -> l.startsWith("Objects: seeds") && l.contains("with mirroring")), log
			.toString());
		assertNotNull(r.objects(), "object labels: cross-validation object scores");
		assertTrue(r.summary().contains("objects: object F1"), r.summary());
		Map<String, byte[]> extras = ModelBundle.readExtras(model);
		PostprocessingDecision stored = PostprocessingDecision.fromJson(text(extras.get(
			ModelBundle.Entries.POSTPROCESSING)));
		assertEquals(r.postprocessing(), stored);
		assertNotNull(Plans.fromJson(text(extras.get(ModelBundle.Entries.PLAN))).configuration("2d"));
		String csv = text(extras.get(ModelBundle.Entries.VALIDATION));
		assertEquals(4 + 2, csv.strip().split("\n").length, csv); // header, 4 cases, mean row
		assertTrue(extras.containsKey(ModelBundle.Entries.SPLITS));

		ImagePlus image = nuclei(99, 64, 64, 1).image("new");
		try (SegmentationJob job = new SegmentationJob(model, "cpu", SlidingWindowPredictor.Options.defaults(),
			SegmentationJob.Output.CLASSES, false, SegmentationJob.Cleanup.MODEL, 0)) {
			ImagePlus labels = job.segment(image, Progress.NONE).labels();
			assertEquals(64, labels.getWidth());
			assertEquals(64, labels.getHeight());
		}
		try (SegmentationJob job = new SegmentationJob(model, "cpu", SlidingWindowPredictor.Options.defaults(),
			SegmentationJob.Output.AUTOMATIC, false, SegmentationJob.Cleanup.MODEL, 0)) {
			assertTrue(job.segment(image, Progress.NONE).labels().getTitle().endsWith("-objects"),
				"an instance model gives objects by default");
		}
		assertTrue(AutoTrainPlot.perCaseDice(r).getWidth() > 0);
		segmentWithModelMirrorsWhereTheModelSays(model, image);
	}

	/**
	 * The model as Auto-Train wrote it, and the same with its mirroring choice turned over: each predicts as Segment
	 * with Model asked to mirror exactly when its decoding says so.
	 */
	private void segmentWithModelMirrorsWhereTheModelSays(Path model, ImagePlus image) throws Exception {
		Path turned = dir.resolve("turned.zip");
		try (NDManager m = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			LoadedModel loaded = ModelBundle.read(model, m);
			var spec = loaded.spec().withInstances(loaded.spec().instances().withMirroring(!loaded.spec().instances()
				.mirroring()));
			ModelBundle.write(turned, spec, loaded.members(), Map.of());
		}
		for (Path file : List.of(model, turned)) {
			boolean mirrors;
			try (NDManager m = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
				mirrors = ModelBundle.read(file, m).spec().instances().mirroring();
			}
			float[] asked = probabilities(file, image, SlidingWindowPredictor.Options.defaults().withMirroring(true));
			float[] byDefault = probabilities(file, image, SlidingWindowPredictor.Options.defaults());
			assertEquals(mirrors, java.util.Arrays.equals(asked, byDefault), file + " mirrors: " + mirrors);
		}
	}

	private static float[] probabilities(Path model, ImagePlus image, SlidingWindowPredictor.Options options) {
		try (SegmentationJob job = new SegmentationJob(model, "cpu", options, SegmentationJob.Output.AUTOMATIC, true,
			SegmentationJob.Cleanup.MODEL, 0)) {
			return (float[]) job.segment(image, Progress.NONE).probabilities().getStack().getPixels(2);
		}
	}

	/**
	 * Sparse labels, as ROIs to Label Image writes them: odd objects and the left half's background annotated, the
	 * rest 65535 (not annotated). Auto-Train trains, scores and chooses on the annotated voxels.
	 */
	@Test
	void sparseLabelsAreTrainedAndScoredOnTheirAnnotatedVoxels() throws Exception {
		List<TrainingCase> cases = new ArrayList<>();
		for (TrainingCase c : cases2D(4, true)) {
			float[] v = c.labels().toFloatArray();
			short[] sparse = new short[v.length];
			int w = c.labels().width();
			for (int i = 0; i < v.length; i++) {
				int label = (int) v[i];
				boolean annotated = label == 0 ? i % w < w / 2 : label % 2 == 1;
				sparse[i] = (short) (annotated ? label : LabelMode.NOT_ANNOTATED_16BIT);
			}
			cases.add(new TrainingCase(c.name(), c.channels(), Volume.ofShorts(sparse, w, c.labels().height(), 1, c
				.labels().spacing())));
		}
		List<String> log = new ArrayList<>();
		AutoTrainResult r = AutoTrainer.train(cases, tiny(2), dir.resolve("sparse.zip"), false, log::add,
			Progress.NONE);
		assertTrue(log.stream().anyMatch(l -> l.startsWith("Sparse labels")), log.toString());
		assertEquals(4, r.report().cases().size());
		assertNotNull(r.objects(), "the decoding is chosen on the annotated objects");
		assertTrue(java.nio.file.Files.size(dir.resolve("sparse.zip")) > 0);
	}

	/** A small anisotropic nuclei volume (z spacing twice the in-plane spacing). */
	static SyntheticImage volume(long seed) {
		return SyntheticNuclei.builder().size(32, 32, 8).spacing(1, 1, 2, "um").count(4).radius(3, 5).seed(seed)
			.generate();
	}

	@Test
	void volumesTryTwoAndThreeDimensionsAndTheirEnsembleAndShipTheBest() throws Exception {
		List<TrainingCase> cases = new ArrayList<>();
		for (int i = 0; i < 3; i++) cases.add(trainingCase("vol" + i, volume(70 + i), true));
		Path model = dir.resolve("volumes.zip");
		AutoTrainResult r = AutoTrainer.train(cases, tiny(2).withHd95(false), model, false, s -> {}, Progress.NONE);
		Map<String, Double> dice = r.crossValidationDice();
		assertEquals(Set.of("2d", "3d_fullres", "2d+3d_fullres"), dice.keySet());
		Map<String, Double> objects = r.objects().candidates(); // object labels: chosen by the objects, not by Dice
		assertEquals(dice.keySet(), objects.keySet());
		assertEquals(objects.values().stream().max(Double::compare).orElseThrow(), objects.get(r.chosen()), r.summary());
		assertTrue(r.summary().contains("object mean F1"), r.summary());
		assertEquals(4, r.folds().size()); // 2 configurations x 2 folds
		assertEquals(3, r.report().cases().size());
		List<Integer> dims = ModelBundle.readSpecs(model).stream().map(s -> s.dims()).toList();
		assertEquals(switch (r.chosen()) {
			case "2d" -> List.of(2);
			case "3d_fullres" -> List.of(3);
			default -> List.of(2, 3);
		}, dims, r.chosen());
		try (SegmentationJob job = new SegmentationJob(model, "cpu", SlidingWindowPredictor.Options.defaults(),
			SegmentationJob.Output.CLASSES, false, SegmentationJob.Cleanup.MODEL, 0)) {
			assertEquals(dims.size(), job.configurations().size());
			ImagePlus labels = job.segment(volume(99).image("new"), Progress.NONE).labels();
			assertEquals(8, labels.getNSlices());
		}
	}

	/**
	 * Object labels on 3D data with a budget that gives 3d_fullres enough epochs: it trains first, alone, and 2d
	 * only with the time it leaves (here most of it: 3d_fullres ends at its epoch limit), so all three compete.
	 */
	@Test
	void objectVolumesWithEpochsToSpareTrainThreeDimensionsFirst() throws Exception {
		List<String> log = new ArrayList<>();
		AutoTrainResult r = AutoTrainer.train(twoObjectVolumes(), tiny(2).withEpochs(1, 2).withHd95(false)
			.withTimeBudgetSeconds(3600), dir.resolve("first.zip"), false, log::add, Progress.NONE);
		assertTrue(log.stream().anyMatch(l -> l.startsWith("3d_fullres takes about") && l.contains(
			"3d_fullres trains first")), log.toString());
		assertEquals(Set.of("3d_fullres", "2d", "2d+3d_fullres"), r.objects().candidates().keySet());
		int threeD = indexOf(log, "3d_fullres fold 0:"), twoD = indexOf(log, "2d fold 0:");
		assertTrue(threeD >= 0 && twoD > threeD, log.toString());
	}

	/**
	 * A budget too short for 3d_fullres alone to be worth it is shared, 2d first as planned; the timed probe counts
	 * towards the budget.
	 */
	@Test
	void objectVolumesWithFewEpochsShareTheBudget() throws Exception {
		List<String> log = new ArrayList<>();
		AutoTrainResult r = AutoTrainer.train(twoObjectVolumes(), tiny(2).withEpochs(1, 2).withHd95(false)
			.withTimeBudgetSeconds(2), dir.resolve("shared.zip"), false, log::add, Progress.NONE);
		assertTrue(log.stream().anyMatch(l -> l.startsWith("3d_fullres takes about") && l.contains(
			"the budget is shared")), log.toString());
		assertEquals(List.of("2d", "2d", "3d_fullres", "3d_fullres"), r.folds().stream().map(f -> f.configuration())
			.toList());
		assertTrue(r.objects().candidates().containsKey("2d+3d_fullres"), r.summary());
	}

	/** Only the unconstrained "best" on object volumes under a budget times 3d_fullres at all. */
	@Test
	void onlyObjectVolumesUnderABudgetWithNoConfigurationAskedForMayTrainThreeDimensionsAlone() {
		Map<String, ModelSpec> both = new LinkedHashMap<>();
		both.put("2d", null);
		both.put("3d_fullres", null);
		AutoTrainOptions budget = AutoTrainOptions.defaults().withTimeBudgetSeconds(600);
		assertTrue(AutoTrainer.mayTrainThreeDimensionsAlone(both, true, budget));
		assertFalse(AutoTrainer.mayTrainThreeDimensionsAlone(both, false, budget));
		assertFalse(AutoTrainer.mayTrainThreeDimensionsAlone(both, true, budget.withTimeBudgetSeconds(0)));
		assertFalse(AutoTrainer.mayTrainThreeDimensionsAlone(both, true, budget.withConfigurations(List.of(
			AutoTrainer.ENSEMBLE))));
		both.remove("2d");
		assertFalse(AutoTrainer.mayTrainThreeDimensionsAlone(both, true, budget));
	}

	@Test
	void epochsFittingAreTheWholeEpochsOfOneFoldsShare() {
		assertEquals(56, AutoTrainer.epochsFitting(3600, 1, 63.6));
		assertEquals(11, AutoTrainer.epochsFitting(3600, 5, 63.6));
		assertEquals(9, AutoTrainer.epochsFitting(600, 1, 63.6));
		assertTrue(AutoTrainer.epochsFitting(600, 1, 1e-12) > AutoTrainer.EPOCHS_FOR_THREE_DIMENSIONS_ALONE);
	}

	/**
	 * The timed 3d_fullres steps stop once they are twice too slow for the epochs needed: on this machine's pace
	 * (1.9 s a step, 54 steps an epoch) 60 minutes let all 8 steps run, 10 minutes and 2 minutes over 2 folds end
	 * them early.
	 */
	@Test
	void theTimedStepsStopOnceTheAnswerIsKnown() {
		double steps = 50 + 0.5 * 8, step = 1.9, enough = 3600.0 / AutoTrainer.EPOCHS_FOR_THREE_DIMENSIONS_ALONE;
		assertTrue(CrossValidation.probeLimitSeconds(enough, steps) > (CrossValidation.PROBE_ITERATIONS + 1) * step);
		assertTrue(CrossValidation.probeLimitSeconds(enough / 6, steps) < 5 * step);
		assertTrue(CrossValidation.probeLimitSeconds(60.0 / AutoTrainer.EPOCHS_FOR_THREE_DIMENSIONS_ALONE, steps)
			< step);
		assertEquals(TimeShare.MINIMUM_SECONDS, CrossValidation.probeLimitSeconds(0, steps), 0);
	}

	private static List<TrainingCase> twoObjectVolumes() {
		List<TrainingCase> cases = new ArrayList<>();
		for (int i = 0; i < 2; i++) cases.add(trainingCase("vol" + i, volume(90 + i), true));
		return cases;
	}

	private static int indexOf(List<String> lines, String prefix) {
		for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
		return -1;
	}

	@Test
	void anEnsembleAskedForShipsBothConfigurationsAndTheirPostprocessing() throws Exception {
		List<TrainingCase> cases = new ArrayList<>();
		for (int i = 0; i < 2; i++) cases.add(trainingCase("vol" + i, volume(80 + i), true));
		Path model = dir.resolve("ensemble.zip");
		AutoTrainResult r = AutoTrainer.train(cases, tiny(2).withEpochs(1, 2).withHd95(false).withConfigurations(List
			.of(AutoTrainer.ENSEMBLE)), model, false, s -> {}, Progress.NONE);
		assertEquals(AutoTrainer.ENSEMBLE, r.chosen());
		assertTrue(r.ensemble() && r.summary().contains("chosen: 2d+3d_fullres"), r.summary());
		assertEquals(List.of(2, 3), ModelBundle.readSpecs(model).stream().map(s -> s.dims()).toList());
		try (NDManager m = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			assertEquals(List.of(2, 2), ModelBundle.readContents(model, m).configurations().stream().map(c -> c.members().size()).toList());
		}
		assertEquals(r.postprocessing(), PostprocessingDecision.fromJson(text(ModelBundle.readExtras(model).get(
			ModelBundle.Entries.POSTPROCESSING))));
	}

	/** A budget too short for one epoch per fold is overrun (every fold trains), and the log says so as it happens. */
	@Test
	void aSpentBudgetIsSaidInTheLog() throws Exception {
		List<String> log = new ArrayList<>();
		AutoTrainer.train(cases2D(4, false), tiny(2).withLabelMode(LabelMode.FOREGROUND).withEpochs(1, 2)
			.withTimeBudgetSeconds(0.01), dir.resolve("short.zip"), false, log::add, Progress.NONE);
		assertTrue(log.stream().anyMatch(l -> l.startsWith("2d fold 1: the time budget is spent")), log.toString());
	}

	@Test
	void oneFoldHoldsOutAFractionOfTheCases() {
		List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
		List<Fold> folds = AutoTrainer.folds(names, tiny(1));
		assertEquals(1, folds.size());
		assertEquals(2, folds.get(0).val().size());
		assertEquals(8, folds.get(0).train().size());
		assertTrue(folds.get(0).train().stream().noneMatch(folds.get(0).val()::contains));
		List<Fold> five = AutoTrainer.folds(names, tiny(5));
		Set<String> all = new HashSet<>();
		five.forEach(f -> all.addAll(f.val()));
		assertEquals(new HashSet<>(names), all);
	}

	@Test
	void tooFewCasesForTheFoldsIsRefusedAndNothingIsWritten() {
		Path model = dir.resolve("one.zip");
		SegKitException e = assertThrows(SegKitException.class, () -> AutoTrainer.train(cases2D(1, true), tiny(2),
			model, false, s -> {}, Progress.NONE));
		assertTrue(e.getMessage().contains("at least 2 training cases"), e.getMessage());
		assertFalse(Files.exists(model));
		SegKitException three = assertThrows(SegKitException.class, () -> AutoTrainer.train(cases2D(2, true), tiny(
			3), model, false, s -> {}, Progress.NONE));
		assertTrue(three.getMessage().contains("fewer folds"), three.getMessage());
		assertFalse(Files.exists(model));
	}

	@Test
	void emptyLabelsAreRefusedAndNothingIsWritten() {
		List<TrainingCase> empty = new ArrayList<>();
		for (TrainingCase c : cases2D(3, true)) {
			Volume l = c.labels();
			empty.add(new TrainingCase(c.name(), c.channels(), Volume.ofBytes(new byte[l.width() * l.height()], l
				.width(), l.height(), 1, l.spacing())));
		}
		Path model = dir.resolve("empty.zip");
		SegKitException e = assertThrows(SegKitException.class, () -> AutoTrainer.train(empty, tiny(2), model, false,
			s -> {}, Progress.NONE));
		assertTrue(e.getMessage().contains("only background"), e.getMessage());
		assertFalse(Files.exists(model));
	}

	@Test
	void anExistingModelFileIsKeptWithoutOverwrite() throws Exception {
		Path model = dir.resolve("existing.zip");
		Files.writeString(model, "keep");
		SegKitException e = assertThrows(SegKitException.class, () -> AutoTrainer.train(cases2D(2, true), tiny(2),
			model, false, s -> {}, Progress.NONE));
		assertTrue(e.getMessage().contains("already exists"), e.getMessage());
		assertEquals("keep", Files.readString(model));
		Path nowhere = dir.resolve("missing").resolve("model.zip");
		e = assertThrows(SegKitException.class, () -> AutoTrainer.train(cases2D(2, true), tiny(2), nowhere, false,
			s -> {}, Progress.NONE));
		assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
		assertFalse(Files.exists(nowhere.getParent()));
	}

	@Test
	void networkSizesShrinkThePlannedFeatures() {
		int[] planned = {32, 64, 128, 256, 512};
		assertEquals(List.of(32, 64, 128, 256, 512), boxed(NetworkSize.AS_PLANNED.apply(planned)));
		assertEquals(List.of(16, 32, 64, 128, 128), boxed(NetworkSize.HALF.apply(planned)));
		assertEquals(List.of(8, 16, 32, 64, 64), boxed(NetworkSize.SMALL.apply(planned)));
		assertEquals(NetworkSize.HALF, NetworkSize.of("half"));
		assertThrows(SegKitException.class, () -> NetworkSize.of("huge"));
	}

	private static List<Integer> boxed(int[] a) {
		return java.util.Arrays.stream(a).boxed().toList();
	}

	private static String text(byte[] b) {
		return new String(b, StandardCharsets.UTF_8);
	}
}
