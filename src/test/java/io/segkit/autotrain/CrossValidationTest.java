package io.segkit.autotrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import io.segkit.Progress;
import io.segkit.dataset.CrossValidationSplits.Fold;
import io.segkit.dataset.TrainingCase;
import io.segkit.engine.Engines;
import io.segkit.infer.ImageSegmenter;
import io.segkit.infer.SlidingWindowPredictor;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.plan.Plans;
import io.segkit.train.ModelDesign;
import io.segkit.train.NetworkSize;

/**
 * Every case is predicted once, by the fold that did not train on it, in its own grid, and by the same path as
 * Segment with Model (ImageSegmenter).
 */
class CrossValidationTest {

	@TempDir
	Path work;

	@Test
	void eachCaseIsPredictedByItsHeldOutFoldThroughSegmentWithModelsPath() {
		List<TrainingCase> cases = AutoTrainerTest.cases2D(3, false);
		List<Fold> folds = List.of(new Fold(List.of("case1", "case2"), List.of("case0")), new Fold(List.of("case0"),
			List.of("case1", "case2")));
		AutoTrainOptions options = AutoTrainerTest.tiny(2).withLabelMode(io.segkit.dataset.LabelMode.CLASSES);
		List<String> classes = List.of("background", "foreground");
		Plans plans = AutoTrainer.plan(cases, classes, options, Progress.NONE);
		ModelSpec template = ModelDesign.fromPlan(plans, "2d", options.architecture(), NetworkSize.SMALL, "cv", List
			.of("channel 1"), classes, "pixel");
		List<String> log = new ArrayList<>();
		AutoTrainListener listener = log::add;
		ConfigurationRun run = new CrossValidation(cases, -1, folds, options, work, listener, Progress.NONE).run("2d", plans
			.configuration("2d"), template, new TimeShare(0, 2, System.nanoTime()));

		assertEquals(Map.of("case0", 0, "case1", 1, "case2", 1), run.foldOfCase());
		assertEquals(List.of("case0", "case1", "case2"), run.probabilities().keySet().stream().sorted().toList());
		assertEquals(2, run.bestFiles().size());
		assertEquals(2, run.folds().size());
		for (TrainingCase c : cases) {
			float[][] p = run.probabilities().get(c.name());
			assertEquals(2, p.length);
			assertEquals(c.labels().width() * c.labels().height(), p[0].length, "the case's own grid");
		}
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			ImageSegmenter segmenter = new ImageSegmenter(List.of(ModelBundle.read(run.bestFiles().get(1), manager)),
				manager, SlidingWindowPredictor.Options.defaults());
			float[][] direct = segmenter.segment(cases.get(2).channels(), Progress.NONE).probabilities();
			assertArrayEquals(direct[1], run.probabilities().get("case2")[1], 0f);
		}
	}
}
