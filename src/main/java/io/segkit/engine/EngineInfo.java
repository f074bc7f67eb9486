package io.segkit.engine;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;

/**
 * What the deep-learning engine loaded and where it will compute: a report for users and bug reports.
 *
 * @param djlVersion DJL version
 * @param libtorchVersion the libtorch version loaded
 * @param flavour libtorch build flavour ("cpu", "cu128", ...)
 * @param libraryPath folder libtorch was loaded from
 * @param cacheDirectory folder DJL extracts native libraries into
 * @param offline whether DJL downloads are switched off
 * @param devices the devices usable for computing (the CPU, then any usable GPUs)
 * @param defaultDevice what the device choice "auto" gives
 * @param threads PyTorch intra-op threads
 * @param interopThreads PyTorch inter-op threads
 * @param whyNoGpu why no GPU is used, or null when one is
 */
public record EngineInfo(String djlVersion, String libtorchVersion, String flavour, String libraryPath,
		String cacheDirectory, boolean offline, List<String> devices, String defaultDevice, int threads,
		int interopThreads, String whyNoGpu) {

	/** Starts the engine if needed and describes it. */
	public static EngineInfo current() {
		Engine engine = Engines.pytorch();
		String why = Engines.whyNoGpu(0);
		List<String> devices = new ArrayList<>();
		devices.add(name(Device.cpu()));
		int gpus = Engines.usableGpuCount();
		for (int i = 0; i < gpus; i++) devices.add(name(Device.gpu(i)));
		return new EngineInfo(Engine.getDjlVersion(), engine.getVersion(), Engines.flavour(), Engines.libraryPath(),
				Engines.cacheDirectory(), ai.djl.util.Utils.isOfflineMode(), List.copyOf(devices),
				name(Engines.device("auto")), intProperty(Engines.NUM_THREADS), intProperty(
						Engines.NUM_INTEROP_THREADS), why);
	}

	/** "CPU" or "GPU n", the labels of the device choice ({@link DeviceChoice}). */
	public static String name(Device d) {
		return Engines.describe(d);
	}

	private static int intProperty(String key) {
		try {
			return Integer.parseInt(System.getProperty(key, "-1").trim());
		}
		catch (NumberFormatException e) {
			return -1;
		}
	}

	/** Whether the loaded libtorch can use CUDA at all. */
	public boolean cudaBuild() {
		return !flavour.startsWith("cpu") && Engines.pytorch().hasCapability(StandardCapabilities.CUDA);
	}

	/** A plain-text report, one fact per line. */
	public String toText() {
		StringBuilder sb = new StringBuilder("SegKit deep-learning engine\n");
		line(sb, "Engine", "PyTorch " + libtorchVersion + " via DJL " + djlVersion);
		line(sb, "libtorch flavour", flavour);
		line(sb, "libtorch folder", libraryPath);
		line(sb, "DJL cache folder", cacheDirectory);
		line(sb, "Downloads", offline ? "off (offline mode)" : "allowed when needed");
		line(sb, "Devices", String.join(", ", devices));
		line(sb, "Device for \"automatic\"", defaultDevice);
		line(sb, "Threads (intra-op)", Integer.toString(threads));
		line(sb, "Threads (inter-op)", Integer.toString(interopThreads));
		line(sb, "GPU", whyNoGpu == null ? "in use" : "not used: " + whyNoGpu);
		line(sb, "GPU support", GpuSupport.status());
		return sb.toString();
	}

	private static void line(StringBuilder sb, String key, String value) {
		sb.append("  ").append(key).append(": ").append(value).append('\n');
	}
}
