package io.segkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the installed GPU support is applied before the engine starts, and when it is not (another libtorch chosen,
 * no NVIDIA driver, a folder gone); and the probe of the NVIDIA driver. No engine is started here: the system
 * properties are checked and restored.
 */
class GpuSupportTest {

	private static final List<String> KEYS = List.of(GpuSupport.LIBRARY_PATH, GpuSupport.VERSION_KEY,
		GpuSupport.FLAVOUR_KEY, "jna.library.path", GpuSupport.CONFIG_DIR_PROPERTY);
	private static final GpuProbe H200 = GpuProbe.parseNvidiaSmi("NVIDIA H200, 9.0, 580.65.06\n");
	private static final GpuProbe NO_DRIVER = new GpuProbe(null, List.of(), "no NVIDIA driver found (test)");

	@TempDir
	Path dir;

	private final java.util.Map<String, String> saved = new java.util.HashMap<>();
	private GpuSupport.Installed installed;

	@BeforeEach
	void install() throws IOException {
		for (String k : KEYS) saved.put(k, System.getProperty(k));
		for (String k : KEYS) System.clearProperty(k);
		System.setProperty(GpuSupport.CONFIG_DIR_PROPERTY, dir.resolve("config").toString());
		Path folder = dir.resolve("libtorch-2.7.1-cu128-linux-x86_64");
		Files.createDirectories(folder);
		Files.write(folder.resolve(System.mapLibraryName("torch")), new byte[] { 1 });
		installed = new GpuSupport.Installed(folder, "2.7.1", "cu128");
	}

	@AfterEach
	void restore() {
		for (String k : KEYS) {
			if (saved.get(k) == null) System.clearProperty(k);
			else System.setProperty(k, saved.get(k));
		}
	}

	@Test
	void withADriverTheInstalledLibtorchIsWhatDjlLoads() {
		String said = GpuSupport.apply(installed, null, H200);
		assertTrue(said.startsWith("in use: ") && said.contains("NVIDIA H200 (compute capability 9.0)"), said);
		assertEquals(installed.folder().toString(), System.getProperty(GpuSupport.LIBRARY_PATH));
		assertEquals("2.7.1", System.getProperty(GpuSupport.VERSION_KEY));
		assertEquals("cu128", System.getProperty(GpuSupport.FLAVOUR_KEY));
		assertTrue(System.getProperty("jna.library.path").contains(installed.folder().toString()));
	}

	@Test
	void withoutADriverOrWithAnotherLibtorchChosenNothingChanges() throws IOException {
		String said = GpuSupport.apply(installed, null, NO_DRIVER);
		assertTrue(said.contains("not used on this machine") && said.contains("No NVIDIA GPU driver"), said);
		said = GpuSupport.apply(installed, "/opt/libtorch/lib", H200);
		assertTrue(said.contains("environment variable PYTORCH_LIBRARY_PATH=/opt/libtorch/lib"), said);
		Files.delete(installed.folder().resolve(System.mapLibraryName("torch")));
		said = GpuSupport.apply(installed, null, H200);
		assertTrue(said.contains("no longer holds") && said.contains("Install GPU Support again"), said);
		for (String k : List.of(GpuSupport.LIBRARY_PATH, GpuSupport.VERSION_KEY, GpuSupport.FLAVOUR_KEY,
			"jna.library.path")) assertNull(System.getProperty(k), k);
	}

	@Test
	void theInstallationIsRememberedInTheConfigFolder() throws IOException {
		assertFalse(GpuSupport.installed().isPresent());
		assertTrue(GpuSupport.status().startsWith("not installed"), GpuSupport.status());
		GpuSupport.remember(installed);
		assertEquals(dir.resolve("config").resolve("gpu.properties"), GpuSupport.configFile());
		assertEquals(installed, GpuSupport.installed().orElseThrow());
	}

	@Test
	void theDriverProbeReadsNvidiaSmiAndTheKernelModuleAndJudgesCuda128() {
		assertEquals("580.65.06", H200.driverVersion());
		assertNull(H200.whyNotCuda128(false));
		GpuProbe two = GpuProbe.parseNvidiaSmi("Tesla K80, 3.7, 470.82.01\nTesla K80, 3.7, 470.82.01\n");
		assertEquals(2, two.gpus().size());
		assertTrue(two.whyNotCuda128(false).contains("470.82.01 is too old"), two.whyNotCuda128(false));
		GpuProbe oldCard = GpuProbe.parseNvidiaSmi("Tesla K80, 3.7, 535.10\n");
		assertTrue(oldCard.whyNotCuda128(false).contains("compute capability 5.0"), oldCard.whyNotCuda128(false));
		GpuProbe kernel = GpuProbe.parseKernelModuleVersion("NVRM version: NVIDIA UNIX x86_64 Kernel Module  "
			+ "570.86.10  Thu Jan 16 2025\nGCC version:  gcc version 12.2.0\n");
		assertEquals("570.86.10", kernel.driverVersion());
		assertNull(kernel.whyNotCuda128(false));
		assertTrue(NO_DRIVER.whyNotCuda128(false).startsWith("No NVIDIA GPU driver"));
		assertTrue(GpuProbe.compareVersions("525.60.13", "525.60.2") > 0);
		assertTrue(GpuProbe.compareVersions("527.41", "527.41.0") == 0);
		assertTrue(new GpuProbe("526.98", List.of(), "test").whyNotCuda128(true).contains("527.41"));
	}
}
