package io.segkit.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs macros in a separate, real ImageJ 1.x (net.imagej:ij) with the built SegKit jar in its
 * plugins folder, the way a user installs it, in batch mode without any display (through SegKit's
 * headless macro runner, since plain ImageJ cannot build its command table without a display).
 */
final class HeadlessImageJ {

	/** What a macro run printed and how it ended. */
	record Run(int exitCode, String output) {}

	private final Path home;
	private final String classPath;

	HeadlessImageJ(Path home) throws IOException {
		this.home = home;
		Path plugins = Files.createDirectories(home.resolve("plugins"));
		Path jar = Files.copy(Path.of(property("segkit.jar")), plugins.resolve("SegKit_.jar"));
		List<String> entries = new ArrayList<>();
		File[] deps = new File(property("segkit.deps")).listFiles((dir, name) -> name.endsWith(".jar"));
		for (File dep : deps) entries.add(dep.getAbsolutePath());
		entries.add(jar.toString()); // for the headless macro runner's main class
		classPath = String.join(File.pathSeparator, entries);
	}

	static Path projectRoot() {
		return Path.of(property("segkit.root"));
	}

	private static String property(String key) {
		String value = System.getProperty(key);
		if (value == null) throw new IllegalStateException(key + " is not set: run the integration tests with mvn verify");
		return value;
	}

	/** Runs one macro file with the given argument string (the macro reads it with getArgument()). */
	Run runMacro(Path macro, String argument, long timeoutSeconds) throws IOException, InterruptedException {
		return run(List.of(), List.of("-Djava.awt.headless=true", "io.segkit.ij1.HeadlessMacroRunner"), macro, argument,
			timeoutSeconds);
	}

	/** True when Debian's xvfb-run is installed (.ci/run installs it). */
	static boolean hasVirtualDisplay() {
		return Stream.of(System.getenv("PATH").split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir,
			"xvfb-run")));
	}

	/** Runs one macro with SegKit's runner under xvfb-run, where every ImageJ command has its display. */
	Run runMacroWithVirtualDisplay(Path macro, String argument, long timeoutSeconds) throws IOException,
		InterruptedException
	{
		return run(List.of("xvfb-run", "-a"), List.of("io.segkit.ij1.HeadlessMacroRunner"), macro, argument,
			timeoutSeconds);
	}

	/** Runs one macro as plain ImageJ does with -batch, under xvfb-run. */
	Run runImageJBatch(Path macro, String argument, long timeoutSeconds) throws IOException, InterruptedException {
		return run(List.of("xvfb-run", "-a"), List.of("ij.ImageJ", "-batch"), macro, argument, timeoutSeconds);
	}

	/**
	 * Runs a main class of the test classes (with ImageJ, the installed plugin and its jars) under xvfb-run on a
	 * virtual screen of the given size, e.g. "1600x1200x24".
	 */
	Run runTestMainWithVirtualDisplay(String screen, String mainClass, List<String> arguments, long timeoutSeconds)
		throws IOException, InterruptedException
	{
		String testClasses = Path.of(property("segkit.jar")).toAbsolutePath().getParent().resolve("test-classes")
			.toString();
		return run(List.of("xvfb-run", "-a", "-s", "-screen 0 " + screen), List.of("-cp", classPath + File.pathSeparator
			+ testClasses, mainClass), arguments, timeoutSeconds);
	}

	private Run run(List<String> prefix, List<String> main, Path macro, String argument, long timeoutSeconds)
		throws IOException, InterruptedException
	{
		List<String> withClassPath = new ArrayList<>(List.of("-cp", classPath));
		withClassPath.addAll(main);
		return run(prefix, withClassPath, List.of(macro.toString(), argument), timeoutSeconds);
	}

	/** {@code main}: the class path and the main class (with any JVM options before it). */
	private Run run(List<String> prefix, List<String> main, List<String> arguments, long timeoutSeconds)
		throws IOException, InterruptedException
	{
		String djlCache = Path.of(property("segkit.jar")).toAbsolutePath().getParent().resolve("djl-cache").toString();
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(javaExecutable(), "-Xmx2g", "-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + djlCache,
			"-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-DENGINE_CACHE_DIR=" + djlCache,
			"-Dplugins.dir=" + home));
		command.addAll(main);
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("DISPLAY");
		builder.environment().put("DJL_OFFLINE", "true"); // nothing may download in tests
		builder.environment().put("DJL_CACHE_DIR", djlCache);
		builder.environment().put("ENGINE_CACHE_DIR", djlCache);
		Path log = Files.createTempFile(home, "macro", ".log");
		builder.redirectOutput(log.toFile());
		Process process = builder.start();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", arguments) + " did not finish within " + timeoutSeconds + " s:\n" +
				Files.readString(log, StandardCharsets.UTF_8));
		}
		return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}
}
