package io.segkit.ij1;

import ij.measure.ResultsTable;

/** Shows a command's table under its title; headless ImageJ keeps it findable by that title too. */
final class Tables {

	private Tables() {}

	static void show(ResultsTable table) {
		String title = table.getTitle() == null ? "Results" : table.getTitle();
		table.show(title);
	}
}
