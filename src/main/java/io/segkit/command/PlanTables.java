package io.segkit.command;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import ij.measure.ResultsTable;

import io.segkit.dataset.Dimensions;
import io.segkit.dataset.LabelKinds;
import io.segkit.dataset.TrainingFolder;
import io.segkit.ij1.Units;
import io.segkit.image.ImageFiles;
import io.segkit.plan.Fingerprint;
import io.segkit.plan.FolderPlanning;
import io.segkit.plan.IntensityStats;
import io.segkit.plan.Plan;
import io.segkit.plan.Plans;

/**
 * The tables and Log lines of "Plan Segmentation": the fingerprint as one row per property, the plans
 * as one row per configuration (so a macro reads {@code getResultString("Patch size", 0)}). Spacings carry the
 * images' unit ("2 x 0.5 x 0.5 µm"), read from the TIFF headers.
 */
final class PlanTables {

	/** More label values than this look like one value per object rather than classes. */
	static final int MANY_CLASSES = 20;

	private PlanTables() {}

	/** The images' unit as the tables show it: "µm"; "pixels" when uncalibrated; "" when the units differ. */
	static String spacingUnit(FolderPlanning.Result result) {
		Set<String> units = units(result);
		return units.size() == 1 ? units.iterator().next() : "";
	}

	/** The units of the training images' voxel sizes ("pixels" for uncalibrated ones), in file order. */
	private static Set<String> units(FolderPlanning.Result result) {
		Set<String> units = new LinkedHashSet<>();
		for (Path file : TrainingFolder.tiffs(result.folder().imagesFolder())) {
			String unit = ImageFiles.tiffUnitOrNull(file);
			units.add(unit == null ? "pixels" : Units.micro(unit));
		}
		return units;
	}

	static ResultsTable fingerprint(FolderPlanning.Result result, String unit) {
		Fingerprint f = result.fingerprint();
		boolean is2D = is2D(f);
		ResultsTable t = new ResultsTable();
		row(t, "Training folder", result.folder().imagesFolder().getParent().toString());
		row(t, "Cases", Integer.toString(f.numberOfCases()));
		row(t, "Image dimensions", is2D ? "2D" : "3D");
		row(t, "Channels", Integer.toString(f.intensityPerChannel().size()));
		row(t, "Median spacing" + (is2D ? " (y x)" : " (z y x)"), withUnit(numbers(axes(f.medianSpacing(), is2D)), unit));
		row(t, "Median shape after crop" + (is2D ? " (y x)" : " (z y x)"), numbers(axes(f.medianShapeAfterCrop(), is2D)));
		row(t, "Median size after crop / before", number(f.medianRelativeSizeAfterCropping()));
		for (int c = 0; c < f.intensityPerChannel().size(); c++) {
			IntensityStats s = f.intensityPerChannel().get(c);
			row(t, "Channel " + c + " foreground mean / std", number(s.mean()) + " / " + number(s.std()));
			row(t, "Channel " + c + " foreground 0.5-99.5 percentile", number(s.percentile00_5()) + " - " + number(s
				.percentile99_5()));
		}
		double[] frequencies = f.classFrequencies();
		for (int v = 0; v < frequencies.length; v++) {
			if (frequencies[v] > 0) row(t, "Label " + v + " voxels (%)", number(100 * frequencies[v]));
		}
		return t;
	}

	static ResultsTable plans(Plans plans, String unit) {
		ResultsTable t = new ResultsTable();
		for (Plan p : plans.configurations().values()) {
			t.incrementCounter();
			t.addValue("Configuration", p.configuration());
			t.addValue("Patch size", join(p.patchSize()));
			t.addValue("Batch size", p.batchSize());
			t.addValue("Spacing", withUnit(numbers(p.spacing()), unit));
			t.addValue("Median image size", numbers(p.medianImageSize()));
			t.addValue("Stages", p.stages());
			t.addValue("Features per stage", list(p.featuresPerStage()));
			t.addValue("Poolings per axis", join(pools(p)));
			t.addValue("Normalization", String.join(", ", p.normalizationSchemes().stream().map(
				PlanTables::normalizationName).toList()));
			t.addValue("Batch Dice", p.batchDice() ? "yes" : "no");
			t.addValue("Feature map elements", p.estimatedFeatureMapElements());
			t.addValue("Memory budget", plans.budget().gigabytes() + " GB " + plans.budget().device());
		}
		return t;
	}

