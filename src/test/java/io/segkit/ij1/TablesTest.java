package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ij.Macro;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without a display every table becomes ImageJ's Results table, so macros can read and save it. The interactive
 * path (a window under its own title) needs a display: these tests assume there is none, as on the build machines.
 */
class TablesTest {

	private ResultsTable before;

	@BeforeEach
	void remember() {
		assumeFalse(Displays.canShowWindows(), "with a display, show() opens windows");
		before = Analyzer.getResultsTable();
	}

	@AfterEach
	void restore() {
		Macro.setOptions(null);
		if (before != null) Analyzer.setResultsTable(before);
	}

	private static ResultsTable table(double value) {
		ResultsTable t = new ResultsTable();
		t.incrementCounter();
		t.addValue("Area", value);
		return t;
	}

	@Test
	void withoutADisplayTheTableBecomesTheResultsTable() {
		ResultsTable mine = table(42);
		assertNotSame(mine, Analyzer.getResultsTable());
		Tables.show(mine, "nuclei-measurements");
		assertSame(mine, Analyzer.getResultsTable());
		assertEquals(42, Analyzer.getResultsTable().getValue("Area", 0));
		assertEquals(1, mine.size(), "the table itself is unchanged");
	}

	@Test
	void inAMacroTheLastTableShownWins() {
		Macro.setOptions("method=Otsu");
		ResultsTable first = table(1), second = table(2);
		Tables.show(first, "a-measurements");
		Tables.show(second, "b-measurements");
		assertSame(second, Analyzer.getResultsTable());
	}
}
