package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.WindowManager;
import ij.gui.Plot;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

import io.segkit.train.EpochRecord;
import io.segkit.train.TrainingListener;

/** The training history as a table, the per-epoch log line of non-interactive runs, and the plot's axes. */
class TrainingPlotTest {

	private static final EpochRecord FIRST = new EpochRecord(1, 0.75, 0.5, 0.05, 0.01, 12.25, true);
	private static final EpochRecord SECOND = new EpochRecord(2, -0.25, Double.NaN, 0.045, 0.0099, 3, false);

	@Test
	void theHistoryTableHasOneRowPerEpochInOrder() {
		ResultsTable t = TrainingPlot.historyTable(List.of(FIRST, SECOND));
		assertEquals(2, t.size());
		assertArrayEquals(new String[] { "Epoch", "Loss", "Validation Dice", "Smoothed Dice", "Learning rate",
			"Seconds", "Best" }, t.getHeadings());
		assertArrayEquals(new double[] { 1, 2 }, t.getColumnAsDoubles(t.getColumnIndex("Epoch")), 0);
		assertArrayEquals(new double[] { 0.75, -0.25 }, t.getColumnAsDoubles(t.getColumnIndex("Loss")), 0);
		assertEquals(0.5, t.getValue("Validation Dice", 0), 0);
		assertTrue(Double.isNaN(t.getValue("Validation Dice", 1)));
		assertArrayEquals(new double[] { 0.05, 0.045 }, t.getColumnAsDoubles(t.getColumnIndex("Smoothed Dice")), 0);
		assertArrayEquals(new double[] { 0.01, 0.0099 }, t.getColumnAsDoubles(t.getColumnIndex("Learning rate")), 0);
		assertArrayEquals(new double[] { 12.25, 3 }, t.getColumnAsDoubles(t.getColumnIndex("Seconds")), 0);
		assertArrayEquals(new double[] { 1, 0 }, t.getColumnAsDoubles(t.getColumnIndex("Best")), 0);
	}

	@Test
	void anEmptyHistoryGivesAnEmptyTable() {
		assertEquals(0, TrainingPlot.historyTable(List.of()).size());
	}

	@Test
	void inBatchModeEveryEpochIsLoggedAndNoWindowOpens() {
		boolean batch = Interpreter.batchMode;
		PrintStream out = System.out;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int windows = WindowManager.getWindowCount();
		try {
			Interpreter.batchMode = true; // like headless: not interactive
			System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
			TrainingListener listener = TrainingPlot.logAndPlot("nuclei training");
			listener.epochFinished(FIRST, List.of(FIRST));
			listener.epochFinished(SECOND, List.of(FIRST, SECOND));
		} finally {
			System.setOut(out);
			Interpreter.batchMode = batch;
		}
		List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("SegKit: epoch"))
			.toList();
		assertEquals(List.of("SegKit: epoch 1  loss 0.7500  validation Dice 0.500  (12.3 s)  best",
			"SegKit: epoch 2  loss -0.2500  validation Dice NaN  (3.0 s)"), lines);
		assertEquals(windows, WindowManager.getWindowCount());
	}

	@Test
	void oneEpochIsAVisiblePointOnIntegerEpochs() {
		Plot plot = TrainingPlot.plot("t", "Epoch", List.of(FIRST));
		double[] limits = plot.getLimits();
		assertEquals(0, limits[0]);
		assertEquals(5, limits[1], "at least 5 epochs wide, so ImageJ ticks whole epochs");
		assertTrue(limits[2] < 0.5 && limits[3] > 0.75, "a single value still has a y range: " + limits[2] + ".."
			+ limits[3]);
	}

	@Test
	void axesSayWhatIsPlottedAndANegativeLossIsInRange() {
		Plot plot = TrainingPlot.plot("t", "Epoch", List.of(FIRST, SECOND, new EpochRecord(12, -0.7, 0.8, 0.7, 0.01,
			1, true)));
		assertEquals("loss  |  validation Dice", plot.getLabel('y'));
		assertEquals(12, plot.getLimits()[1]);
		assertTrue(plot.getLimits()[2] < -0.7);
		assertEquals("loss: CE + Dice, lower is better", TrainingPlot.LOSS);
	}
}
