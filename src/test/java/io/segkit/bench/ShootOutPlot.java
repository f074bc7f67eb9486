package io.segkit.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.process.ImageProcessor;

/**
 * The shoot-out's figure: reads the {@code csv,...} lines of {@link ArchitectureBenchmark} logs and draws three
 * panels, one above the other, with the architectures along x (and their parameters in millions) and one colour per data
 * set: held-out Dice (filled) and object F1 (open), training seconds per epoch, and inference voxels per second (both
 * on log scales). Usage: {@code ShootOutPlot OUT.png LOG [LOG...]}.
 */
public final class ShootOutPlot {

	private static final Color[] COLOURS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
		new Color(0x9467bd) };
	private static final int WIDTH = 1100, HEIGHT = 300;

	/** One line of a log: a data set's result for one architecture. */
	record Result(String data, String architecture, double dice, double f1, long parameters, double secondsPerEpoch,
		double voxelsPerSecond) {}

	private ShootOutPlot() {}

	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("Usage: ShootOutPlot OUT.png LOG [LOG...]");
			System.exit(2);
		}
		System.setProperty("java.awt.headless", "true");
		List<Result> results = new ArrayList<>();
		for (int i = 1; i < args.length; i++) results.addAll(read(Path.of(args[i])));
		if (results.isEmpty()) throw new IllegalArgumentException("No csv lines in the logs");
		ImagePlus figure = draw(results);
		if (!new FileSaver(figure).saveAsPng(args[0])) throw new IOException("Could not write " + args[0]);
		System.out.println("wrote " + args[0] + " (" + results.size() + " results)");
	}

	static List<Result> read(Path log) throws IOException {
		List<Result> out = new ArrayList<>();
		for (String line : Files.readAllLines(log)) {
			if (!line.startsWith("csv,")) continue;
			String[] f = line.split(",");
			out.add(new Result(f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5]),
				Double.parseDouble(f[6]), Double.parseDouble(f[8])));
		}
		return out;
	}

	/** The three panels stacked into one image. */
	static ImagePlus draw(List<Result> results) {
		List<String> architectures = new ArrayList<>();
		Map<String, Long> parameters = new LinkedHashMap<>();
		Map<String, List<Result>> byData = new LinkedHashMap<>();
		for (Result r : results) {
			if (!architectures.contains(r.architecture())) architectures.add(r.architecture());
			parameters.putIfAbsent(r.architecture(), r.parameters());
			byData.computeIfAbsent(r.data(), k -> new ArrayList<>()).add(r);
		}
		StringBuilder categories = new StringBuilder("{");
		for (String a : architectures) categories.append(categories.length() > 1 ? "," : "").append(io.segkit.nn.Architecture
			.valueOf(a).label()).append(String.format(Locale.ROOT, "\n%.1fM", parameters.get(a) / 1e6));
		String xLabel = categories.append('}').toString();
		Plot scores = panel("Held-out Dice (filled) and object F1 (open), same CPU time per network", xLabel,
			"score");
		scores.setLimits(-0.5, architectures.size() - 0.5, -0.05, 1.05);
		Plot epochs = panel("Training time per epoch (15 iterations)", xLabel, "seconds per epoch");
		Plot inference = panel("Inference speed (sliding window, no mirroring)", xLabel, "voxels per second");
		int c = 0;
		for (var entry : byData.entrySet()) {
			Color colour = COLOURS[c++ % COLOURS.length];
			double[] x = entry.getValue().stream().mapToDouble(r -> architectures.indexOf(r.architecture())).toArray();
			series(scores, colour, true, x, entry.getValue().stream().mapToDouble(Result::dice).toArray(), entry
				.getKey() + " Dice");
			series(scores, colour, false, x, entry.getValue().stream().mapToDouble(Result::f1).toArray(), entry
				.getKey() + " F1");
			series(epochs, colour, true, x, entry.getValue().stream().mapToDouble(Result::secondsPerEpoch)
				.toArray(), entry.getKey());
			series(inference, colour, true, x, entry.getValue().stream().mapToDouble(Result::voxelsPerSecond)
				.toArray(), entry.getKey());
		}
		for (Plot p : List.of(scores, epochs, inference)) p.addLegend(null, "auto transparent"); // where it hides least, and nothing fully
		logLimits(epochs, architectures.size(), results.stream().mapToDouble(Result::secondsPerEpoch).toArray());
		logLimits(inference, architectures.size(), results.stream().mapToDouble(Result::voxelsPerSecond).toArray());
		return stack(List.of(scores, epochs, inference));
	}

	private static Plot panel(String title, String xLabel, String yLabel) {
		Plot plot = new Plot(title, xLabel, yLabel);
		plot.setSize(WIDTH, HEIGHT);
		plot.addLabel(0, 0, title);
		return plot;
	}

	/** A log y axis with some room above and below the values, so no circle sits on the frame. */
	private static void logLimits(Plot plot, int categories, double[] values) {
		double min = java.util.Arrays.stream(values).filter(v -> v > 0).min().orElse(1);
		double max = java.util.Arrays.stream(values).max().orElse(10);
		plot.setLogScaleY();
		plot.setLimits(-0.5, categories - 0.5, min / 1.5, max * 1.5);
	}

	/** One data set's values as circles, filled or open. */
	private static void series(Plot plot, Color colour, boolean filled, double[] x, double[] y, String label) {
		plot.setColor(colour, filled ? colour : Color.WHITE);
		plot.setLineWidth(2);
		plot.add("circle", x, y);
		plot.setLabel(-1, label);
	}

	private static ImagePlus stack(List<Plot> plots) {
		List<ImageProcessor> panels = plots.stream().map(p -> p.getImagePlus().getProcessor()).toList();
		int width = panels.stream().mapToInt(ImageProcessor::getWidth).max().orElse(0);
		int height = panels.stream().mapToInt(ImageProcessor::getHeight).sum();
		ImageProcessor figure = panels.get(0).createProcessor(width, height);
		figure.setColor(Color.WHITE);
		figure.fill();
		int y = 0;
		for (ImageProcessor p : panels) {
			figure.insert(p, 0, y);
			y += p.getHeight();
		}
		return new ImagePlus("Architecture shoot-out", figure);
	}
}
