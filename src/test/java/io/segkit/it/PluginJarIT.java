package io.segkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * The built plugin jar is what users install: it carries the plugin and its menu entries, and none of the
 * developer tools (benchmarks, the synthetic test-data generator), which live in src/test (issue 9).
 */
class PluginJarIT {

	private static JarFile pluginJar() throws IOException {
		String path = System.getProperty("segkit.jar");
		if (path == null) throw new IllegalStateException("segkit.jar is not set: run the integration tests with mvn verify");
		return new JarFile(Path.of(path).toFile());
	}

	@Test
	void holdsNoBenchmarksOrTestData() throws IOException {
		try (JarFile jar = pluginJar()) {
			List<String> developerTools = jar.stream().map(ZipEntry::getName)
				.filter(name -> name.startsWith("io/segkit/bench/") || name.startsWith("io/segkit/testdata/"))
				.toList();
			assertEquals(List.of(), developerTools, "developer tools in the plugin jar " + jar.getName());
		}
	}

	@Test
	void holdsThePluginAndItsMenuEntries() throws IOException {
		try (JarFile jar = pluginJar()) {
			ZipEntry config = jar.getEntry("plugins.config");
			assertNotNull(config, "no plugins.config at the root of " + jar.getName());
			String menu = new String(jar.getInputStream(config).readAllBytes(), StandardCharsets.UTF_8);
			assertTrue(menu.contains("io.segkit.ij1.CommandBridge(\"io.segkit.command.AutoThresholdCommand\")"), menu);
			for (String type : List.of("io/segkit/ij1/CommandBridge.class", "io/segkit/command/AutoThresholdCommand.class",
				"io/segkit/ij1/HeadlessMacroRunner.class"))
				assertNotNull(jar.getEntry(type), type + " missing from " + jar.getName());
		}
	}
}
