package io.segkit.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.measure.ResultsTable;

import io.segkit.SegKitException;
import io.segkit.files.AtomicFiles;

/**
 * The scores of a validation run: one row per case (Dice, IoU and HD95 of every class, and the case's
 * mean Dice), then the per-class means over the cases. Means skip NaN (classes absent from both
 * prediction and reference), as nnU-Net's summary does; the "foreground mean Dice" is the mean of the
 * per-class mean Dice values, nnU-Net's {@code foreground_mean}.
 */
public final class ValidationReport {

	/** The "Case" value of the row with the per-class means. */
	public static final String MEAN_ROW = "mean";

	private final int[] classes;
	private final List<CaseMetrics> cases;
	private final String unit;

	/**
	 * @param classes the class values every case was evaluated on, in column order
	 * @param unit the calibrated unit of the HD95 values (e.g. "µm")
	 */
	public ValidationReport(int[] classes, List<CaseMetrics> cases, String unit) {
		this.classes = classes.clone();
		this.cases = List.copyOf(cases);
		this.unit = unit == null || unit.isEmpty() ? "pixel" : unit;
		for (CaseMetrics c : this.cases) {
			for (int label : this.classes) {
				if (c.of(label) == null) throw new IllegalArgumentException("Case " + c.caseName() + " lacks class " +
					label);
			}
		}
	}

	public int[] classes() {
		return classes.clone();
	}

	public List<CaseMetrics> cases() {
		return cases;
	}

	public String unit() {
		return unit;
	}

	/** Mean Dice of class {@code label} over the cases where it is defined. */
	public double meanDice(int label) {
		return mean(label, ClassMetrics::dice);
	}

	public double meanIoU(int label) {
		return mean(label, ClassMetrics::iou);
	}

	public double meanHd95(int label) {
		return mean(label, ClassMetrics::hd95);
	}

	/** Mean over the classes of their mean Dice (nnU-Net's foreground mean). */
	public double foregroundMeanDice() {
		double[] perClass = new double[classes.length];
		for (int c = 0; c < classes.length; c++) perClass[c] = meanDice(classes[c]);
		return Means.nanMean(perClass);
	}

	private double mean(int label, java.util.function.ToDoubleFunction<ClassMetrics> metric) {
		return Means.nanMean(cases.stream().mapToDouble(c -> metric.applyAsDouble(c.of(label))).toArray());
	}

	// ---- table and CSV: the same columns

	/** Column names: Case, then per class "Dice c", "IoU c", "HD95 c", then "Mean Dice". */
	public List<String> columns() {
		List<String> out = new ArrayList<>();
		out.add("Case");
		for (int c : classes) {
			out.add("Dice " + c);
			out.add("IoU " + c);
			out.add("HD95 " + c);
		}
		out.add("Mean Dice");
		return out;
	}

	/** One row per case, then the {@value #MEAN_ROW} row; the first entry of a row is the case name. */
	public List<Object[]> rows() {
		List<Object[]> rows = new ArrayList<>();
		for (CaseMetrics c : cases) {
			List<Object> row = new ArrayList<>(List.of(c.caseName()));
			for (int label : classes) {
				ClassMetrics m = c.of(label);
				row.addAll(List.of(m.dice(), m.iou(), m.hd95()));
			}
			row.add(c.meanDice());
			rows.add(row.toArray());
		}
		List<Object> mean = new ArrayList<>(List.of(MEAN_ROW));
		for (int label : classes) mean.addAll(List.of(meanDice(label), meanIoU(label), meanHd95(label)));
		mean.add(foregroundMeanDice());
		rows.add(mean.toArray());
		return rows;
	}

	public ResultsTable toResultsTable() {
		ResultsTable table = new ResultsTable();
		table.setPrecision(4);
		table.setNaNEmptyCells(false);
		List<String> columns = columns();
		for (Object[] row : rows()) {
			table.incrementCounter();
			table.addValue(columns.get(0), (String) row[0]);
			for (int i = 1; i < row.length; i++) table.addValue(columns.get(i), (Double) row[i]);
		}
		return table;
	}

	/** Comma-separated, one header line; numbers with a dot and full precision, NaN as "NaN". */
	public String toCsv() {
		StringBuilder out = new StringBuilder(String.join(",", columns())).append('\n');
		for (Object[] row : rows()) {
			out.append(quoted((String) row[0]));
			for (int i = 1; i < row.length; i++) out.append(',').append(number((Double) row[i]));
			out.append('\n');
		}
		return out.toString();
	}

	/** Writes the CSV through {@link AtomicFiles}, so a reader never sees half a file. */
	public void writeCsv(Path file) {
		AtomicFiles.writeString(file, toCsv(), "validation report");
	}

	private static String number(double v) {
		return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%s", v);
	}

	private static String quoted(String text) {
		if (!text.contains(",") && !text.contains("\"") && !text.contains("\n")) return text;
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}
}
