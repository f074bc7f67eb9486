package io.segkit.cli;

import static io.segkit.cli.CliTesting.segkit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.cli.CliTesting.Run;
import io.segkit.command.ClassicOperations;
import io.segkit.eval.SegmentationScores;

/** The classic operations and evaluate on files give what the algorithms give directly; folder runs and summaries. */
class CliRunTest {

	@TempDir
	Path dir;

	private static Object pixels(Path file) {
		ImagePlus image = IJ.openImage(file.toString());
		return image.getProcessor().getPixels();
	}

	private static void assertSamePixels(ImagePlus expected, Path file) {
		Object actual = pixels(file);
		Object wanted = expected.getProcessor().getPixels();
		if (wanted instanceof byte[] b) assertArrayEquals(b, (byte[]) actual);
		else assertArrayEquals((short[]) wanted, (short[]) actual);
	}

	@Test
	void thresholdAndWatershedWriteWhatTheAlgorithmsGive() throws IOException {
		ImagePlus image = CliTesting.discs("cells", 0);
		Path input = CliTesting.save(image, dir.resolve("cells.tif"));
		Path mask = dir.resolve("cells-mask.tif");
		Run r = segkit("threshold", "-i", input.toString(), "-o", mask.toString(), "--method", "otsu", "--quiet");
		assertEquals(0, r.code(), r.toString());
		assertEquals("", r.err(), "--quiet");
		ImagePlus direct = ClassicOperations.autoThreshold(image, "Otsu", "Bright", "Stack", 1, "Mask", "26",
			Progress.NONE).result();
		assertSamePixels(direct, mask);
		assertEquals(0.5, IJ.openImage(mask.toString()).getCalibration().pixelWidth, 1e-12, "calibration kept");

		Path split = dir.resolve("split");
		r = segkit("watershed", "-i", mask.toString(), "-o", split.toString(), "--dynamic", "0.5", "--connectivity",
			"8", "--summary", dir.resolve("split.csv").toString());
		assertEquals(0, r.code(), r.toString());
		ImagePlus splitDirect = ClassicOperations.distanceWatershed(IJ.openImage(mask.toString()), 0.5, false, "8",
			Progress.NONE);
		Path written = split.resolve("cells-mask-split.tif");
		assertSamePixels(splitDirect, written);
		assertEquals(3, (int) IJ.openImage(written.toString()).getStatistics().max, "two touching discs split + one");

		Path automatic = dir.resolve("automatic");
		r = segkit("watershed", "-i", mask.toString(), "-o", automatic.toString(), "--connectivity", "8", "--summary",
			dir.resolve("automatic.csv").toString());
		assertEquals(0, r.code(), r.toString());
		ClassicOperations.Split chosen = ClassicOperations.splitTouching(IJ.openImage(mask.toString()),
			ClassicOperations.AUTOMATIC_DYNAMIC, false, "8", Progress.NONE);
		assertSamePixels(chosen.result(), automatic.resolve("cells-mask-split.tif"));
		assertEquals(3, (int) chosen.result().getStatistics().max, "without --dynamic, as Fiji's default: automatic");
		assertTrue(Files.readString(dir.resolve("automatic.csv")).contains("dynamic " + FileOperation.number(
			chosen.dynamics()[0])), "the summary says which dynamic was chosen");
	}

	@Test
	void aFolderWithAnEmptyTiffDoesTheOthersAndExitsOne() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		CliTesting.save(CliTesting.discs("a", 0), images.resolve("a.tif"));
		Files.createFile(images.resolve("broken.tif"));
		CliTesting.save(CliTesting.discs("c", 3), images.resolve("c.tif"));
		Path out = dir.resolve("labels");
		Path csv = dir.resolve("summary.csv");
		Run r = segkit("threshold", "-i", images.toString(), "-o", out.toString(), "--labels", "--connectivity", "8",
			"--summary", csv.toString());
		assertEquals(SegKitCli.DATA_PROBLEM, r.code(), r.toString());
		assertTrue(r.err().contains("broken.tif failed: not an image ImageJ can open"), r.err());
		assertTrue(Files.exists(out.resolve("a-labels.tif")) && Files.exists(out.resolve("c-labels.tif")));
		assertFalse(Files.exists(out.resolve("broken-labels.tif")));
		List<String> lines = Files.readAllLines(csv);
		assertEquals("file,status,message,objects,seconds", lines.get(0));
		assertTrue(lines.get(1).startsWith("a.tif,ok,threshold "), lines.get(1));
		assertTrue(lines.get(1).contains(",2,"), "two objects with the touching discs as one: " + lines.get(1));
		assertTrue(lines.get(2).startsWith("broken.tif,failed,\"not an image ImageJ can open"), lines.get(2));
		assertTrue(lines.get(3).startsWith("c.tif,ok,"), lines.get(3));

