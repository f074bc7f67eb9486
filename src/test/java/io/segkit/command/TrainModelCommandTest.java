package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.eval.SegmentationScores;
import io.segkit.image.Labels;
import io.segkit.image.Volume;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;
import io.segkit.train.Trainer;

/**
 * End to end on the bundled test images: train a small 2D network on five nuclei images (object labels, so
 * foreground/background), then segment the held-out sixth with "Segment with Model".
 */
class TrainModelCommandTest {

	@TempDir
	Path dir;

	private static final Path TEST_IMAGES = Path.of("test-images", "2d");

	private Path trainingFolder(String sub, int cases) throws IOException {
		Path images = Files.createDirectories(dir.resolve(sub).resolve("images"));
		Path labels = Files.createDirectories(dir.resolve(sub).resolve("labels"));
		for (int i = 1; i <= cases; i++) {
			String name = String.format("nuclei2d-%02d.tif", i);
			Files.copy(TEST_IMAGES.resolve("images").resolve(name), images.resolve(name));
			Files.copy(TEST_IMAGES.resolve("labels").resolve(name), labels.resolve(name));
		}
		return dir.resolve(sub);
	}

	private TrainModelCommand smallTraining(Path folder, Path model) {
		TrainModelCommand c = new TrainModelCommand();
		c.imagesFolder = folder.resolve("images").toFile();
		c.labelsFolder = folder.resolve("labels").toFile();
		c.labelMeaning = "objects";
		c.patchSize = "64,64";
		c.baseFeatures = 8;
		c.stages = 4;
		c.batchSize = 4;
		c.epochs = 6;
		c.iterationsPerEpoch = 20;
		c.device = "cpu";
		c.modelFile = model.toFile();
		c.progress = Progress.NONE;
		c.listener = (r, all) -> {};
		return c;
	}

	@Test
	void trainedModelSegmentsAHeldOutImage() throws IOException {
		Path model = dir.resolve("nuclei.zip");
		TrainModelCommand train = smallTraining(trainingFolder("train", 5), model);
		train.run();
		assertEquals(6, train.history.size());
		ModelSpec spec = ModelBundle.readSpec(model);
		assertEquals(List.of("background", "object", "object boundary"), spec.classNames());
		assertTrue(spec.isInstanceModel(), "object labels train an instance model");
		assertEquals(0.5, spec.spacing()[1], 1e-9);
		assertTrue(Files.exists(dir.resolve("nuclei-training").resolve(Trainer.LAST_FILE)));

		ImagePlus heldOut = IJ.openImage(TEST_IMAGES.resolve("images/nuclei2d-06.tif").toString());
		SegmentWithModelCommand segment = new SegmentWithModelCommand();
		segment.image = heldOut;
		segment.model = model.toFile();
		segment.device = "cpu";
		segment.progress = Progress.NONE;
		segment.run();
		ImagePlus truth = IJ.openImage(TEST_IMAGES.resolve("labels/nuclei2d-06.tif").toString());
		double dice = SegmentationScores.compare(Labels.read(Volume.of(segment.labelImage)), Labels.read(Volume.of(
			truth))).foregroundDice();
		assertTrue(dice >= 0.9, "held-out Dice " + dice);

		segment.labels = SegmentWithModelCommand.OBJECTS;
		segment.run();
		double f1 = SegmentationScores.compare(Labels.read(Volume.of(segment.labelImage)), Labels.read(Volume.of(
			truth))).f1();
		System.out.println("TrainModelCommandTest: held-out object F1 " + f1 + ", Dice " + dice);
		assertTrue(f1 >= 0.8, "held-out object F1 " + f1 + " (touching nuclei split by the instance model)");
	}

