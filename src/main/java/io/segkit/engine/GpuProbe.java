package io.segkit.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What NVIDIA hardware the machine has, found without loading any CUDA library: {@code nvidia-smi}'s report of the
 * driver and each GPU's name and compute capability, or on Linux the kernel driver's version file when
 * {@code nvidia-smi} is missing. Loading a CUDA build of libtorch on a machine without the NVIDIA driver fails, so
 * SegKit only switches to an installed CUDA libtorch when this finds a driver recent enough for CUDA 12.8.
 *
 * @param driverVersion the NVIDIA driver version ("570.86.10"), or null when no driver was found
 * @param gpus the GPUs nvidia-smi lists (empty when it is not available)
 * @param how how the driver was found, or why none was
 */
public record GpuProbe(String driverVersion, List<Gpu> gpus, String how) {

	/** One GPU: its name and CUDA compute capability ("8.6"), as nvidia-smi reports them. */
	public record Gpu(String name, String computeCapability) {}

	/**
	 * The oldest driver that runs CUDA 12.x programs (NVIDIA's minor-version compatibility: 525.60.13 on Linux,
	 * 527.41 on Windows); libtorch 2.7.1 for CUDA 12.8 needs at least that.
	 */
	static final String MINIMUM_DRIVER_LINUX = "525.60.13", MINIMUM_DRIVER_WINDOWS = "527.41";

	private static final Pattern KERNEL_MODULE_VERSION = Pattern.compile("Kernel Module\\s+(?:for \\S+\\s+)?(\\d+\\.\\d+(?:\\.\\d+)?)");

	/** Looks at this machine (runs nvidia-smi for at most a few seconds). */
	public static GpuProbe detect() {
		String smi = runNvidiaSmi();
		if (smi != null) return parseNvidiaSmi(smi);
		Path version = Path.of("/proc/driver/nvidia/version");
		if (Files.isReadable(version)) {
			try {
				return parseKernelModuleVersion(Files.readString(version, StandardCharsets.UTF_8));
			}
			catch (IOException e) {
				// fall through: no driver found
			}
		}
		return new GpuProbe(null, List.of(), "no NVIDIA driver found (nvidia-smi is not on the PATH and there is no "
			+ "/proc/driver/nvidia/version)");
	}

	/**
	 * Reads the output of {@code nvidia-smi --query-gpu=name,compute_cap,driver_version --format=csv,noheader}: one
	 * line per GPU.
	 */
	static GpuProbe parseNvidiaSmi(String output) {
		List<Gpu> gpus = new ArrayList<>();
		String driver = null;
		for (String line : output.split("\\R")) {
			String[] fields = line.split(",");
			if (fields.length < 3) continue;
			gpus.add(new Gpu(fields[0].trim(), fields[1].trim()));
			driver = fields[2].trim();
		}
		if (driver == null) return new GpuProbe(null, List.of(), "nvidia-smi ran but listed no GPU");
		return new GpuProbe(driver, List.copyOf(gpus), "nvidia-smi");
	}

	/** Reads {@code /proc/driver/nvidia/version} ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  570.86.10 ..."). */
	static GpuProbe parseKernelModuleVersion(String text) {
		Matcher m = KERNEL_MODULE_VERSION.matcher(text);
		if (!m.find()) return new GpuProbe(null, List.of(), "/proc/driver/nvidia/version names no driver version");
		return new GpuProbe(m.group(1), List.of(), "/proc/driver/nvidia/version (nvidia-smi not found, so the GPUs are "
			+ "not listed)");
	}

	/** Whether a driver was found at all. */
	public boolean hasDriver() {
		return driverVersion != null;
	}

	/**
	 * Why libtorch for CUDA 12.8 cannot run here, or null when it can as far as the driver and the GPUs tell: no
	 * driver, a driver older than CUDA 12 needs, or no GPU of compute capability 5.0 or more.
	 */
	public String whyNotCuda128(boolean windows) {
		if (!hasDriver()) return "No NVIDIA GPU driver was found: " + how + ". Install the NVIDIA driver first "
			+ "(nvidia-smi then lists the GPU).";
		String minimum = windows ? MINIMUM_DRIVER_WINDOWS : MINIMUM_DRIVER_LINUX;
		if (compareVersions(driverVersion, minimum) < 0) return "The NVIDIA driver " + driverVersion + " is too old "
			+ "for CUDA 12.8 (it needs " + minimum + " or newer). Update the NVIDIA driver.";
		if (!gpus.isEmpty() && gpus.stream().noneMatch(g -> capability(g) >= 5.0)) return "No GPU here has CUDA "
			+ "compute capability 5.0 or more (" + describeGpus() + "), which libtorch for CUDA 12.8 needs.";
		return null;
	}

	/** {@link #whyNotCuda128(boolean)} for this computer's operating system. */
	public String whyNotCuda128() {
		return whyNotCuda128(isWindows());
	}

	/** "NVIDIA H200 (compute capability 9.0)", one per GPU, or "GPUs not listed". */
	public String describeGpus() {
		if (gpus.isEmpty()) return "GPUs not listed";
		List<String> names = new ArrayList<>();
		for (Gpu g : gpus) names.add(g.name() + " (compute capability " + g.computeCapability() + ")");
		return String.join(", ", names);
	}

	/** A line for Engine Info and the installer's Log. */
	public String describe() {
		return hasDriver() ? "NVIDIA driver " + driverVersion + ", " + describeGpus() : how;
	}

	private static double capability(Gpu g) {
		try {
			return Double.parseDouble(g.computeCapability());
		}
		catch (NumberFormatException e) {
			return Double.NaN; // "[N/A]" from old nvidia-smi versions: not known, so not refused
		}
	}

	/** Compares dotted version numbers ("525.60.13" < "570.86"), missing parts as 0. */
	static int compareVersions(String a, String b) {
		String[] x = a.split("\\."), y = b.split("\\.");
		for (int i = 0; i < Math.max(x.length, y.length); i++) {
			int c = Integer.compare(part(x, i), part(y, i));
			if (c != 0) return c;
		}
		return 0;
	}

	private static int part(String[] parts, int i) {
		if (i >= parts.length) return 0;
		try {
			return Integer.parseInt(parts[i].replaceAll("\\D.*", ""));
		}
		catch (NumberFormatException e) {
			return 0;
		}
	}

	private static String runNvidiaSmi() {
		try {
			Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap,driver_version",
				"--format=csv,noheader").redirectErrorStream(true).start();
			String text;
			try (InputStream in = p.getInputStream()) {
				text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (!p.waitFor(10, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				return null;
			}
			return p.exitValue() == 0 ? text : null;
		}
		catch (IOException e) {
			return null; // not installed
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
	}
}
