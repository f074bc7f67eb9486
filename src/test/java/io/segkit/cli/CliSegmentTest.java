package io.segkit.cli;

import static io.segkit.cli.CliTesting.segkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.cli.CliTesting.Run;
import io.segkit.model.ModelBundle;

/** segkit train makes a tiny model (seconds), segkit segment applies it to a file and to a folder. */
class CliSegmentTest {

	@TempDir
	static Path dir;

	static Path model;

	@BeforeAll
	static void trainATinyModel() throws IOException {
		Path images = Files.createDirectories(dir.resolve("training/images"));
		Path labels = Files.createDirectories(dir.resolve("training/labels"));
		for (int i = 0; i < 3; i++) {
			CliTesting.save(CliTesting.discs("case" + i, i * 2), images.resolve("case" + i + ".tif"));
			CliTesting.save(CliTesting.discLabels("case" + i, i * 2), labels.resolve("case" + i + ".tif"));
		}
		model = dir.resolve("tiny.zip");
		Run r = segkit("train", "-i", dir.resolve("training").toString(), "-m", model.toString(), "--label-meaning",
			"objects", "--epochs", "1", "--iterations", "2", "--base-features", "4", "--stages", "2", "--patch",
			"16,16", "--batch", "2", "--device", "cpu");
		assertEquals(0, r.code(), r.toString());
		assertEquals(model.toAbsolutePath().toString(), r.out().trim());
		assertTrue(r.err().contains("epoch 1: loss"), r.err());
		assertEquals(List.of("background", "object", "object boundary"), ModelBundle.readSpec(model).classNames());
		assertTrue(ModelBundle.readSpec(model).isInstanceModel(), "object labels train an instance model");
	}

	@Test
	void aFileIsSegmentedIntoTheGivenFile() {
		Path input = CliTesting.save(CliTesting.discs("new", 1), dir.resolve("new.tif"));
		Path output = dir.resolve("new-result.tif");
		Run r = segkit("segment", "-i", input.toString(), "-o", output.toString(), "-m", model.toString(), "--device",
			"cpu", "--labels", "objects", "--probabilities");
		assertEquals(0, r.code(), r.toString());
		ImagePlus labels = IJ.openImage(output.toString());
		assertEquals(48, labels.getWidth());
		assertEquals(0.5, labels.getCalibration().pixelWidth, 1e-12);
		assertTrue(Files.exists(dir.resolve("new-result-probabilities.tif")));
		Run again = segkit("segment", "-i", input.toString(), "-o", output.toString(), "-m", model.toString(),
			"--device", "cpu");
		assertEquals(0, again.code(), again.toString());
		assertTrue(again.err().contains("0 done, 1 skipped, 0 failed"), again.err());
	}

	@Test
	void aFolderRunGoesPastAnEmptyTiffAndExitsOne() throws IOException {
		Path in = Files.createDirectories(dir.resolve("batch"));
		CliTesting.save(CliTesting.discs("a", 0), in.resolve("a.tif"));
		Files.createFile(in.resolve("empty.tif"));
		CliTesting.save(CliTesting.discs("b", 4), in.resolve("b.tif"));
		Path out = dir.resolve("batch-labels");
		Path summary = dir.resolve("batch.csv");
		Run r = segkit("segment", "-i", in.toString(), "-o", out.toString(), "-m", model.toString(), "--device",
			"cpu", "--summary", summary.toString());
		assertEquals(SegKitCli.DATA_PROBLEM, r.code(), r.toString());
		assertTrue(r.err().contains("empty.tif failed: not an image ImageJ can open"), r.err());
		assertTrue(Files.exists(out.resolve("a-labels.tif")) && Files.exists(out.resolve("b-labels.tif")));
		assertFalse(Files.exists(out.resolve("empty-labels.tif")));
		List<String> lines = Files.readAllLines(summary);
		assertEquals("file,status,message,objects,seconds", lines.get(0));
		assertTrue(lines.get(1).startsWith("a.tif,ok,,"), lines.get(1));
		assertTrue(lines.get(2).startsWith("b.tif,ok,,"), lines.get(2));
		assertTrue(lines.get(3).startsWith("empty.tif,failed,\"not an image ImageJ can open"), lines.get(3));
	}

	@Test
	void aDamagedModelIsAProblemWithTheDataAndWritesNothing() throws IOException {
		Path broken = Files.writeString(dir.resolve("broken.zip"), "not a zip");
		Path input = CliTesting.save(CliTesting.discs("x", 0), dir.resolve("x.tif"));
		Path out = dir.resolve("x-out");
		Run r = segkit("segment", "-i", input.toString(), "-o", out.toString(), "-m", broken.toString(), "--device",
			"cpu");
		assertEquals(SegKitCli.DATA_PROBLEM, r.code(), r.toString());
		assertFalse(Files.exists(out), "no output folder before the model loaded");
	}
}
