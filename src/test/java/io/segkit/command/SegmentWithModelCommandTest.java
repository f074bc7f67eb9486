package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.engine.Engines;
import io.segkit.model.ChannelNormalization;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.nn.Networks;

/** The command's mechanics with an untrained model: geometry, outputs, folder runs and bad input. */
class SegmentWithModelCommandTest {

	@TempDir
	static Path dir;

	static Path modelFile;

	@BeforeAll
	static void writeModel() {
		NetworkConfig net = new NetworkConfig(Architecture.PLAIN_UNET, 2, 1, 3, new int[] {4, 8}, new int[][] {{3, 3},
			{3, 3}}, new int[][] {{1, 1}, {2, 2}}, true);
		ModelSpec spec = new ModelSpec("test", net, List.of("DAPI"), List.of("background", "nucleus", "nucleolus"),
			new int[] {16, 16}, new double[] {0.5, 0.5}, "micron", List.of(ChannelNormalization.zScore()), null, "");
		modelFile = dir.resolve("model.zip");
		try (NDManager m = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			ModelBundle.write(modelFile, spec, List.of(Networks.createInitialized(net, m, 3)));
		}
	}

	private static ImagePlus image(String title, int d) {
		return LabelCommandsTest.stack(title, 16, 30, 22, d, (x, y, z) -> 100 + 50 * LabelCommandsTest.blobs(x % 12,
			y % 12, z % 6) + x);
	}

	private static SegmentWithModelCommand command(ImagePlus image) {
		SegmentWithModelCommand c = new SegmentWithModelCommand();
		c.image = image;
		c.model = modelFile.toFile();
		c.device = "cpu";
		c.progress = Progress.NONE;
		return c;
	}

	@Test
	void labelsAndProbabilitiesHaveTheImageGeometry() {
		ImagePlus input = image("cells.tif", 4); // 0.5 x 0.5 x 2 micron, like the model in-plane
		Object[] before = LabelCommandsTest.pixelsCopy(input);
		SegmentWithModelCommand c = command(input);
		c.probabilities = true;
		c.run();
		assertEquals("cells-classes", c.labelImage.getTitle());
		assertEquals(30, c.labelImage.getWidth());
		assertEquals(4, c.labelImage.getNSlices());
		assertEquals(0.5, c.labelImage.getCalibration().pixelWidth, 1e-12);
		assertTrue(c.labelImage.getStatistics().max <= 2);
		ImagePlus p = c.probabilityImage;
		assertEquals(3, p.getNChannels());
		assertEquals(4, p.getNSlices());
		float sum = 0;
		for (int ch = 1; ch <= 3; ch++) sum += p.getStack().getProcessor(p.getStackIndex(ch, 2, 1)).getf(7, 5);
		assertEquals(1f, sum, 1e-4f);
		LabelCommandsTest.assertPixelsUnchanged(before, input);
	}

	@Test
	void voxelsWithoutAValueAreBackgroundAndInfinityIsRefused() {
		ImagePlus input = image("holes", 1);
		new ij.process.ImageConverter(input).convertToGray32();
		for (int y = 4; y < 8; y++) for (int x = 4; x < 8; x++) input.getProcessor().setf(x, y, Float.NaN);
		SegmentWithModelCommand c = command(input);
		c.probabilities = true;
		c.run();
		assertEquals(0, c.labelImage.getProcessor().get(5, 5));
		ij.process.ImageProcessor background = c.probabilityImage.getStack().getProcessor(1);
		assertEquals(1f, background.getf(5, 5), 0f);
		assertTrue(background.getf(20, 15) < 1f, "elsewhere the network's own probability");
		input.getProcessor().setf(0, 0, Float.POSITIVE_INFINITY);
		Object[] before = LabelCommandsTest.pixelsCopy(input);
		SegmentWithModelCommand refused = command(input);
		SegKitException e = assertThrows(SegKitException.class, refused::run);
		assertTrue(e.getMessage().startsWith("'holes' has +Infinity at x=0, y=0."), e.getMessage());
		assertNull(refused.labelImage);
		LabelCommandsTest.assertPixelsUnchanged(before, input);
	}

	@Test
	void finerImagesAreResampledAndComeBackAtTheirOwnSize() {
		ImagePlus input = image("fine", 1);
		input.getCalibration().pixelWidth = 0.25;
		input.getCalibration().pixelHeight = 0.25;
		SegmentWithModelCommand c = command(input);
		c.labels = SegmentWithModelCommand.OBJECTS;
		c.postprocessing = SegmentWithModelCommand.LARGEST;
		c.run();
		assertTrue(c.labelImage.getStatistics().max <= 1, "one object at most after 'largest object'");
		assertEquals("fine-objects", c.labelImage.getTitle());
		assertEquals(30, c.labelImage.getWidth());
		assertEquals(22, c.labelImage.getHeight());
		assertNull(c.probabilityImage);
	}

