package io.segkit.report;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import io.segkit.files.AtomicFiles;
import io.segkit.image.ImageFiles;
import io.segkit.image.LabelImages;

import java.awt.Color;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The main job's report ({@code report.md}): one table of every result the macros printed ({@code RESULT key=value
 * ...} lines: image, objects, Dice, object F1 at IoU 0.5, mean object F1 over IoU 0.5-0.9), an overlay thumbnail per
 * label image (the input's middle slice with the objects' outlines in their label colours), and the training curves
 * as PNG, so a reader sees at a glance what came out and whether to trust it.
 * <p>
 * {@code java -Djava.awt.headless=true -cp ... io.segkit.report.MainJobReport OUTPUT_FOLDER TEST_IMAGES_FOLDER}
 */
public final class MainJobReport {

	private static final int THUMBNAIL_WIDTH = 256;
	private static final List<String> COLUMNS = List.of("image", "method", "model", "objects", "true", "dice", "f1",
		"mean_f1");

	private MainJobReport() {}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("Usage: MainJobReport OUTPUT_FOLDER TEST_IMAGES_FOLDER");
			System.exit(2);
		}
		Path report = write(Path.of(args[0]), Path.of(args[1]));
		System.out.println("Report: " + report);
	}

	/** Writes report.md (and its PNGs under figures/) into {@code output}; returns the report's path. */
	public static Path write(Path output, Path testImages) throws IOException {
		Path figures = Files.createDirectories(output.resolve("figures"));
		StringBuilder md = new StringBuilder("# SegKit on test-images\n\n");
		List<Path> macros = macroFolders(output);
		md.append(resultTable(macros)).append('\n');
		for (Path macro : macros) md.append(macroSection(macro, testImages, figures));
		Path report = output.resolve("report.md");
		AtomicFiles.writeString(report, md.toString(), "the report");
		return report;
	}

	private static List<Path> macroFolders(Path output) throws IOException {
		try (Stream<Path> s = Files.list(output)) {
			return s.filter(p -> Files.isRegularFile(p.resolve("log.txt"))).sorted().toList();
		}
	}

	/** The RESULT lines of one macro's log as key=value maps, in order. */
	static List<Map<String, String>> results(Path log) throws IOException {
		List<Map<String, String>> rows = new ArrayList<>();
		for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
			if (!line.startsWith("RESULT ")) continue;
			Map<String, String> row = new LinkedHashMap<>();
			for (String pair : line.substring(7).trim().split("\\s+")) {
				int eq = pair.indexOf('=');
				if (eq > 0) row.put(pair.substring(0, eq), pair.substring(eq + 1));
			}
			rows.add(row);
		}
		return rows;
	}

	static String resultTable(List<Path> macros) throws IOException {
		StringBuilder t = new StringBuilder("| macro | " + String.join(" | ", COLUMNS) + " |\n|---");
		t.append("|---".repeat(COLUMNS.size())).append("|\n");
		int rows = 0;
		for (Path macro : macros) {
			for (Map<String, String> r : results(macro.resolve("log.txt"))) {
				t.append("| ").append(macro.getFileName());
				for (String c : COLUMNS) t.append(" | ").append(r.getOrDefault(c, ""));
				t.append(" |\n");
				rows++;
			}
		}
		return rows == 0 ? "No results were printed (see each macro's log.txt).\n" : t.toString();
	}

	private static String macroSection(Path macro, Path testImages, Path figures) throws IOException {
		String name = macro.getFileName().toString();
		StringBuilder md = new StringBuilder("## " + name + "\n\n");
		for (Path curve : files(macro, "-training.csv")) {
			String png = name + "-" + strip(curve, ".csv") + ".png";
			trainingCurve(curve, figures.resolve(png));
			md.append("![").append(strip(curve, ".csv")).append("](figures/").append(png).append(")\n");
		}
		for (Path labels : files(macro, ".tif")) {
			Path input = inputOf(labels, testImages);
			if (input == null) continue;
			String png = name + "-" + strip(labels, ".tif") + ".png";
			if (overlay(input, labels, figures.resolve(png))) md.append("![").append(strip(labels, ".tif")).append(
				"](figures/").append(png).append(") ");
		}
		md.append("\n\n<details><summary>Log</summary>\n\n```\n");
		for (String line : Files.readAllLines(macro.resolve("log.txt"), StandardCharsets.UTF_8)) {
			if (line.startsWith("SegKit") || line.startsWith("RESULT")) md.append(line).append('\n');
		}
		return md.append("```\n</details>\n\n").toString();
	}

	private static List<Path> files(Path folder, String suffix) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
		}
	}

	private static String strip(Path file, String suffix) {
		String n = file.getFileName().toString();
		return n.substring(0, n.length() - suffix.length());
	}

	/** The test image a result was made from: the longest image name that starts the result's name. */
	static Path inputOf(Path result, Path testImages) throws IOException {
		String name = result.getFileName().toString();
		Path best = null;
		try (Stream<Path> s = Files.walk(testImages.toAbsolutePath())) {
			for (Path p : s.filter(p -> p.getParent().getFileName().toString().equals("images") && p.toString()
				.endsWith(".tif")).toList()) {
				String base = strip(p, ".tif");
				if (name.startsWith(base + "-") && (best == null || base.length() > strip(best, ".tif").length()))
					best = p;
			}
		}
		return best;
	}

	/** The input's middle slice, contrast-stretched, with the outlines of the labels in their LUT colours. */
	static boolean overlay(Path input, Path labels, Path png) throws IOException {
		ImagePlus image = ImageFiles.openOrNull(input), label = ImageFiles.openOrNull(labels);
		if (image == null || label == null || image.getWidth() != label.getWidth() || image.getHeight() != label
			.getHeight()) return false;
		int z = (image.getNSlices() + 1) / 2;
		ImageProcessor gray = image.getStack().getProcessor(image.getStackIndex(1, z, 1)).duplicate();
		gray.resetMinAndMax();
		ColorProcessor rgb = gray.convertToColorProcessor();
		ImageProcessor l = label.getStack().getProcessor(Math.min(z, label.getStackSize()));
		IndexColorModel lut = LabelImages.glasbeyLut();
		for (int y = 0; y < l.getHeight(); y++) {
			for (int x = 0; x < l.getWidth(); x++) {
				int v = (int) l.getf(x, y);
				if (v != 0 && onBorder(l, x, y, v)) rgb.set(x, y, lut.getRGB(1 + (v - 1) % 255));
			}
		}
		int h = Math.max(1, rgb.getHeight() * THUMBNAIL_WIDTH / rgb.getWidth());
		rgb.setInterpolationMethod(rgb.getWidth() > THUMBNAIL_WIDTH ? ImageProcessor.BILINEAR : ImageProcessor.NONE);
		ImageProcessor thumb = rgb.resize(THUMBNAIL_WIDTH, h); // small images grow, pixel by pixel
		return savePng(thumb.getBufferedImage(), png);
	}

	private static boolean onBorder(ImageProcessor l, int x, int y, int v) {
		return x == 0 || y == 0 || x == l.getWidth() - 1 || y == l.getHeight() - 1 || (int) l.getf(x - 1, y) != v
			|| (int) l.getf(x + 1, y) != v || (int) l.getf(x, y - 1) != v || (int) l.getf(x, y + 1) != v;
	}

	/** Loss and validation Dice per epoch, from a training history saved as CSV. */
	static void trainingCurve(Path csv, Path png) throws IOException {
		ResultsTable t = ResultsTable.open(csv.toString());
		if (t == null || t.size() == 0 || !t.columnExists("Epoch")) return;
		Plot plot = new Plot(strip(csv, ".csv"), "epoch", "loss (CE + Dice, lower is better) / validation Dice");
		plot.setColor(Color.RED);
		plot.add("line", t.getColumnAsDoubles(t.getColumnIndex("Epoch")), t.getColumnAsDoubles(t.getColumnIndex(
			"Loss")));
		plot.setColor(Color.BLUE);
		plot.add("connected circle", t.getColumnAsDoubles(t.getColumnIndex("Epoch")), t.getColumnAsDoubles(t
			.getColumnIndex("Validation Dice")));
		plot.setLegend("loss\tvalidation Dice", Plot.AUTO_POSITION);
		plot.setLimitsToFit(false); // both curves, not only the first one's range
		savePng(plot.getProcessor().getBufferedImage(), png);
	}

	private static boolean savePng(java.awt.image.BufferedImage image, Path png) throws IOException {
		Path tmp = Files.createTempFile(png.getParent(), ".report-", ".png");
		try {
			if (!javax.imageio.ImageIO.write(image, "png", tmp.toFile())) return false;
			Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption
				.ATOMIC_MOVE);
			return true;
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
