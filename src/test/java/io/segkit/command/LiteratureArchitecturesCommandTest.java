package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.Duplicator;

import io.segkit.Progress;
import io.segkit.model.ModelBundle;
import io.segkit.nn.Architecture;

/**
 * FCN-8s, SegNet, UNet++, DeepLabv3+, PSPNet and RefineNet chosen by their labels in Train Segmentation Model, in 2D
 * and 3D (anisotropic voxels, so the planner's strides differ per axis): a tiny run trains through the real loop
 * (deep-supervision and auxiliary outputs included), the model file names the architecture, and Segment with Model
 * applies it to an image of another size.
 */
class LiteratureArchitecturesCommandTest {

	private static final List<String> LABELS = List.of(Choices.FCN, Choices.SEGNET, Choices.UNET_PLUS_PLUS,
			Choices.DEEPLAB_V3_PLUS, Choices.PSPNET, Choices.REFINENET);

	@TempDir
	Path dir;

	private Path folder(String data, int cases) throws IOException {
		Path root = Path.of("test-images", data);
		Path out = dir.resolve(data);
		for (String sub : new String[] {"images", "labels"}) {
			Files.createDirectories(out.resolve(sub));
			for (int i = 1; i <= cases; i++) {
				String name = String.format("nuclei%s-%02d.tif", data, i);
				Files.copy(root.resolve(sub).resolve(name), out.resolve(sub).resolve(name));
			}
		}
		return out;
	}

	private TrainModelCommand tinyTraining(Path folder, String architecture, String dimensions, String patch) {
		TrainModelCommand c = new TrainModelCommand();
		c.imagesFolder = folder.resolve("images").toFile();
		c.labelsFolder = folder.resolve("labels").toFile();
		c.labelMeaning = Choices.MEANING_FOREGROUND;
		c.dimensions = dimensions;
		c.architecture = architecture;
		c.patchSize = patch;
		c.baseFeatures = 4;
		c.stages = 3;
		c.batchSize = 2;
		c.epochs = 1;
		c.iterationsPerEpoch = 2;
		c.device = "cpu";
		c.modelFile = dir.resolve(architecture.replace('+', 'p') + dimensions + ".zip").toFile();
		c.progress = Progress.NONE;
		c.listener = (r, all) -> {};
		return c;
	}

	private void trainAndSegment(Path folder, String dimensions, String patch, ImagePlus image) {
		for (String label : LABELS) {
			TrainModelCommand train = tinyTraining(folder, label, dimensions, patch);
			train.run();
			Architecture stored = ModelBundle.readSpec(train.modelFile.toPath()).network().architecture();
			assertEquals(Choices.ARCHITECTURE.of(label), stored, label);
			SegmentWithModelCommand segment = new SegmentWithModelCommand();
			segment.image = image;
			segment.model = train.modelFile;
			segment.device = "cpu";
			segment.progress = Progress.NONE;
			segment.run();
			assertEquals(image.getWidth(), segment.labelImage.getWidth(), label);
			assertEquals(image.getHeight(), segment.labelImage.getHeight(), label);
			assertEquals(image.getStackSize(), segment.labelImage.getStackSize(), label);
		}
	}

	@Test
	void everyLiteratureNetworkTrainsAndSegmentsIn2D() throws IOException {
		ImagePlus image = crop(IJ.openImage("test-images/2d/images/nuclei2d-06.tif"), 75, 61, 1);
		trainAndSegment(folder("2d", 2), TrainModelCommand.TWO_D, "32,32", image);
	}

	@Test
	void everyLiteratureNetworkTrainsAndSegmentsIn3D() throws IOException {
		ImagePlus image = crop(IJ.openImage("test-images/3d/images/nuclei3d-03.tif"), 45, 38, 11);
		trainAndSegment(folder("3d", 2), TrainModelCommand.THREE_D, "8,32,32", image);
	}

	/** The top-left corner, odd sizes, the first {@code slices} slices. */
	private static ImagePlus crop(ImagePlus image, int width, int height, int slices) {
		image.setRoi(new Roi(0, 0, width, height));
		return new Duplicator().run(image, 1, 1, 1, slices, 1, 1);
	}
}
