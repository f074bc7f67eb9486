package io.segkit.ij1;

import ij.IJ;
import ij.Menus;
import ij.macro.Interpreter;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Runs an ImageJ macro in plain ImageJ 1.x without any display (Fiji users use
 * {@code --headless} instead). Plain ImageJ builds its command table together with its AWT menus,
 * which cannot exist headless; this runner fills the table from the {@code plugins.config} of the
 * jars in the plugins folder instead, so {@code run("<SegKit command>", ...)} works, then runs the
 * macro in batch mode. Exit code 0 on success, 1 when the macro was stopped by an error: a macro error, a SegKit
 * command's error, a command that needed a display or that ImageJ does not know here; each stops the macro at once
 * with its message and macro line on stderr (see {@link #run}).
 * <p>
 * {@code java -Djava.awt.headless=true -Dplugins.dir=<ImageJ folder> -cp ij.jar:<deps>
 * io.segkit.ij1.HeadlessMacroRunner macro.ijm "key=value ..."}
 */
public final class HeadlessMacroRunner {

	/** {@code save01="Tiff...",ij.plugin.filter.Writer("tiff")} in ImageJ's IJ_Props.txt. */
	private static final Pattern BUILT_IN = Pattern.compile("^[a-z_]+[0-9]+=\"([^\"]+)\",(.+)$");
	/** A one-key shortcut after a menu label: "Select All [a]" (function keys stay part of the name, as in ImageJ). */
	private static final Pattern SHORTCUT = Pattern.compile("^(.*)\\[.\\]$");
	private static final Pattern ENTRY = Pattern.compile("^\\s*[^,#]+,\\s*\"([^\"]+)\"\\s*,\\s*(.+?)\\s*$");

	private HeadlessMacroRunner() {}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("Usage: HeadlessMacroRunner <macro.ijm> [argument]");
			System.exit(2);
		}
		if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", String.valueOf(
			!Displays.hasDisplay()));
		installPluginCommands(new File(pluginsFolder()));
		Interpreter.batchMode = true;
		String macro = java.nio.file.Files.readString(java.nio.file.Path.of(args[0]), StandardCharsets.UTF_8);
		System.exit(run(macro, args.length > 1 ? args[1] : "") ? 0 : 1);
	}

	/**
	 * Runs a macro and says whether it finished without an error. Any failure stops the macro at once and prints
	 * what went wrong, with the macro line, on stderr: a macro error (its text), a SegKit command's error, and a
	 * failure ImageJ only logs (a command that needed a display, an unknown command), after which ImageJ would
	 * otherwise carry on.
	 */
	static boolean run(String macro, String argument) {
		Interpreter interpreter = new Interpreter();
		interpreter.setIgnoreErrors(true); // with a display, ImageJ would show a macro error in a dialog and wait
		int errorsBefore = CommandBridge.errorsReported();
		FailureWatch watch = FailureWatch.install(interpreter);
		String result;
		try {
			result = interpreter.run(macro, argument);
		}
		catch (RuntimeException e) { // a macro error whose dialog cannot open without a display
			result = "[aborted]";
		}
		finally {
			watch.uninstall();
		}
		String error = interpreter.getErrorMessage();
		if (error != null && !error.isBlank()) System.err.println("Macro error near line " + interpreter.getLineNumber()
			+ ": " + error);
		return error == null && !watch.failed() && CommandBridge.errorsReported() == errorsBefore && !"[aborted]"
			.equals(result);
	}

	private static String pluginsFolder() {
		String home = System.getProperty("plugins.dir", System.getProperty("user.dir"));
		File plugins = new File(home, "plugins");
		return plugins.isDirectory() ? plugins.getPath() : home;
	}

	/**
	 * Puts ImageJ's built-in commands (its menus and IJ_Props.txt) and every plugins.config entry found in the
	 * folder's jars into ImageJ's command table.
	 */
	static void installPluginCommands(File pluginsFolder) throws IOException, ReflectiveOperationException {
		Hashtable<String, String> commands = new Hashtable<>();
		try {
			commands.putAll(MenuCommands.read());
		}
		catch (IOException e) {
			System.err.println("Warning: ImageJ's menu commands (Duplicate..., Measure, ...) are not available: "
				+ e.getMessage());
		}
		try (java.io.InputStream props = IJ.class.getResourceAsStream("/IJ_Props.txt")) {
			if (props != null) readBuiltIn(props, commands);
		}
		File[] files = pluginsFolder.listFiles();
		if (files != null) for (File f : files) {
			if (f.getName().endsWith(".jar")) readEntries(f, commands);
		}
		java.lang.reflect.Field table = Menus.class.getDeclaredField("pluginsTable");
		table.setAccessible(true);
		table.set(null, commands);
	}

	/** The submenu commands of IJ_Props.txt; the menus' own entries keep their place. */
	static void readBuiltIn(java.io.InputStream props, Map<String, String> commands) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(props, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			Matcher m = BUILT_IN.matcher(line);
			if (m.matches()) putBuiltIn(m.group(1), m.group(2), commands);
		}
	}

	/**
	 * ImageJ names a submenu command without its keyboard shortcut and keeps the space before it: "Select All [a]" is
	 * "Select All " (that space tells Edit > Selection > "Properties... " from Image > "Properties..."). Macros
	 * usually write such names without the space, so both are entered where the trimmed one is free.
	 */
	private static void putBuiltIn(String label, String className, Map<String, String> commands) {
		Matcher shortcut = SHORTCUT.matcher(label);
		if (!shortcut.matches()) {
			commands.putIfAbsent(label, className);
			return;
		}
		commands.putIfAbsent(shortcut.group(1), className);
		commands.putIfAbsent(shortcut.group(1).trim(), className);
	}

	private static void readEntries(File jar, Hashtable<String, String> commands) throws IOException {
		try (JarFile file = new JarFile(jar)) {
			ZipEntry config = file.getEntry("plugins.config");
			if (config != null) readEntries(file.getInputStream(config), commands);
		}
	}

	/** The entries of a plugins.config (the built-in IJ_Props.txt has its own reader, {@link #readBuiltIn}). */
	private static void readEntries(java.io.InputStream stream, Hashtable<String, String> commands) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			Matcher m = ENTRY.matcher(line);
			if (!line.startsWith("#") && m.matches()) commands.put(m.group(1).trim(), m.group(2));
		}
	}
}
