package io.segkit.ij1;

import ij.ImageJ;
import ij.Menus;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ImageJ's own menu commands ({@code Duplicate...}, {@code 8-bit}, {@code Measure}, {@code Analyze Particles...},
 * ...). ImageJ defines them only while it builds its AWT menus, which a JVM started with {@code java.awt.headless=true}
 * cannot do, and a JVM cannot leave headless mode once started. Menus without a window need no display, though, so a
 * short child JVM with {@code java.awt.headless=false} builds them and prints the command table for the headless
 * runner. This keeps the table exactly that of the ImageJ version on the class path.
 */
final class MenuCommands {

	private static final long TIMEOUT_SECONDS = 60;

	private MenuCommands() {}

	/** Child JVM: builds ImageJ's menus without showing them and prints "command TAB class" lines. */
	public static void main(String[] args) throws ReflectiveOperationException {
		StringBuilder table = new StringBuilder();
		build().forEach((command, className) -> table.append(command).append('\t').append(className).append('\n'));
		System.out.print(table);
		System.out.flush();
	}

	/**
	 * The command table of ImageJ's menus: built here when this JVM may use AWT (a display, or none needed for
	 * menus that are never shown), otherwise read from a child JVM with this JVM's class path.
	 */
	static Map<String, String> read() throws IOException {
		if (GraphicsEnvironment.isHeadless()) return readFromChild();
		try {
			return build();
		}
		catch (ReflectiveOperationException e) {
			throw new IOException("this ImageJ version builds its menus differently: " + e, e);
		}
	}

	/** Builds ImageJ's menu bar (never shown) and returns the command table it filled. */
	private static Map<String, String> build() throws ReflectiveOperationException {
		Constructor<Menus> create = Menus.class.getDeclaredConstructor(ImageJ.class, java.applet.Applet.class);
		create.setAccessible(true);
		Method addMenuBar = Menus.class.getDeclaredMethod("addMenuBar");
		addMenuBar.setAccessible(true);
		addMenuBar.invoke(create.newInstance(null, null));
		Map<String, String> commands = new HashMap<>();
		Menus.getCommands().forEach((command, className) -> commands.put((String) command, (String) className));
		return commands;
	}

	/** Fails with a message that says why when the child could not build the table. */
	private static Map<String, String> readFromChild() throws IOException {
		Path emptyPlugins = Files.createTempDirectory("segkit-menus");
		Path output = emptyPlugins.resolve("commands.txt");
		try {
			Process child = new ProcessBuilder(List.of(javaExecutable(), "-Djava.awt.headless=false",
				"-Dplugins.dir=" + emptyPlugins, "-cp", System.getProperty("java.class.path"), MenuCommands.class
					.getName())).redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				child.destroyForcibly();
				throw new IOException("building ImageJ's menus took longer than " + TIMEOUT_SECONDS + " s");
			}
			if (child.exitValue() != 0) throw new IOException("building ImageJ's menus failed (exit code " + child
				.exitValue() + ")");
			return parse(Files.readAllLines(output, StandardCharsets.UTF_8));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while building ImageJ's menus", e);
		}
		finally {
			Files.deleteIfExists(output);
			Files.deleteIfExists(emptyPlugins);
		}
	}

	static Map<String, String> parse(List<String> lines) {
		Map<String, String> commands = new HashMap<>();
		for (String line : lines) {
			int tab = line.indexOf('\t');
			if (tab > 0) commands.put(line.substring(0, tab), line.substring(tab + 1));
		}
		return commands;
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}
}
