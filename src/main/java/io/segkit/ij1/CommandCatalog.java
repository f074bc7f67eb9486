package io.segkit.ij1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

/**
 * The commands listed in plugins.config with their macro keys; {@code main} prints the README's
 * command table.
 */
public final class CommandCatalog {

	private static final Pattern ENTRY = Pattern.compile(
		"^Plugins>SegKit,\\s*\"([^\"]+)\",\\s*io\\.segkit\\.ij1\\.CommandBridge\\(\"([^\"]+)\"\\)\\s*$");

	private CommandCatalog() {}

	/** Menu label -> command class name, in menu order. */
	public static Map<String, String> menuEntries() throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		try (InputStream in = CommandCatalog.class.getResourceAsStream("/plugins.config")) {
			if (in == null) throw new IOException("plugins.config is not on the class path");
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				Matcher m = ENTRY.matcher(line);
				if (m.matches()) entries.put(m.group(1), m.group(2));
			}
		}
		return entries;
	}

	/** The macro keys of a command, as the bridge asks for them (the current image needs none). */
	public static List<String> macroKeys(Class<? extends Command> command) {
		List<String> keys = new ArrayList<>();
		boolean first = true;
		for (ModuleItem<?> item : new CommandInfo(command).inputs()) {
			Class<?> type = item.getType();
			if (org.scijava.service.Service.class.isAssignableFrom(type) || org.scijava.Context.class
				.isAssignableFrom(type)) continue;
			if (type == ij.ImagePlus.class && first) {
				first = false;
				continue;
			}
			String label = item.getLabel() == null || item.getLabel().isEmpty() ? item.getName() : item.getLabel();
			keys.add(new ParameterSpec(item.getName(), label, ParameterSpec.Kind.TEXT, "", List.of(), 0, null).key());
		}
		return keys;
	}

	public static void main(String[] args) throws Exception {
		System.out.println("| Menu (Plugins > SegKit) | Macro keys |");
		System.out.println("|---|---|");
		for (Map.Entry<String, String> e : menuEntries().entrySet()) {
			Class<? extends Command> c = Class.forName(e.getValue()).asSubclass(Command.class);
			System.out.println("| " + e.getKey() + " | `" + String.join("` `", macroKeys(c)) + "` |");
		}
	}
}
