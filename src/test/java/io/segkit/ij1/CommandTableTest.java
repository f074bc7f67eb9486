package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The headless runner's command table: ImageJ's submenu names, its menu table, and the reason a run stops. */
class CommandTableTest {

	private static Map<String, String> builtIn(String props, Map<String, String> menus) throws Exception {
		Map<String, String> commands = new HashMap<>(menus);
		HeadlessMacroRunner.readBuiltIn(new ByteArrayInputStream(props.getBytes(StandardCharsets.UTF_8)), commands);
		return commands;
	}

	@Test
	void aShortcutIsNotPartOfTheCommandNameAndTheMenusKeepTheirEntries() throws Exception {
		Map<String, String> commands = builtIn("""
			selection01="Select All [a]",ij.plugin.Selection("all")
			selection14="Properties... [y]",ij.plugin.Selection("properties")
			stacks12="Z Project...",ij.plugin.ZProjector
			tools_01="Startup Macros... [F1]",ij.plugin.X
			# a comment="x",y
			""", Map.of("Properties...", "ij.plugin.filter.ImageProperties"));
		assertEquals("ij.plugin.Selection(\"all\")", commands.get("Select All"));
		assertEquals("ij.plugin.Selection(\"all\")", commands.get("Select All "));
		assertEquals("ij.plugin.Selection(\"properties\")", commands.get("Properties... "));
		assertEquals("ij.plugin.filter.ImageProperties", commands.get("Properties..."));
		assertEquals("ij.plugin.ZProjector", commands.get("Z Project..."));
		assertEquals("ij.plugin.X", commands.get("Startup Macros... [F1]"));
		assertNull(commands.get("a comment"));
	}

	@Test
	void theMenuTableReadsCommandTabClassLines() {
		Map<String, String> table = MenuCommands.parse(List.of("Duplicate...\tij.plugin.Duplicator", "8-bit\tij.plugin"
			+ ".Converter(\"8-bit\")", "", "no tab"));
		assertEquals(Map.of("Duplicate...", "ij.plugin.Duplicator", "8-bit", "ij.plugin.Converter(\"8-bit\")"), table);
	}

	@Test
	void imageJsMenusGiveTheCommandTable() throws Exception {
		Map<String, String> table = MenuCommands.read();
		assertEquals("ij.plugin.Duplicator", table.get("Duplicate..."));
		assertEquals("ij.plugin.filter.ParticleAnalyzer", table.get("Analyze Particles..."));
	}

	@Test
	void theReasonNamesTheCommandAndTheRouteThatRunsIt() {
		String reason = FailureWatch.reason("java.awt.HeadlessException", "Duplicate...");
		assertTrue(reason.contains("\"Duplicate...\" needs a display") && reason.contains("xvfb-run"), reason);
		assertTrue(FailureWatch.reason("Unrecognized command: \"Foo\"", null).contains("Fiji with --headless"));
		assertNull(FailureWatch.reason("Auto Threshold (Otsu) of 'a': 71 to 255", "Auto Threshold"));
	}
}
