package io.segkit.autotrain;

import java.awt.Color;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Plot;

import io.segkit.eval.CaseMetrics;

/** The cross-validation Dice of every case, one colour per fold, as an ImageJ plot image (no window). */
public final class AutoTrainPlot {

	private static final Color[] COLOURS = {Color.BLUE, Color.RED, new Color(0, 150, 0), Color.MAGENTA,
		Color.ORANGE, Color.CYAN, Color.DARK_GRAY};

	private AutoTrainPlot() {}

	public static ImagePlus perCaseDice(AutoTrainResult r) {
		Plot plot = new Plot("Auto-Train cross-validation Dice (" + r.chosen() + ")", "case", "mean foreground Dice");
		plot.setLimits(-0.5, Math.max(0.5, r.report().cases().size() - 0.5), 0, 1.05);
		List<CaseMetrics> cases = r.report().cases();
		int folds = r.foldOfCase().values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
		StringBuilder legend = new StringBuilder();
		for (int f = 0; f < folds; f++) {
			final int fold = f;
			double[] x = java.util.stream.IntStream.range(0, cases.size()).filter(i -> r.foldOfCase().get(cases.get(i)
				.caseName()) == fold).asDoubleStream().toArray();
			double[] y = java.util.Arrays.stream(x).map(i -> cases.get((int) i).meanDice()).toArray();
			plot.setColor(COLOURS[f % COLOURS.length]);
			plot.addPoints(x, y, Plot.CIRCLE);
			legend.append("fold ").append(f).append('\n');
		}
		plot.setColor(Color.BLACK);
		plot.addLegend(legend.toString().strip());
		return plot.getImagePlus();
	}
}
