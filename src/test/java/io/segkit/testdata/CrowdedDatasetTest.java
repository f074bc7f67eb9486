package io.segkit.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.dataset.TrainingCase;
import io.segkit.dataset.TrainingCases;
import io.segkit.dataset.TrainingFolder;
import io.segkit.image.LabelImages;
import io.segkit.image.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrowdedDatasetTest {

	@TempDir
	Path dir;

	@Test
	void writesTrainingAndHeldOutFoldersSegKitTrainsFrom() throws Exception {
		List<SyntheticImage> train = CrowdedDataset.training(false), heldOut = CrowdedDataset.heldOut(false);
		Files.createDirectories(dir.resolve("2d/train/images"));
		Files.writeString(dir.resolve("2d/train/images/crowded2d-99.tif"), "left from an earlier run");
		CrowdedDataset.Folders folders = CrowdedDataset.write(dir, false, train, heldOut);
		assertEquals(dir.resolve("2d/train"), folders.train());
		assertEquals(dir.resolve("2d/heldout"), folders.heldOut());
		assertFalse(Files.exists(dir.resolve("2d/train/images/crowded2d-99.tif")), "earlier files are replaced");
		TrainingFolder training = TrainingFolder.open(folders.train());
		assertEquals(List.of("crowded2d-01", "crowded2d-02", "crowded2d-03", "crowded2d-04", "crowded2d-05",
			"crowded2d-06", "crowded2d-07", "crowded2d-08"), training.caseNames());
		assertEquals(List.of("crowded2d-h1", "crowded2d-h2", "crowded2d-h3", "crowded2d-h4"), TrainingFolder.open(
			folders.heldOut()).caseNames());
		List<TrainingCase> cases = TrainingCases.load(training, Progress.NONE);
		assertEquals(CrowdedDataset.TRAIN_2D, cases.size());
		for (int i = 0; i < train.size(); i++) {
			String name = training.caseNames().get(i);
			ImagePlus image = IJ.openImage(folders.train().resolve("images/" + name + ".tif").toString());
			ImagePlus labels = IJ.openImage(folders.train().resolve("labels/" + name + ".tif").toString());
			assertEquals(16, image.getBitDepth());
			assertEquals(0.5, image.getCalibration().pixelWidth, 1e-12);
			assertEquals("µm", labels.getCalibration().getUnit());
			assertArrayEquals(train.get(i).labelData(), LabelImages.read(Volume.of(labels)));
			float[] pixels = Volume.of(image).toFloatArray();
			assertArrayEquals(train.get(i).pixels(), pixels);
		}
		for (SyntheticImage h : heldOut) for (SyntheticImage t : train) assertFalse(Arrays.equals(h.labelData(), t
			.labelData()));
	}

	@Test
	void volumesHaveTheirOwnSeedsAndAnisotropicVoxels() {
		SyntheticImage volume = CrowdedDataset.volume(CrowdedDataset.TRAIN_SEED_3D).generate();
		assertTrue(volume.params().is3D());
		assertEquals(3.0, volume.params().spacing().z() / volume.params().spacing().x(), 1e-12);
		assertTrue(CrowdedDataset.HELD_OUT_SEED_2D >= CrowdedDataset.TRAIN_SEED_2D + CrowdedDataset.TRAIN_2D);
		assertTrue(CrowdedDataset.HELD_OUT_SEED_3D >= CrowdedDataset.TRAIN_SEED_3D + CrowdedDataset.TRAIN_3D);
	}
}