	/** The Log lines: what was planned, the notes, warnings and the files written; unit as {@link #spacingUnit}. */
	static List<String> log(FolderPlanning.Result result, String unit, File outputFolder) {
		Fingerprint f = result.fingerprint();
		Plans plans = result.plans();
		List<String> lines = new ArrayList<>();
		lines.add("SegKit Plan Segmentation of '" + result.folder().imagesFolder().getParent() + "': " + f
			.numberOfCases() + " cases, " + (is2D(f) ? "2D" : "3D") + ", " + f.intensityPerChannel().size() +
			" channel(s), " + (result.dataset().numberOfLabels() - 1) + " foreground label(s); budget " + plans
				.budget().gigabytes() + " GB " + plans.budget().device());
		lines.add("  " + LabelKinds.describe(result.meaning()));
		for (Plan p : plans.configurations().values()) {
			lines.add(String.format(Locale.ROOT, "  %s: patch %s, batch %d, spacing %s, %d stages, features %s, " +
				"poolings per axis %s", p.configuration(), join(p.patchSize()), p.batchSize(), withUnit(numbers(p.spacing()), unit), p
					.stages(), list(p.featuresPerStage()), join(pools(p))));
		}
		for (String note : plans.notes()) lines.add("  Note: " + note);
		if (unit.isEmpty()) lines.add("  Warning: the images' voxel sizes are in different units (" + String.join(
			", ", units(result)) + "); planning compares them as plain numbers. Give every image the same unit (Image > " +
			"Properties...) and save it again.");
		int labels = result.dataset().numberOfLabels() - 1;
		if (labels > MANY_CLASSES) lines.add("  Warning: the label images hold " + labels + " different values, " +
			"so the network would learn " + labels + " classes. If each object has its own value (instance " +
			"labels), save class maps instead: 0 background, 1 (2, ...) for each kind of structure.");
		if (outputFolder != null) lines.add("  Wrote " + String.join(", ", FolderPlanning.OUTPUT_FILES) + " to '" +
			outputFolder + "'.");
		return lines;
	}

	private static void row(ResultsTable t, String property, String value) {
		t.incrementCounter();
		t.addValue("Property", property);
		t.addValue("Value", value);
	}

	private static boolean is2D(Fingerprint f) {
		return !Dimensions.isVolumetric(Dimensions.medianDepth(f.shapesAfterCrop().stream().mapToInt(s -> s[0])
			.toArray()));
	}

	private static double[] axes(double[] zyx, boolean is2D) {
		return is2D ? new double[] { zyx[1], zyx[2] } : zyx;
	}

	private static int[] pools(Plan p) {
		int[] pools = new int[p.dimensions()];
		for (int[] stride : p.strides()) {
			for (int a = 0; a < pools.length; a++) if (stride[a] == 2) pools[a]++;
		}
		return pools;
	}

	private static String join(int[] values) {
		StringBuilder s = new StringBuilder();
		for (int v : values) s.append(s.length() == 0 ? "" : "x").append(v);
		return s.toString();
	}

	private static String list(int[] values) {
		StringBuilder s = new StringBuilder();
		for (int v : values) s.append(s.length() == 0 ? "" : " ").append(v);
		return s.toString();
	}

	private static String withUnit(String numbers, String unit) {
		return unit.isEmpty() ? numbers : numbers + " " + unit;
	}

	private static String numbers(double[] values) {
		StringBuilder s = new StringBuilder();
		for (double v : values) s.append(s.length() == 0 ? "" : " x ").append(number(v));
		return s.toString();
	}

	private static String number(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
		if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
		return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
	}

	/** nnU-Net's scheme names in words a biologist reads; the plans file keeps nnU-Net's. */
	static String normalizationName(String scheme) {
		return switch (scheme) {
			case "ZScoreNormalization" -> "Z-score (per image)";
			case "CTNormalization" -> "CT (fixed window)";
			case "NoNormalization" -> "none";
			case "RescaleTo01Normalization" -> "rescaled to 0-1";
			default -> scheme;
		};
	}
}