	@Test
	void a3DModelOnASingleSliceIsRefusedAndA2DModelRunsOnStacks() {
		NetworkConfig net = new NetworkConfig(Architecture.PLAIN_UNET, 3, 1, 2, new int[] {4, 8}, new int[][] {{3, 3,
			3}, {3, 3, 3}}, new int[][] {{1, 1, 1}, {1, 2, 2}}, true);
		ModelSpec spec = new ModelSpec("nuclei-3d", net, List.of("DAPI"), List.of("background", "nucleus"), new int[] {
			4, 16, 16}, new double[] {2, 0.5, 0.5}, "micron", List.of(ChannelNormalization.zScore()), null, "");
		Path model3d = dir.resolve("model-3d.zip");
		try (NDManager m = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			ModelBundle.write(model3d, spec, List.of(Networks.createInitialized(net, m, 3)));
		}
		SegmentWithModelCommand c = command(image("slice", 1));
		c.model = model3d.toFile();
		SegKitException e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().contains("3D model") && e.getMessage().contains("single slice"), e.getMessage());
		assertNull(c.labelImage);
		SegmentWithModelCommand stack = command(image("stack", 4));
		stack.model = model3d.toFile();
		stack.run();
		assertEquals(4, stack.labelImage.getNSlices());
		SegmentWithModelCommand flat = command(image("flat-model-on-stack", 3)); // the 2D model, slice by slice
		flat.run();
		assertEquals(3, flat.labelImage.getNSlices());
	}

	@Test
	void wrongChannelCountIsExplained() {
		ImagePlus two = IJ.createHyperStack("two", 20, 20, 2, 1, 1, 8);
		SegmentWithModelCommand c = command(two);
		SegKitException e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().contains("expects 1 channel(s) (DAPI)"), e.getMessage());
	}

	@Test
	void constantImageAndDamagedModelAreRefused() throws IOException {
		SegmentWithModelCommand c = command(IJ.createImage("flat", "8-bit black", 20, 20, 1));
		assertThrows(SegKitException.class, c::run);
		Path broken = Files.write(dir.resolve("broken.zip"), new byte[] {1, 2, 3});
		SegmentWithModelCommand d = command(image("x", 1));
		d.model = broken.toFile();
		SegKitException e = assertThrows(SegKitException.class, d::run);
		assertTrue(e.getMessage().contains("not a SegKit model"), e.getMessage());
	}

	@Test
	void folderRunWritesLabelsOnceAndSkipsWhatIsDone() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		Path out = Files.createDirectories(dir.resolve("out"));
		new FileSaver(image("a.tif", 1)).saveAsTiff(in.resolve("a.tif").toString());
		new FileSaver(image("b.tif", 3)).saveAsTiffStack(in.resolve("b.tif").toString());
		long inputSize = Files.size(in.resolve("a.tif"));
		SegmentWithModelCommand c = command(null);
		c.inputFolder = in.toFile();
		c.outputFolder = out.toFile();
		c.run();
		assertEquals(2, c.summary.size());
		assertEquals("done", c.summary.getStringValue("Status", 0));
		assertTrue(Files.exists(out.resolve("a-labels.tif")));
		assertEquals(3, IJ.openImage(out.resolve("b-labels.tif").toString()).getNSlices());
		assertEquals(inputSize, Files.size(in.resolve("a.tif")));
		c.run();
		assertTrue(c.summary.getStringValue("Status", 1).startsWith("skipped"), c.summary.getStringValue("Status", 1));
		try (var files = Files.list(out)) {
			assertEquals(2, files.count()); // no temporary files left
		}
	}

	@Test
	void unreadableFilesInAFolderAreReportedAndTheRestIsSegmented() throws IOException {
		Path in = Files.createDirectories(dir.resolve("mixed"));
		Path out = Files.createDirectories(dir.resolve("mixed-out"));
		new FileSaver(image("a.tif", 1)).saveAsTiff(in.resolve("a.tif").toString());
		Files.write(in.resolve("b-empty.tif"), new byte[0]);
		Files.writeString(in.resolve("c-text.tif"), "not an image");
		new FileSaver(image("d.tif", 1)).saveAsTiff(in.resolve("d.tif").toString());
		SegmentWithModelCommand c = command(null);
		c.inputFolder = in.toFile();
		c.outputFolder = out.toFile();
		c.run();
		assertEquals(4, c.summary.size());
		assertEquals("done", c.summary.getStringValue("Status", 0));
		assertTrue(c.summary.getStringValue("Status", 1).startsWith("failed"), c.summary.getStringValue("Status", 1));
		assertTrue(c.summary.getStringValue("Status", 2).startsWith("failed"), c.summary.getStringValue("Status", 2));
		assertEquals("done", c.summary.getStringValue("Status", 3));
		assertTrue(Files.exists(out.resolve("d-labels.tif")));
		assertFalse(Files.exists(out.resolve("b-empty-labels.tif")));
		// in a macro (headless batch) the run ends with an error naming them, after the others were written
		Path out2 = Files.createDirectories(dir.resolve("mixed-out-2"));
		SegmentWithModelCommand inMacro = command(null);
		inMacro.inputFolder = in.toFile();
		inMacro.outputFolder = out2.toFile();
		inMacro.stopMacroOnFailure = true;
		SegKitException e = assertThrows(SegKitException.class, inMacro::run);
		assertTrue(e.getMessage().contains("2 of 4 images could not be segmented") && e.getMessage().contains(
			"b-empty.tif"), e.getMessage());
		assertTrue(Files.exists(out2.resolve("a-labels.tif")) && Files.exists(out2.resolve("d-labels.tif")));
	}

	@Test
	void folderRunNeedsTwoDifferentFolders() {
		SegmentWithModelCommand c = command(null);
		SegKitException e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().contains("input folder"), e.getMessage());
		c.inputFolder = dir.toFile();
		c.outputFolder = dir.toFile();
		e = assertThrows(SegKitException.class, c::run);
		assertTrue(e.getMessage().contains("must differ"), e.getMessage());
		c.outputFolder = new File(dir.toFile(), "missing");
		e = assertThrows(SegKitException.class, c::run);
		assertFalse(new File(dir.toFile(), "missing").exists());
	}
}
