package io.segkit.command;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

import io.segkit.train.EpochRecord;
import io.segkit.train.TrainingListener;

/** A live plot of training loss and validation Dice, redrawn after every epoch (interactive runs only). */
final class TrainingPlot implements TrainingListener {

	private final String title;
	private PlotWindow window;

	TrainingPlot(String title) {
		this.title = title;
	}

	/** Logs every epoch and, in interactive runs (not headless, not batch mode), plots it live. */
	static TrainingListener logAndPlot(String title) {
		boolean interactive = !GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode();
		TrainingPlot plot = interactive ? new TrainingPlot(title) : null;
		return (record, all) -> {
			IJ.log(String.format(Locale.ROOT, "SegKit: epoch %d  loss %.4f  validation Dice %.3f  (%.1f s)%s", record
				.epoch(), record.trainingLoss(), record.validationDice(), record.seconds(), record.best() ? "  best"
					: ""));
			if (plot != null) plot.epochFinished(record, all);
		};
	}

	/** The training history as a table, one row per epoch. */
	static ResultsTable historyTable(List<EpochRecord> records) {
		ResultsTable t = new ResultsTable();
		for (EpochRecord r : records) {
			t.incrementCounter();
			t.addValue("Epoch", r.epoch());
			t.addValue("Loss", r.trainingLoss());
			t.addValue("Validation Dice", r.validationDice());
			t.addValue("Smoothed Dice", r.smoothedDice());
			t.addValue("Learning rate", r.learningRate());
			t.addValue("Seconds", r.seconds());
			t.addValue("Best", r.best() ? 1 : 0);
		}
		return t;
	}

	@Override
	public void epochFinished(EpochRecord record, List<EpochRecord> history) {
		show("Epoch", history);
	}

	/** Draws {@code history} in this plot's window (opened on first use, or again after it was closed). */
	void show(String epochAxis, List<EpochRecord> history) {
		Plot plot = plot(title, epochAxis, history);
		java.awt.EventQueue.invokeLater(() -> {
			if (window == null || window.isClosed()) window = plot.show();
			else window.drawPlot(plot);
		});
	}

	static final String LOSS = "loss: CE + Dice, lower is better", DICE = "validation Dice",
		SMOOTHED = "validation Dice, moving average";

	/**
	 * Loss (blue) and validation Dice (red, with its moving average dashed) against the epoch, every epoch a point
	 * (so a single epoch shows). The loss is nnU-Net's cross-entropy minus Dice, so it goes below 0 as training
	 * improves; the axis says so. Epochs are whole numbers: the x range starts at 0 and spans at least 5 epochs, so
	 * ImageJ puts the ticks on integers.
	 */
	static Plot plot(String title, String epochAxis, List<EpochRecord> history) {
		int n = history.size();
		double[] epoch = new double[n], loss = new double[n], dice = new double[n], smooth = new double[n];
		for (int i = 0; i < n; i++) {
			EpochRecord r = history.get(i);
			epoch[i] = r.epoch();
			loss[i] = r.trainingLoss();
			dice[i] = r.validationDice();
			smooth[i] = r.smoothedDice();
		}
		Plot plot = new Plot(title, epochAxis, "loss  |  validation Dice");
		plot.setColor(Color.BLUE, Color.BLUE);
		plot.add("connected circle", epoch, loss);
		plot.setColor(Color.RED, Color.RED);
		plot.add("connected circle", epoch, dice);
		plot.setColor(new Color(255, 150, 150));
		plot.add("dot", epoch, smooth);
		plot.setColor(Color.BLACK);
		plot.setLegend(LOSS + "\t" + DICE + "\t" + SMOOTHED, Plot.AUTO_POSITION);
		plot.setLimits(0, Math.max(5, lastEpoch(epoch)), low(loss, dice), high(loss, dice));
		return plot;
	}

	private static double lastEpoch(double[] epoch) {
		return epoch.length == 0 ? 0 : epoch[epoch.length - 1];
	}

	/** The value range with a margin, never empty (one epoch has a single value). */
	private static double low(double[] a, double[] b) {
		double min = Math.min(min(a), min(b)), max = Math.max(max(a), max(b));
		return min - Math.max(0.05, 0.05 * (max - min));
	}

	private static double high(double[] a, double[] b) {
		double min = Math.min(min(a), min(b)), max = Math.max(max(a), max(b));
		return max + Math.max(0.05, 0.05 * (max - min));
	}

	private static double min(double[] values) {
		return java.util.Arrays.stream(values).filter(Double::isFinite).min().orElse(0);
	}

	private static double max(double[] values) {
		return java.util.Arrays.stream(values).filter(Double::isFinite).max().orElse(1);
	}
}
