package io.segkit.ij1;

import ij.IJ;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

/**
 * Shows a command's table. Interactively it opens under its own title, leaving the user's Results
 * table alone. In macros it becomes the Results table, like ImageJ's own Measure and Analyze
 * Particles, so {@code getResult()} and {@code saveAs("Results", path)} work the same in batch
 * mode, in Fiji and in headless runs (where no table window can exist).
 */
final class Tables {

	private Tables() {}

	/** Shows the table; returns the title it is shown under. */
	static String show(ResultsTable table, String title) {
		boolean macro = IJ.isMacro() || Interpreter.isBatchMode() || ij.Macro.getOptions() != null;
		if (macro || !Displays.canShowWindows()) {
			Analyzer.setResultsTable(table);
			if (Displays.canShowWindows()) table.show("Results");
			return "Results";
		}
		table.show(title);
		return title;
	}
}