	/**
	 * Sparse annotation: only the odd-numbered nuclei are labelled and only the left half's background; the rest
	 * is "not annotated" (65535). The model must still find the nuclei nobody labelled.
	 */
	@Test
	void aModelTrainedOnSparseLabelsFindsTheUnlabelledNuclei() throws IOException {
		Path folder = trainingFolder("sparse", 5);
		for (int i = 1; i <= 5; i++) {
			Path file = folder.resolve("labels").resolve(String.format("nuclei2d-%02d.tif", i));
			IJ.saveAsTiff(sparse(IJ.openImage(file.toString())), file.toString());
		}
		Path model = dir.resolve("sparse.zip");
		smallTraining(folder, model).run();

		ImagePlus training = IJ.openImage(TEST_IMAGES.resolve("images/nuclei2d-01.tif").toString());
		SegmentWithModelCommand segment = new SegmentWithModelCommand();
		segment.image = training;
		segment.model = model.toFile();
		segment.device = "cpu";
		segment.progress = Progress.NONE;
		segment.run();
		int[] predicted = Labels.read(Volume.of(segment.labelImage)).data();
		int[] truth = Labels.read(Volume.of(IJ.openImage(TEST_IMAGES.resolve("labels/nuclei2d-01.tif").toString())))
			.data();
		long unlabelled = 0, found = 0, unannotatedBackground = 0, falseForeground = 0;
		int width = training.getWidth();
		for (int i = 0; i < truth.length; i++) {
			if (truth[i] == 0 && i % width >= width / 2) { // background nobody annotated: still background
				unannotatedBackground++;
				if (predicted[i] != 0) falseForeground++;
			}
			if (truth[i] == 0 || truth[i] % 2 == 1) continue; // the even nuclei were never labelled
			unlabelled++;
			if (predicted[i] != 0) found++;
		}
		assertTrue(unlabelled > 100, "the test image has unlabelled nuclei");
		assertTrue(found >= 0.8 * unlabelled, found + " of " + unlabelled + " unlabelled nucleus voxels found");
		assertTrue(falseForeground <= 0.1 * unannotatedBackground, falseForeground + " of " + unannotatedBackground
			+ " unannotated background voxels taken for nuclei");
	}

	/** Odd objects kept, background only in the left half, everything else 65535 (not annotated). */
	private static ImagePlus sparse(ImagePlus labels) {
		ij.process.ImageProcessor in = labels.getProcessor();
		ij.process.ShortProcessor out = new ij.process.ShortProcessor(in.getWidth(), in.getHeight());
		for (int y = 0; y < in.getHeight(); y++) {
			for (int x = 0; x < in.getWidth(); x++) {
				int v = (int) in.getf(x, y);
				boolean annotated = v == 0 ? x < in.getWidth() / 2 : v % 2 == 1;
				out.set(x, y, annotated ? v : io.segkit.dataset.LabelMode.NOT_ANNOTATED_16BIT);
			}
		}
		ImagePlus image = new ImagePlus(labels.getTitle(), out);
		image.setCalibration(labels.getCalibration());
		return image;
	}

	@Test
	void resumeContinuesTheSameRun() throws IOException {
		Path model = dir.resolve("short.zip");
		Path folder = trainingFolder("resume", 3);
		TrainModelCommand first = smallTraining(folder, model);
		first.epochs = 1;
		first.iterationsPerEpoch = 2;
		first.run();
		TrainModelCommand again = smallTraining(folder, model);
		again.epochs = 2;
		again.iterationsPerEpoch = 2;
		again.resume = true;
		again.run();
		assertEquals(2, again.history.size());
		assertEquals(2, (int) again.history.getValue("Epoch", 1));
	}

	@Test
	void badRequestsChangeNothing() throws IOException {
		Path folder = trainingFolder("bad", 2);
		Path existing = Files.writeString(dir.resolve("existing.zip"), "keep me");
		SegKitException e = assertThrows(SegKitException.class, () -> smallTraining(folder, existing).run());
		assertTrue(e.getMessage().contains("Overwrite"), e.getMessage());
		assertEquals("keep me", Files.readString(existing));

		TrainModelCommand noLabels = smallTraining(folder, dir.resolve("m.zip"));
		noLabels.labelsFolder = null;
		assertThrows(SegKitException.class, noLabels::run);

		TrainModelCommand names = smallTraining(folder, dir.resolve("m.zip"));
		names.classNames = "background, nucleus, nucleolus, cytoplasm"; // object labels give 3 classes
		e = assertThrows(SegKitException.class, names::run);
		assertTrue(e.getMessage().contains("Give the object's name"), e.getMessage());

		TrainModelCommand patch = smallTraining(folder, dir.resolve("m.zip"));
		patch.patchSize = "64";
		assertThrows(SegKitException.class, patch::run);

		TrainModelCommand resume = smallTraining(folder, dir.resolve("never.zip"));
		resume.resume = true;
		e = assertThrows(SegKitException.class, resume::run);
		assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("m.zip")));
		assertFalse(Files.exists(dir.resolve("never.zip")));
	}
}
