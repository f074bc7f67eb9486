package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.plugin.Plugin;

class CommandCatalogTest {

	@Test
	void everyMenuEntryIsACommandWithUniqueMacroKeysAndItsLabel() throws Exception {
		Map<String, String> entries = CommandCatalog.menuEntries();
		assertTrue(entries.size() >= 15, entries.keySet().toString());
		for (Map.Entry<String, String> e : entries.entrySet()) {
			Class<? extends Command> c = Class.forName(e.getValue()).asSubclass(Command.class);
			Plugin plugin = c.getAnnotation(Plugin.class);
			assertEquals(e.getKey(), plugin.label(), "menu label and @Plugin label of " + c.getName());
			assertTrue(plugin.menuPath().isEmpty(), "no SciJava menu path (no duplicate entry in Fiji): " + c);
			List<String> keys = CommandCatalog.macroKeys(c);
			assertEquals(keys.size(), keys.stream().distinct().count(), c.getName() + " keys " + keys);
			new CommandInfo(c).inputs().forEach(item -> assertFalse(item.getLabel() == null || item.getLabel()
				.isEmpty(), c.getName() + "." + item.getName() + " needs a label"));
		}
	}

	@Test
	void readmeListsEveryCommand() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		assertFalse(CommandCatalog.menuEntries().isEmpty());
		for (String label : CommandCatalog.menuEntries().keySet()) {
			assertTrue(readme.contains("| " + label + " |"), "README lists " + label);
		}
	}
}
