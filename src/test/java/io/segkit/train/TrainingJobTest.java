package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.image.Volume;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.testdata.SyntheticImage;
import io.segkit.testdata.SyntheticNuclei;

/** The model file rule, the checkpoint folder, cancel and save of one training run. */
class TrainingJobTest {

	@TempDir
	Path dir;

	@Test
	void theModelFileRule() throws IOException {
		assertEquals(dir.resolve("nuclei.zip"), TrainingJob.modelFile(dir.resolve("nuclei"), false));
		assertEquals(dir.resolve("a.ZIP"), TrainingJob.modelFile(dir.resolve("a.ZIP"), false));
		Path existing = Files.writeString(dir.resolve("old.zip"), "old");
		assertTrue(message(() -> TrainingJob.modelFile(existing, false)).contains("already exists"));
		assertEquals(existing, TrainingJob.modelFile(existing, true));
		assertTrue(message(() -> TrainingJob.modelFile(dir.resolve("no/such/x.zip"), true)).contains("does not exist"));
		Files.createDirectories(dir.resolve("folder.zip"));
		assertTrue(message(() -> TrainingJob.modelFile(dir.resolve("folder.zip"), true)).contains("is a folder"));
		assertTrue(message(() -> TrainingJob.modelFile(null, true)).contains("Choose where"));
		assertEquals("old", Files.readString(existing));
	}

	@Test
	void checkpointsGoBesideTheModelAndResumeNeedsOne() {
		try (TrainingJob job = new TrainingJob(dir.resolve("nuclei.zip"), false, false)) {
			assertEquals(dir.resolve("nuclei-training"), job.checkpoints());
			assertEquals("nuclei", job.modelName());
		}
		assertTrue(message(() -> new TrainingJob(dir.resolve("nuclei.zip"), false, true)).contains(
			"no checkpoint to resume"));
	}

	@Test
	void oneTrainingAtATimeCheckedBeforeAnythingIsRead() {
		try (TrainingJob first = new TrainingJob(dir.resolve("a.zip"), false, false)) {
			assertTrue(message(() -> new TrainingJob(dir.resolve("b.zip"), false, false)).contains(
				"Another training is running"));
			assertTrue(message(() -> TrainingJob.claim()).contains("Another training is running"));
		}
		try (TrainingJob.Slot again = TrainingJob.claim()) {
			assertTrue(message(() -> new TrainingJob(dir.resolve("c.zip"), false, false)).contains("Another"));
		}
		new TrainingJob(dir.resolve("d.zip"), false, false).close(); // free again
	}

	private static List<TrainingCase> cases() {
		List<TrainingCase> out = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			SyntheticImage s = SyntheticNuclei.builder().size(32, 32).count(3).radius(4, 6).seed(20 + i).generate();
			out.add(new TrainingCase("c" + i, List.of(Volume.of(s.image("c" + i), 1, 1)), Volume.of(s.labelImage(
				"l" + i), 1, 1)));
		}
		return out;
	}

	@Test
	void trainsTheGivenModelSavesItAtomicallyAndResumes() throws IOException {
		List<TrainingCase> cases = cases();
		ModelSpec spec = ModelDesign.fromChoices("n", cases, List.of("background", "nucleus"), new ModelDesign.Choices(
			2, Architecture.PLAIN_UNET, 4, 2, new int[] {16, 16}));
		TrainingSettings settings = TrainingSettings.defaults().toBuilder().batchSize(2).epochs(1).iterationsPerEpoch(2)
			.validationPatches(2).build();
		List<String> log = new ArrayList<>();
		Path model = dir.resolve("n.zip");
		try (TrainingJob job = new TrainingJob(model, false, false)) {
			TrainingResult first = job.run(cases, LabelMode.FOREGROUND, spec, settings, null, log::add, Progress.NONE);
			assertEquals(1, first.epochs());
		}
		assertEquals(spec.network(), ModelBundle.readSpec(model).network());
		assertTrue(log.get(log.size() - 1).contains("model saved to " + model), log.toString());
		try (var files = Files.list(dir)) {
			assertEquals(List.of("n-training", "n.zip"), files.map(p -> p.getFileName().toString()).sorted().toList());
		}
		Path last = dir.resolve("n-training").resolve(Trainer.LAST_FILE);
		assertTrue(ModelBundle.readExtras(last).containsKey(ModelBundle.Entries.OPTIMIZER_STATE));
		assertFalse(ModelBundle.readExtras(model).containsKey(ModelBundle.Entries.OPTIMIZER_STATE),
			"the model file has no optimiser state");
		assertTrue(Files.size(model) < Files.size(last));
		// a killed run's temporary files are removed by the next one
		Path leftover = Files.writeString(dir.resolve("n-training").resolve("." + Trainer.LAST_FILE + "-x1.tmp"), "");
		Path modelLeftover = Files.writeString(dir.resolve(".n.zip-x2.tmp"), "");
		Path oldLeftover = Files.writeString(dir.resolve("n-training").resolve(".segkit-model-123.tmp"), "");
		try (TrainingJob resumed = new TrainingJob(model, false, true)) {
			TrainingResult more = resumed.run(cases, LabelMode.FOREGROUND, null, settings.toBuilder().epochs(2).build(),
				null, log::add, Progress.NONE);
			assertEquals(2, more.epochs(), "the resumed run continues at epoch 2");
		}
		assertFalse(Files.exists(leftover) || Files.exists(modelLeftover) || Files.exists(oldLeftover));
	}

	@Test
	void aCancelWritesNoModelAndSaysHowToResume() throws IOException {
		List<TrainingCase> cases = cases();
		ModelSpec spec = ModelDesign.fromChoices("c", cases, List.of("background", "nucleus"), new ModelDesign.Choices(
			2, Architecture.PLAIN_UNET, 4, 2, new int[] {16, 16}));
		Progress cancelled = new Progress() {

			private int updates;

			@Override
			public void update(String step, long done, long total) {
				updates++;
			}

			@Override
			public boolean isCancelRequested() {
				return updates > 4; // after preparing the cases, within training
			}
		};
		List<String> log = new ArrayList<>();
		Path model = dir.resolve("c.zip");
		try (TrainingJob job = new TrainingJob(model, false, false)) {
			Cancelled stop = assertThrows(Cancelled.class, () -> job.run(cases, LabelMode.FOREGROUND, spec, TrainingSettings
				.defaults().toBuilder().batchSize(2).epochs(3).iterationsPerEpoch(5).build(), null, log::add, cancelled));
			assertTrue(stop.getMessage().contains("checkpoint") && !stop.getMessage().contains("nothing was changed"),
				stop.getMessage());
		}
		assertFalse(Files.exists(model));
		assertTrue(log.get(log.size() - 1).contains("Resume"), log.toString());
		// the cancelled run's checkpoints stay; a new run without Resume or Overwrite must not replace them
		Path last = dir.resolve("c-training").resolve(Trainer.LAST_FILE);
		byte[] before = Files.readAllBytes(last);
		String m = message(() -> new TrainingJob(model, false, false));
		assertTrue(m.contains("earlier training") && m.contains("Resume") && m.contains("Overwrite"), m);
		assertArrayEquals(before, Files.readAllBytes(last));
		new TrainingJob(model, true, false).close(); // Overwrite may start again
	}

	private static String message(Runnable r) {
		return assertThrows(SegKitException.class, r::run).getMessage();
	}
}