		// again: the finished images are skipped, the broken one fails again; JSON summary
		Path json = dir.resolve("summary.json");
		r = segkit("threshold", "-i", images.toString(), "-o", out.toString(), "--labels", "--summary", json
			.toString());
		assertEquals(SegKitCli.DATA_PROBLEM, r.code(), r.toString());
		JsonArray rows = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
		assertEquals(3, rows.size());
		JsonObject a = rows.get(0).getAsJsonObject();
		assertEquals("a.tif", a.get("file").getAsString());
		assertEquals("skipped", a.get("status").getAsString());
		assertTrue(a.get("message").getAsString().contains("a-labels.tif exists"));
		assertTrue(a.get("objects").isJsonNull());
		assertEquals("failed", rows.get(1).getAsJsonObject().get("status").getAsString());
	}

	@Test
	void componentsAndMeasureCountTheObjects() throws IOException {
		Path mask = CliTesting.save(CliTesting.discLabels("m", 0), dir.resolve("m.tif"));
		Path labels = dir.resolve("m-labels.tif");
		assertEquals(0, segkit("components", "-i", mask.toString(), "-o", labels.toString(), "--connectivity", "4")
			.code());
		assertEquals(2, (int) IJ.openImage(labels.toString()).getStatistics().max);
		Path table = dir.resolve("m-measurements.csv");
		Run r = segkit("measure", "-i", labels.toString(), "-o", table.toString(), "--intensity", mask.toString(),
			"--summary", dir.resolve("measure.json").toString());
		assertEquals(0, r.code(), r.toString());
		List<String> lines = Files.readAllLines(table);
		assertEquals(3, lines.size(), "header + one row per label: " + lines);
		assertTrue(lines.get(0).contains("Label"), lines.get(0));
		JsonObject row = JsonParser.parseString(Files.readString(dir.resolve("measure.json"))).getAsJsonArray().get(0)
			.getAsJsonObject();
		assertEquals(2, row.get("objects").getAsInt());
	}

	@Test
	void evaluateGivesTheScoresOfTheEvalClasses() throws IOException {
		Path predicted = Files.createDirectories(dir.resolve("predicted"));
		Path truth = Files.createDirectories(dir.resolve("truth"));
		ImagePlus p1 = CliTesting.discLabels("one-labels", 1), t1 = CliTesting.discLabels("one", 0);
		ImagePlus p2 = CliTesting.discLabels("two", 0), t2 = CliTesting.discLabels("two", 0);
		CliTesting.save(p1, predicted.resolve("one-labels.tif"));
		CliTesting.save(t1, truth.resolve("one.tif"));
		CliTesting.save(p2, predicted.resolve("two.tif"));
		CliTesting.save(t2, truth.resolve("two.tif"));
		CliTesting.save(p2, predicted.resolve("lonely.tif"));
		Path csv = dir.resolve("scores.csv");
		Run r = segkit("evaluate", "-p", predicted.toString(), "-g", truth.toString(), "--summary", csv.toString());
		assertEquals(SegKitCli.DATA_PROBLEM, r.code(), "lonely.tif has no ground truth: " + r);
		assertTrue(r.err().contains("lonely.tif failed: no ground truth"), r.err());
		SegmentationScores one = SegmentationScores.compare(p1, t1), two = SegmentationScores.compare(p2, t2);
		List<String> lines = Files.readAllLines(csv);
		assertEquals("file,status,message,dice,iou,objects,true_objects,matched,precision,recall,f1,mean_f1,"
			+ "mean_matched_iou,pq,f1@0.5,f1@0.55,f1@0.6,f1@0.65,f1@0.7,f1@0.75,f1@0.8,f1@0.85,f1@0.9,seconds", lines
				.get(0));
		String[] first = lines.get(2).split(",");
		assertEquals("one-labels.tif", first[0]);
		assertEquals(one.foregroundDice(), Double.parseDouble(first[3]), 0);
		assertEquals(one.foregroundIoU(), Double.parseDouble(first[4]), 0);
		assertEquals(one.f1(), Double.parseDouble(first[10]), 0);
		assertEquals(one.meanF1(), Double.parseDouble(first[11]), 0);
		assertEquals(one.meanMatchedIoU(), Double.parseDouble(first[12]), 0);
		assertEquals(one.panopticQuality(), Double.parseDouble(first[13]), 0);
		assertEquals(one.objects().at(0.9).f1(), Double.parseDouble(first[22]), 0);
		assertEquals(one.matchedObjects(), Integer.parseInt(first[7]));
		assertTrue(one.foregroundDice() < 1 && one.foregroundDice() > 0.8, "shifted by one pixel");
		assertTrue(one.meanF1() < one.f1(), "the shift costs matches at the high thresholds: " + one.objects());
		String[] mean = lines.get(4).split(",");
		assertEquals("mean", mean[0]);
		assertEquals((one.foregroundDice() + two.foregroundDice()) / 2, Double.parseDouble(mean[3]), 1e-12);
		assertEquals((one.meanF1() + two.meanF1()) / 2, Double.parseDouble(mean[11]), 1e-12);
		assertTrue(r.out().startsWith("file\tdice\tiou\tprecision\trecall\tf1\tmean_f1\tpq\n"), r.out());
		assertTrue(r.out().contains("two.tif\t1.0000\t1.0000\t1.0000\t1.0000\t1.0000\t1.0000\t1.0000"), r.out());

		Path json = dir.resolve("scores.json");
		segkit("evaluate", "-p", predicted.resolve("two.tif").toString(), "-g", truth.resolve("two.tif").toString(),
			"--summary", json.toString());
		JsonObject row = JsonParser.parseString(Files.readString(json)).getAsJsonArray().get(0).getAsJsonObject();
		assertEquals(1.0, row.get("mean_f1").getAsDouble());
		assertEquals(1.0, row.get("pq").getAsDouble());
		assertEquals(1.0, row.get("f1@0.9").getAsDouble());
		assertEquals(3, row.get("matched").getAsInt());
	}
}
