package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import io.segkit.Progress;
import io.segkit.engine.Engines;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;

/** Small networks learn synthetic nuclei on the CPU; Dice is measured on held-out cases. */
class TrainerConvergenceTest {

	@TempDir
	Path dir;

	@Test
	void twoDimensionalNetworkSegmentsHeldOutNuclei() {
		List<PreparedCase> cases = TrainingTesting.nuclei2D(6, 96, 14);
		TrainingSettings settings = TrainingSettings.defaults().toBuilder().batchSize(4).epochs(8).iterationsPerEpoch(25).validationCases(List.of("case4", "case5")).build();
		TrainingResult result = train(cases, TrainingTesting.spec(2, new int[] {8, 16, 32, 64}, 64, 64), settings);
		EpochRecord bestEpoch = result.history().stream().filter(EpochRecord::best).reduce((a, b) -> b).orElseThrow();
		assertTrue(bestEpoch.validationDice() >= 0.9, "best-epoch validation Dice " + bestEpoch.validationDice());
		ModelSpec best = ModelBundle.readSpec(result.best());
		assertEquals(List.of("case4", "case5"), best.training().validationCaseNames());
		assertEquals(bestEpoch.validationDice(), best.training().bestValidationDice(), 1e-12);
		assertTrue(Files.isRegularFile(result.last()));
		double wholeCases = wholeCaseDice(result.best(), cases.subList(4, 6), settings);
		System.out.println("whole held-out cases, sliding window: Dice " + wholeCases);
		assertTrue(wholeCases >= 0.9, "whole-case Dice " + wholeCases);
	}

	/** Dice of a saved model on whole cases through the sliding-window predictor. */
	private static double wholeCaseDice(Path model, List<PreparedCase> cases, TrainingSettings settings) {
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			LoadedModel loaded = ModelBundle.read(model, manager);
			return new WholeCaseValidator(cases, loaded.spec(), settings).meanForegroundDice(loaded.members().get(0),
				manager, Progress.NONE);
		}
	}

	@Test
	void threeDimensionalNetworkLearns() {
		List<PreparedCase> cases = List.of(TrainingTesting.nuclei("a", 7, 40, 40, 16, 10), TrainingTesting.nuclei("b",
			8, 40, 40, 16, 10), TrainingTesting.nuclei("c", 9, 40, 40, 16, 10));
		TrainingSettings settings = TrainingSettings.defaults().toBuilder().batchSize(2).epochs(6).iterationsPerEpoch(15).validationCases(List.of("c")).build();
		TrainingResult result = train(cases, TrainingTesting.spec(2, new int[] {8, 16, 32}, 16, 32, 32), settings);
		List<EpochRecord> h = result.history();
		assertTrue(h.get(h.size() - 1).trainingLoss() < h.get(0).trainingLoss(), "loss did not fall: " + h);
		double bestDice = h.stream().mapToDouble(EpochRecord::validationDice).max().orElseThrow();
		assertTrue(bestDice > 0.7, "best validation Dice " + bestDice);
	}

	private TrainingResult train(List<PreparedCase> cases, ModelSpec template, TrainingSettings settings) {
		long start = System.nanoTime();
		TrainingResult result = Trainer.train(cases, template, settings, dir, (record, history) -> System.out.println(
			record), Progress.NONE);
		System.out.printf("%s: %.1f s%n", settings, (System.nanoTime() - start) / 1e9);
		return result;
	}
}
