package io.segkit.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * GPU support installed by SegKit (Install GPU Support, {@code segkit gpu install}): where a CUDA build of libtorch
 * lies, remembered in {@code ~/.segkit/gpu.properties} (the folder {@value #CONFIG_DIR_PROPERTY} names instead,
 * when set), and applied when the engine starts. DJL reads {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION}
 * and {@code PYTORCH_FLAVOR} from the environment or, when the environment has none, from system properties; so
 * SegKit sets the properties before DJL loads and the user needs no environment variables. An environment that sets
 * {@code PYTORCH_LIBRARY_PATH} itself always wins. The CUDA build is only used where the NVIDIA driver is found
 * ({@link GpuProbe}): loading it without the driver would stop the engine from starting at all, so there SegKit
 * keeps its CPU build and says why.
 */
public final class GpuSupport {

	/** The libtorch SegKit's DJL (0.34) is built for, and the CUDA flavour it installs. */
	public static final String VERSION = "2.7.1", FLAVOUR = "cu128";
	/** A system property naming the folder of {@code gpu.properties} (default {@code ~/.segkit}). */
	public static final String CONFIG_DIR_PROPERTY = "segkit.config.dir";
	static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH", VERSION_KEY = "PYTORCH_VERSION",
		FLAVOUR_KEY = "PYTORCH_FLAVOR";
	private static final String LIBTORCH = System.mapLibraryName("torch");

	/** What happened to the installed GPU support when the engine started; null before. */
	private static volatile String applied;

	private GpuSupport() {}

	/**
	 * An installed libtorch: its folder (holding the libtorch library itself), version and flavour.
	 */
	public record Installed(Path folder, String version, String flavour) {

		/** Whether the folder still holds the libtorch library. */
		public boolean isComplete() {
			return Files.isRegularFile(folder.resolve(LIBTORCH));
		}
	}

	/** Where the installation is remembered. */
	public static Path configFile() {
		String dir = System.getProperty(CONFIG_DIR_PROPERTY);
		Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".segkit");
		return base.resolve("gpu.properties");
	}

	/** The remembered installation, if there is one (complete or not). */
	public static Optional<Installed> installed() {
		Path file = configFile();
		if (!Files.isRegularFile(file)) return Optional.empty();
		Properties p = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			p.load(in);
		}
		catch (IOException e) {
			return Optional.empty();
		}
		String folder = p.getProperty("folder");
		if (folder == null || folder.isBlank()) return Optional.empty();
		return Optional.of(new Installed(Path.of(folder), p.getProperty("version", VERSION), p.getProperty("flavour",
			FLAVOUR)));
	}

	/** Remembers {@code installed} for the next start (written whole, then moved into place). */
	public static void remember(Installed installed) throws IOException {
		Path file = configFile();
		Files.createDirectories(file.getParent());
		Properties p = new Properties();
		p.setProperty("folder", installed.folder().toAbsolutePath().toString());
		p.setProperty("version", installed.version());
		p.setProperty("flavour", installed.flavour());
		Path temporary = Files.createTempFile(file.getParent(), ".gpu", ".tmp");
		try {
			try (OutputStream out = Files.newOutputStream(temporary)) {
				p.store(out, "SegKit GPU support: the libtorch SegKit loads at the next start (Install GPU Support)");
			}
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Makes DJL load the installed libtorch, if there is one and this machine can run it; called once, before the
	 * engine loads. Returns (and keeps for {@link #status()}) what it did, or null when nothing is installed.
	 */
	static String applyBeforeEngineStarts() {
		Optional<Installed> installed = installed();
		applied = installed.map(i -> apply(i, System.getenv(LIBRARY_PATH), GpuProbe.detect())).orElse(null);
		return applied;
	}

	/** {@link #applyBeforeEngineStarts} for a given environment value and probe (testable without a GPU). */
	static String apply(Installed installed, String environmentLibraryPath, GpuProbe probe) {
		String where = installed.folder() + " (libtorch " + installed.version() + " " + installed.flavour() + ")";
		if (environmentLibraryPath != null && !environmentLibraryPath.isEmpty()) return "installed in " + where
			+ " but not used: the environment variable PYTORCH_LIBRARY_PATH=" + environmentLibraryPath
				+ " chooses the libtorch.";
		if (System.getProperty(LIBRARY_PATH) != null) return "installed in " + where + " but not used: the system "
			+ "property PYTORCH_LIBRARY_PATH=" + System.getProperty(LIBRARY_PATH) + " chooses the libtorch.";
		if (!installed.isComplete()) return "installed in " + where + " but that folder no longer holds " + LIBTORCH
			+ ": run Install GPU Support again.";
		String why = probe.whyNotCuda128(GpuProbe.isWindows());
		if (why != null) return "installed in " + where + " but not used on this machine, which computes on the "
			+ "CPU: " + why;
		System.setProperty(LIBRARY_PATH, installed.folder().toString());
		System.setProperty(VERSION_KEY, installed.version());
		System.setProperty(FLAVOUR_KEY, installed.flavour());
		// the CUDA runtime that libtorch brings must be loadable by name for DJL's GPU detection (JNA)
		String jna = System.getProperty("jna.library.path");
		System.setProperty("jna.library.path", jna == null || jna.isEmpty() ? installed.folder().toString()
			: jna + java.io.File.pathSeparator + installed.folder());
		return "in use: " + where + "; " + probe.describe();
	}

	/**
	 * A line for Engine Info: what is installed and whether it is in use, or how to install it when nothing is.
	 */
	public static String status() {
		if (applied != null) return applied;
		return installed().map(i -> "installed in " + i.folder() + " (libtorch " + i.version() + " " + i.flavour()
			+ "); used from the next start of the engine").orElse("not installed (Plugins > SegKit > Install GPU "
				+ "Support, or segkit gpu install, downloads libtorch " + VERSION + " for CUDA 12.8)");
	}
}
