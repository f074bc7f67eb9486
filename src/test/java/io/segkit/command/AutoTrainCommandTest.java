package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.autotrain.AutoTrainOptions;
import io.segkit.dataset.LabelMode;
import io.segkit.engine.Engines;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.nn.Networks;
import io.segkit.nn.SegmentationNetwork;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.Plan;
import io.segkit.plan.Plans;
import io.segkit.train.NetworkSize;

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
		c.device = "CPU";
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

	/** The device choice sets both where training runs and the memory the plan fits; old macro words still work. */
	@Test
	void theDeviceChoiceSetsTheDeviceAndTheMemoryBudget() {
		AutoTrainCommand c = command();
		c.memoryGb = 4;
		for (String[] device : new String[][] {{"GPU 1", "gpu:1"}, {"GPU", "gpu:0"}, {"gpu", "gpu:0"}}) {
			c.device = device[0];
			assertEquals(device[1], c.options().device(), device[0]);
			assertEquals(MemoryBudget.gpu(4), c.options().memory(), device[0]);
		}
		c.device = "cpu";
		assertEquals("cpu", c.options().device());
		c.device = "automatic";
		assertEquals("auto", c.options().device());
		assertEquals(MemoryBudget.cpu(4), c.options().memory(), "automatic is the CPU with the CPU build");
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
		c.timeBudgetMinutes = 0.02; // a few iterations per fold
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

	/** Volumes of 48 x 48 x 16 voxels, 0.5 x 0.5 x 2 micron (anisotropic, as confocal stacks are). */
	private Path volumeFolder(int cases) {
		Path folder = dir.resolve("volumes");
		for (int i = 0; i < cases; i++) {
			io.segkit.testdata.SyntheticImage s = io.segkit.testdata.SyntheticNuclei.builder().size(48, 48, 16)
				.spacing(0.5, 0.5, 2, "micron").count(6).radius(4, 6).seed(80 + i).generate();
			save(s.image("v" + i), folder.resolve("images/v" + i + ".tif"));
			save(s.labelImage("v" + i), folder.resolve("labels/v" + i + ".tif"));
		}
		return folder;
	}

	/**
	 * A plans file as nnU-Net writes it, whose 3d_fullres topology is not SegKit's own rule for these volumes (3
	 * stages; in-plane-only first down-sampling with 1x3x3 kernels, then 2x2x2; features 8, 12, 20; patch 8x32x32):
	 * Auto-Train must train exactly that network.
	 */
	@Test
	void anNnUNetPlansFileIsTrainedExactlyAsPlanned() throws Exception {
		Path plansFile = dir.resolve("nnUNetPlans.json");
		try (var in = getClass().getResourceAsStream("nnUNetPlans-anisotropic.json")) {
			Files.copy(in, plansFile);
		}
		Plan plan = Plans.read(plansFile).configuration("3d_fullres");
		AutoTrainCommand c = command();
		c.trainingFolder = volumeFolder(2).toFile();
		c.labelImages = "objects";
		c.folds = 2;
		c.timeBudgetMinutes = 0.01; // a few iterations (one short epoch) per fold
		c.networkSize = "as planned";
		c.configurations = "3d_fullres";
		c.plansFile = plansFile.toFile();
		c.run();

		ModelSpec spec = ModelBundle.readSpec(c.modelFile.toPath());
		NetworkConfig trained = spec.network();
		assertArrayEquals(plan.kernelSizes(), trained.kernelSizes());
		assertArrayEquals(plan.strides(), trained.strides());
		assertArrayEquals(plan.featuresPerStage(), trained.features());
		assertArrayEquals(plan.patchSize(), spec.patchSize());
		assertArrayEquals(plan.spacing(), spec.spacing(), 1e-9);
		// object labels: background, nucleus interior and boundary, whatever classes the plans' dataset had, and the
		// distance head's output
		NetworkConfig planned = new NetworkConfig(Architecture.PLAIN_UNET, 3, 1, 4, new int[] {8, 12, 20},
			new int[][] {{1, 3, 3}, {1, 3, 3}, {3, 3, 3}}, new int[][] {{1, 1, 1}, {1, 2, 2}, {2, 2, 2}}, true);
		assertEquals(planned, trained);
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			LoadedModel model = ModelBundle.read(c.modelFile.toPath(), manager);
			assertEquals(2, model.members().size(), "one network per fold");
			Map<String, Shape> reference = shapes(Networks.createInitialized(planned, manager, 0));
			for (SegmentationNetwork fold : model.members()) assertEquals(reference, shapes(fold));
			assertTrue(reference.containsValue(new Shape(8, 1, 1, 3, 3)), "the stem's 1x3x3 kernel: " + reference);
			assertTrue(reference.containsValue(new Shape(20, 12, 3, 3, 3)), "the bottleneck: " + reference);
		}
	}

	private static Map<String, Shape> shapes(SegmentationNetwork net) {
		Map<String, Shape> out = new LinkedHashMap<>();
		net.getParameters().forEach(p -> out.put(p.getKey(), p.getValue().getArray().getShape()));
		return out;
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
