package io.segkit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job's report: the results table from RESULT lines, a thumbnail per label image, the training curve. */
class MainJobReportTest {

	@TempDir
	Path dir;

	@Test
	void theReportHasEveryResultAThumbnailPerLabelImageAndTheTrainingCurve() throws Exception {
		Path images = Files.createDirectories(dir.resolve("test-images/2d/images"));
		ByteProcessor raw = new ByteProcessor(40, 30);
		raw.setValue(200);
		raw.fillOval(5, 5, 12, 12);
		IJ.saveAsTiff(new ImagePlus("cells-01", raw), images.resolve("cells-01.tif").toString());
		Path macro = Files.createDirectories(dir.resolve("out/nuclei"));
		ShortProcessor labels = new ShortProcessor(40, 30);
		labels.setValue(1);
		labels.fillOval(5, 5, 12, 12);
		IJ.saveAsTiff(new ImagePlus("cells-01-labels", labels), macro.resolve("cells-01-labels.tif").toString());
		Files.writeString(macro.resolve("log.txt"), "SegKit: something\nRESULT image=cells-01 dice=0.9500 objects=1 "
			+ "f1=1.0000 mean_f1=0.8500\nnot a result\n");
		Files.writeString(macro.resolve("cells-training.csv"), "Epoch,Loss,Validation Dice\n1,0.5,0.6\n2,0.2,0.8\n");

		Path report = MainJobReport.write(dir.resolve("out"), dir.resolve("test-images"));

		String md = Files.readString(report);
		assertTrue(md.contains("| nuclei | cells-01 |  |  | 1 |  | 0.9500 | 1.0000 | 0.8500 |"), md);
		assertTrue(md.contains("![cells-01-labels](figures/nuclei-cells-01-labels.png)"), md);
		assertTrue(md.contains("![cells-training](figures/nuclei-cells-training.png)"), md);
		ImagePlus thumbnail = IJ.openImage(dir.resolve("out/figures/nuclei-cells-01-labels.png").toString());
		assertEquals(256, thumbnail.getWidth());
		assertTrue(Files.size(dir.resolve("out/figures/nuclei-cells-training.png")) > 1000);
	}

	@Test
	void resultLinesAreKeyValuePairs() throws Exception {
		Path log = Files.writeString(dir.resolve("log.txt"), "RESULT model=2d image=a dice=0.9\nRESULT image=b\n");
		List<Map<String, String>> rows = MainJobReport.results(log);
		assertEquals(Map.of("model", "2d", "image", "a", "dice", "0.9"), rows.get(0));
		assertEquals("b", rows.get(1).get("image"));
	}
}
