package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.train.NetworkSize;
import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.nn.Architecture;
import io.segkit.plan.MemoryBudget;
import io.segkit.autotrain.AutoTrainOptions;


/** The command's parameters map onto Auto-Train's options; bad choices fail before any work. */
class AutoTrainCommandTest {

	@TempDir
	Path dir;

	private AutoTrainCommand command() {
		AutoTrainCommand c = new AutoTrainCommand();
		c.trainingFolder = dir.toFile();
		c.modelFile = dir.resolve("model.zip").toFile();
		c.progress = Progress.NONE;
		return c;
	}

	@Test
	void parametersBecomeOptions() {
		AutoTrainCommand c = command();
		c.folds = 3;
		c.timeBudgetMinutes = 2;
		c.memoryGb = 4;
		c.networkSize = "small";
		c.architecture = "ATTENTION_UNET";
		c.labelImages = "objects";
		c.classNames = "background, nucleus";
		AutoTrainOptions o = c.options();
		assertEquals(3, o.folds());
		assertEquals(120, o.timeBudgetSeconds(), 1e-9);
		assertEquals(MemoryBudget.cpu(4), o.memory());
		assertEquals(NetworkSize.SMALL, o.networkSize());
		assertEquals(Architecture.ATTENTION_UNET, o.architecture());
		assertEquals(LabelMode.OBJECTS, o.labelMode());
		assertEquals("cpu", o.device());
		assertEquals("background, nucleus", o.classNames());
	}

	@Test
	void badChoicesAndAnExistingModelFailBeforeAnyWork() throws Exception {
		AutoTrainCommand c = command();
		c.architecture = "transformer";
		assertTrue(assertThrows(SegKitException.class, c::run).getMessage().contains("Unknown architecture"));
		c = command();
		c.folds = 0;
		assertThrows(SegKitException.class, c::run);
		c = command();
		File existing = dir.resolve("model.zip").toFile();
		Files.writeString(existing.toPath(), "old");
		c.modelFile = existing;
		assertTrue(assertThrows(SegKitException.class, c::run).getMessage().contains("already exists"));
		assertEquals("old", Files.readString(existing.toPath()));
		c.modelFile = null;
		assertThrows(SegKitException.class, c::run);
	}

	private Path trainingFolder(int cases) {
		Path folder = dir.resolve("training");
		for (int i = 0; i < cases; i++) {
			io.segkit.testdata.SyntheticImage s = io.segkit.testdata.SyntheticNuclei.builder().size(48, 48).count(5)
				.radius(4, 7).seed(60 + i).generate();
			save(s.image("c" + i), folder.resolve("images/c" + i + ".tif"));
			save(s.labelImage("c" + i), folder.resolve("labels/c" + i + ".tif"));
		}
		return folder;
	}

	private static void save(ij.ImagePlus image, Path file) {
		file.getParent().toFile().mkdirs();
		assertTrue(new ij.io.FileSaver(image).saveAsTiff(file.toString()));
	}

	@Test
	void trainsAFolderAndWritesAModelTheValidationTableAndThePlot() throws Exception {
		AutoTrainCommand c = command();
		c.trainingFolder = trainingFolder(4).toFile();
		c.labelImages = "objects";
		c.folds = 2;
		c.timeBudgetMinutes = 0.02; // about one epoch per fold
		c.networkSize = "small";
		c.run();
		assertTrue(Files.size(c.modelFile.toPath()) > 0);
		assertEquals(4 + 1, c.validation.size()); // the cases and their mean
		assertTrue(c.dicePlot.getWidth() > 0);
		assertEquals(2, io.segkit.model.ModelBundle.readSpec(c.modelFile.toPath()).dims());
	}

	@Test
	void aConfigurationTheDataCannotHaveFailsAndWritesNothing() {
		AutoTrainCommand c = command();
		c.trainingFolder = trainingFolder(4).toFile();
		c.folds = 2;
		c.configurations = "3d_fullres";
		assertEquals(java.util.List.of("3d_fullres"), c.options().configurations());
		SegKitException e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().contains("No configuration to train"), e.getMessage());
		assertTrue(!Files.exists(c.modelFile.toPath()));
	}

	@Test
	void plansEditedInPlanSegmentationAreTrainedWith() throws Exception {
		Path folder = trainingFolder(4);
		io.segkit.plan.FolderPlanning.plan(folder, MemoryBudget.cpu(1), new io.segkit.plan.FolderPlanning.Changes(
			new int[] {32, 32}, 2, null, null), Progress.NONE).plans().write(dir.resolve("plans.json"));
		AutoTrainCommand c = command();
		c.trainingFolder = folder.toFile();
		c.labelImages = "objects";
		c.folds = 2;
		c.timeBudgetMinutes = 0.01;
		c.networkSize = "small";
		c.plansFile = dir.resolve("plans.json").toFile();
		c.run();
		assertEquals("[32, 32]", java.util.Arrays.toString(io.segkit.model.ModelBundle.readSpec(c.modelFile.toPath())
			.patchSize()));
	}

	@Test
	void unusablePlansFilesAreExplainedAndNothingIsWritten() throws Exception {
		Path folder = trainingFolder(4);
		AutoTrainCommand c = command();
		c.trainingFolder = folder.toFile();
		c.folds = 2;
		c.plansFile = Files.writeString(dir.resolve("broken.json"), "{\"configurations\": {\"2d\": 3}}").toFile();
		assertTrue(assertThrows(SegKitException.class, c::run).getMessage().contains("plans"));
		com.google.gson.JsonObject plans = com.google.gson.JsonParser.parseString(io.segkit.plan.FolderPlanning.plan(
			folder, MemoryBudget.cpu(1), io.segkit.plan.FolderPlanning.Changes.NONE, Progress.NONE).plans().toJson())
			.getAsJsonObject();
		com.google.gson.JsonArray schemes = new com.google.gson.JsonArray();
		schemes.add("ZScoreNormalization");
		schemes.add("ZScoreNormalization");
		plans.getAsJsonObject("configurations").getAsJsonObject("2d").add("normalization_schemes", schemes);
		String twoChannels = plans.toString();
		c.plansFile = Files.writeString(dir.resolve("two-channels.json"), twoChannels).toFile();
		String message = assertThrows(SegKitException.class, c::run).getMessage();
		assertTrue(message.contains("2 channel(s)"), message);
		assertTrue(!Files.exists(c.modelFile.toPath()));
	}
}
