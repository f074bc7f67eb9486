package io.segkit.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test its own folder for {@code gpu.properties} (the {@value GpuSupport#CONFIG_DIR_PROPERTY} property),
 * restored and deleted afterwards, so tests of Install GPU Support never see or change another installation.
 * Use with {@code @RegisterExtension}.
 */
public final class IsolatedGpuConfig implements BeforeEachCallback, AfterEachCallback {

	private String previous;
	private Path folder;

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		previous = System.getProperty(GpuSupport.CONFIG_DIR_PROPERTY);
		folder = Files.createTempDirectory("segkit-config");
		System.setProperty(GpuSupport.CONFIG_DIR_PROPERTY, folder.toString());
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		if (previous == null) System.clearProperty(GpuSupport.CONFIG_DIR_PROPERTY);
		else System.setProperty(GpuSupport.CONFIG_DIR_PROPERTY, previous);
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
		}
	}
}
