package io.segkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

import io.segkit.nn.Architecture;

/** The shoot-out's figure reads back exactly what ArchitectureBenchmark prints, and draws one panel per measure. */
class ShootOutPlotTest {

	@Test
	void readsTheBenchmarksLinesAndDrawsThreePanels(@TempDir Path dir) throws Exception {
		var unet = new ArchitectureBenchmark.Row(Architecture.PLAIN_UNET, 0.9412, 0.7123, 2_897_580, 31.25, 6, 13_717);
		var segnet = new ArchitectureBenchmark.Row(Architecture.SEGNET, 0.0, 0.0, 2_365_068, 12.8, 14, 111_721);
		Path log = dir.resolve("shootout.log");
		Files.write(log, List.of("2d: plan ...", ArchitectureBenchmark.csv("2d", unet), "U-Net: Dice ...",
			ArchitectureBenchmark.csv("crowded", segnet), "| table |"));
		List<ShootOutPlot.Result> results = ShootOutPlot.read(log);
		assertEquals(List.of(new ShootOutPlot.Result("2d", "PLAIN_UNET", 0.9412, 0.7123, 2_897_580, 31.25, 13_717),
			new ShootOutPlot.Result("crowded", "SEGNET", 0.0, 0.0, 2_365_068, 12.8, 111_721)), results);
		ImagePlus figure = ShootOutPlot.draw(results);
		assertTrue(figure.getHeight() >= 3 * 250, "three panels stacked: " + figure.getHeight());
		assertTrue(figure.getWidth() >= 1000);
	}
}
