package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.segkit.Progress;
import io.segkit.engine.Engines;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.train.TrainingResult.StopReason;

/**
 * Cancel stops within one iteration and leaves a checkpoint; resuming from it gives the weights of an
 * uninterrupted run exactly (same batches from (seed, index), same optimiser state, one deterministic CPU thread).
 */
class CheckpointResumeTest {

	@TempDir
	Path dir;

	private static NDManager manager;
	private static final List<PreparedCase> CASES = TrainingTesting.nuclei2D(3, 40, 5);
	private static final ModelSpec TEMPLATE = TrainingTesting.spec(2, new int[] {4, 8}, 32, 32);

	@BeforeAll
	static void start() {
		manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()));
	}

	@AfterAll
	static void stop() {
		manager.close();
	}

	private static TrainingSettings settings(TrainingSettings.OptimizerKind optimizer) {
		return TrainingSettings.defaults().toBuilder().batchSize(2).epochs(2)
			.iterationsPerEpoch(4).validationPatches(2).optimizer(optimizer).seed(3).build();
	}

	/** A progress that asks to stop once {@code after} training iterations were reported, and counts the rest. */
	private static final class CancelAfter implements Progress {

		final int after;
		final AtomicBoolean cancel = new AtomicBoolean();
		final AtomicInteger iterationsAfterCancel = new AtomicInteger();

		CancelAfter(int after) {
			this.after = after;
		}

		@Override
		public void update(String step, long done, long total) {
			if (!step.startsWith("Training epoch")) return;
			if (cancel.get()) iterationsAfterCancel.incrementAndGet();
			if (done >= after) cancel.set(true);
		}

		@Override
		public boolean isCancelRequested() {
			return cancel.get();
		}
	}

	@Test
	void cancelThenResumeEqualsAnUninterruptedRun() {
		for (TrainingSettings.OptimizerKind optimizer : TrainingSettings.OptimizerKind.values()) {
			TrainingSettings s = settings(optimizer);
			Path straight = dir.resolve("straight-" + optimizer);
			TrainingResult full = Trainer.train(CASES, TEMPLATE, s, straight, null, Progress.NONE);
			assertEquals(StopReason.FINISHED, full.stopReason());

			Path interrupted = dir.resolve("interrupted-" + optimizer);
			CancelAfter cancel = new CancelAfter(6); // mid-way through epoch 2
			TrainingResult partial = Trainer.train(CASES, TEMPLATE, s, interrupted, null, cancel);
			assertEquals(StopReason.CANCELLED, partial.stopReason());
			assertEquals(0, cancel.iterationsAfterCancel.get());
			assertEquals(1, partial.epochs());
			assertEquals(1, ModelBundle.readSpec(partial.last()).training().epochs());

			TrainingResult resumed = Trainer.resume(partial.last(), CASES, interrupted, null, Progress.NONE);
			assertEquals(StopReason.FINISHED, resumed.stopReason());
			assertEquals(2, resumed.history().size());
			assertEquals(full.history().get(1).trainingLoss(), resumed.history().get(1).trainingLoss(), 0);
			assertWeightsEqual(full.last(), resumed.last(), 0f);
		}
	}

	@Test
	void cancelInTheFirstEpochLeavesTheInitialCheckpoint() {
		CancelAfter cancel = new CancelAfter(1);
		TrainingResult r = Trainer.train(CASES, TEMPLATE, settings(TrainingSettings.OptimizerKind.SGD), dir, null,
			cancel);
		assertEquals(StopReason.CANCELLED, r.stopReason());
		assertNull(r.best());
		assertEquals(0, ModelBundle.readSpec(r.last()).training().epochs());
		TrainingResult resumed = Trainer.resume(r.last(), CASES, dir, null, Progress.NONE);
		assertEquals(2, resumed.epochs());
		assertTrue(resumed.medianStepSeconds() > 0 && resumed.medianStepSeconds() < 60, "the median step of this "
			+ "run: " + resumed.medianStepSeconds());
	}

	@Test
	void threadInterruptCancelsToo() {
		Progress interrupting = new Progress() {

			@Override
			public void update(String step, long done, long total) {
				if (step.startsWith("Training epoch") && done == 2) Thread.currentThread().interrupt();
			}

			@Override
			public boolean isCancelRequested() {
				return false;
			}
		};
		try {
			TrainingResult r = Trainer.train(CASES, TEMPLATE, settings(TrainingSettings.OptimizerKind.SGD), dir, null,
				interrupting);
			assertEquals(StopReason.CANCELLED, r.stopReason());
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void earlyStopWithAPluggedInValidator() {
		TrainingSettings s = settings(TrainingSettings.OptimizerKind.SGD).toBuilder().epochs(5).patience(2).build();
		List<Double> dice = List.of(0.5, 0.6, 0.55, 0.6, 0.9);
		AtomicInteger calls = new AtomicInteger();
		Validator.Factory constant = (cases, spec, settings) -> (net, m, p) -> dice.get(calls.getAndIncrement());
		TrainingResult r = Trainer.train(CASES, TEMPLATE, s, dir, null, Progress.NONE, constant);
		// moving averages 0.5, 0.51, 0.5145, 0.52305 (all better), then 0.5607 ... : never stale for 2 epochs
		assertEquals(StopReason.FINISHED, r.stopReason());
		calls.set(0);
		List<Double> falling = List.of(0.9, 0.1, 0.1, 0.1, 0.1);
		Validator.Factory worse = (cases, spec, settings) -> (net, m, p) -> falling.get(calls.getAndIncrement());
		TrainingResult stopped = Trainer.train(CASES, TEMPLATE, s, dir.resolve("worse"), null, Progress.NONE, worse);
		assertEquals(StopReason.EARLY_STOP, stopped.stopReason());
		assertEquals(3, stopped.epochs());
		assertEquals(1, ModelBundle.readSpec(stopped.best()).training().epochs());
		assertEquals(0.9, ModelBundle.readSpec(stopped.best()).training().bestValidationDice(), 0);
	}

	/**
	 * A run whose weights turn to NaN after its first epoch (as an exploding learning rate does) skips the NaN steps,
	 * stops as diverged and keeps the saved epoch, whose weights are finite; one that diverges at once throws.
	 */
	@Test
	void divergenceAfterASavedEpochKeepsItAndBeforeThrows() throws Exception {
		AtomicReference<io.segkit.nn.SegmentationNetwork> trained = new AtomicReference<>();
		Validator.Factory remembering = (cases, spec, settings) -> (net, m, p) -> {
			trained.set(net);
			return 0.5;
		};
		TrainingListener poisonAfterFirstEpoch = (record, history) -> {
			if (record.epoch() == 1) trained.get().getParameters().forEach(p -> p.getValue().getArray().muli(Float.NaN));
		};
		TrainingSettings s = settings(TrainingSettings.OptimizerKind.SGD).toBuilder().epochs(5).iterationsPerEpoch(6)
			.build();
		TrainingResult r = Trainer.train(CASES, TEMPLATE, s, dir, poisonAfterFirstEpoch, Progress.NONE, remembering);
		assertEquals(StopReason.DIVERGED, r.stopReason());
		assertEquals(2, r.epochs(), "epoch 2 had only 6 skipped steps; the 10th, in epoch 3, ends the run");
		assertTrue(Double.isNaN(r.history().get(1).trainingLoss()), "an epoch of skipped steps has no loss");
		assertEquals(1, ModelBundle.readSpec(r.best()).training().epochs());
		try (NDManager m = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			for (var p : ModelBundle.read(r.best(), m).members().get(0).getParameters()) {
				for (float v : p.getValue().getArray().toFloatArray()) assertTrue(Float.isFinite(v), p.getKey());
			}
		}
		TrainingSettings exploding = s.toBuilder().learningRate(1e30).iterationsPerEpoch(2 * TrainingRun
			.MAX_SKIPPED_IN_A_ROW).build();
		io.segkit.SegKitException e = assertThrows(io.segkit.SegKitException.class, () -> Trainer.train(CASES, TEMPLATE,
			exploding, dir.resolve("at-once"), null, Progress.NONE, remembering));
		assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
	}

	@Test
	void trainingStepsLeaveNoArraysBehind() {
		List<Integer> arrays = new ArrayList<>();
		Validator.Factory counting = (cases, spec, settings) -> (net, m, p) -> {
			arrays.add(m.getManagedArrays().size());
			return 0.5;
		};
		TrainingSettings s = settings(TrainingSettings.OptimizerKind.ADAM).toBuilder().epochs(3).build();
		Trainer.train(CASES, TEMPLATE, s, dir, null, Progress.NONE, counting);
		assertEquals(3, arrays.size());
		assertTrue(arrays.get(0) > 0);
		assertEquals(arrays.get(0), arrays.get(2), "arrays on the training manager per epoch: " + arrays);
	}

	@Test
	void listenerSeesEveryEpochAndTimeBudgetEnds() {
		List<EpochRecord> seen = new ArrayList<>();
		TrainingSettings s = settings(TrainingSettings.OptimizerKind.SGD).toBuilder().epochs(3).build();
		TrainingResult r = Trainer.train(CASES, TEMPLATE, s, dir, (record, history) -> seen.add(record),
			Progress.NONE);
		assertEquals(r.history(), seen);
		assertEquals(List.of(1, 2, 3), seen.stream().map(EpochRecord::epoch).toList());
		TrainingResult timed = Trainer.train(CASES, TEMPLATE, s.toBuilder().timeBudgetSeconds(1e-3).build(), dir
			.resolve("timed"), null, Progress.NONE);
		assertEquals(StopReason.TIME_BUDGET, timed.stopReason());
		assertEquals(1, timed.epochs(), "even a tiny budget trains one iteration and validates it");
	}

	/**
	 * The budget is kept within about one iteration, not one epoch: an epoch of 2000 iterations (tens of seconds
	 * here) stops after a fraction of them, is validated and saved.
	 */
	@Test
	void aTimeBudgetCutsALongEpochShort() {
		List<Long> iterations = new ArrayList<>();
		Progress counting = new Progress() {

			@Override
			public void update(String step, long done, long total) {
				if (step.startsWith("Training epoch")) iterations.add(done);
			}

			@Override
			public boolean isCancelRequested() {
				return false;
			}
		};
		TrainingSettings s = settings(TrainingSettings.OptimizerKind.SGD).toBuilder().epochs(3).iterationsPerEpoch(2000)
			.timeBudgetSeconds(1.5).build();
		long start = System.nanoTime();
		TrainingResult r = Trainer.train(CASES, TEMPLATE, s, dir, null, counting);
		double seconds = (System.nanoTime() - start) / 1e9;
		assertEquals(StopReason.TIME_BUDGET, r.stopReason());
		assertEquals(1, r.epochs());
		assertTrue(iterations.size() > 0 && iterations.size() < 2000, iterations.size() + " iterations");
		assertTrue(r.last() != null && java.nio.file.Files.exists(r.last()), "the short epoch is saved");
		assertTrue(seconds < 15, "stopped near the 1.5 s budget, not after the epoch: " + seconds + " s");
	}

	private static void assertWeightsEqual(Path a, Path b, float tolerance) {
		try (NDManager m = manager.newSubManager()) {
			LoadedModel x = ModelBundle.read(a, m), y = ModelBundle.read(b, m);
			var px = x.members().get(0).getParameters();
			var py = y.members().get(0).getParameters();
			assertEquals(px.size(), py.size());
			for (int i = 0; i < px.size(); i++) {
				Pair<String, Parameter> p = px.get(i);
				assertArrayEquals(p.getValue().getArray().toFloatArray(), py.get(i).getValue().getArray()
					.toFloatArray(), tolerance, p.getKey());
			}
		}
	}
}
