package io.segkit.engine;

import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;

import io.segkit.SegKitException;

/**
 * The one place that starts DJL with the PyTorch engine.
 * <p>
 * Where libtorch comes from (DJL's order): {@code PYTORCH_LIBRARY_PATH} (a local libtorch, with
 * {@code PYTORCH_VERSION} and {@code PYTORCH_FLAVOR}); else the {@code pytorch-native-cpu} jar that
 * SegKit ships, found through the thread context class loader and extracted once into
 * {@code DJL_CACHE_DIR} (default {@code ~/.djl.ai}); else a download, which {@code ai.djl.offline=true}
 * forbids.
 * <p>
 * <b>GPU.</b> The shipped native jar is the CPU build, so out of the box SegKit computes on the CPU.
 * Install GPU Support ({@link LibtorchInstaller}) puts libtorch 2.7.1 for CUDA 12.8 on disk and {@link GpuSupport}
 * makes DJL load it at the next start, through system properties set before DJL loads (the environment variables
 * {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION}, {@code PYTORCH_FLAVOR} do the same and win); the matching
 * JNI glue (cu128) is already inside the pytorch-jni jar.
 * The CUDA runtime ({@code libcudart}) must be loadable (e.g. on {@code LD_LIBRARY_PATH}); the driver
 * alone reports no GPU. Alternatively, when online and downloads are permitted (no
 * {@code ai.djl.offline}), remove the CPU native jar and DJL downloads the CUDA build into its cache.
 * <p>
 * <b>Class loaders.</b> In Fiji, plugins live in their own class loader while the thread context class
 * loader may be another one; DJL finds engines and native jars through the context class loader, and a
 * native library binds to one class loader per JVM. So every call that may load natives runs inside
 * {@link #call(Callable)}, which sets the context class loader to SegKit's own.
 * <p>
 * <b>Threads.</b> {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} are
 * read once when the engine loads; {@link #setThreads} must come before the first use. The default is
 * the number of available cores for both.
 */
public final class Engines {

	/** DJL's name of the PyTorch engine. */
	public static final String ENGINE_NAME = "PyTorch";
	static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
	static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
	private static final Pattern CACHE_DIR_NAME = Pattern.compile("(\\d+\\.\\d+\\.\\d+)(?:-\\d+)?-(.+)-([a-z]+-[a-z0-9_]+)");

	private static volatile Engine engine;

	private Engines() {}

	/**
	 * Runs {@code action} with the thread context class loader set to SegKit's own class loader, restoring
	 * the previous one afterwards. Use it around every DJL call that may load native code or look up engines.
	 */
	public static <T> T call(Callable<T> action) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(Engines.class.getClassLoader());
		try {
			return action.call();
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/** {@link #call(Callable)} for actions without a result. */
	public static void run(Runnable action) {
		call(() -> {
			action.run();
			return null;
		});
	}

	/**
	 * Sets the number of PyTorch intra-op and inter-op threads. Only possible before the engine has loaded;
	 * afterwards it throws, because libtorch reads these values once.
	 */
	public static synchronized void setThreads(int threads, int interopThreads) {
		if (threads < 1 || interopThreads < 1) throw new IllegalArgumentException("Thread counts must be at least 1");
		if (engine != null) {
			throw new IllegalStateException("The deep-learning engine is already running; thread counts can only be "
					+ "set before it starts (restart Fiji to change them).");
		}
		System.setProperty(NUM_THREADS, Integer.toString(threads));
		System.setProperty(NUM_INTEROP_THREADS, Integer.toString(interopThreads));
	}

	/** Whether the engine has been started in this JVM. */
	public static boolean isStarted() {
		return engine != null;
	}

	/**
	 * The PyTorch engine, started on first use (thread counts default to the number of cores).
	 *
	 * @throws SegKitException when libtorch cannot be found or loaded, with the reason
	 */
	public static Engine pytorch() {
		Engine e = engine;
		if (e != null) return e;
		synchronized (Engines.class) {
			if (engine == null) engine = start();
			return engine;
		}
	}

	private static Engine start() {
		String cores = Integer.toString(Runtime.getRuntime().availableProcessors());
		if (System.getProperty(NUM_THREADS) == null) System.setProperty(NUM_THREADS, cores);
		if (System.getProperty(NUM_INTEROP_THREADS) == null) System.setProperty(NUM_INTEROP_THREADS, cores);
		GpuSupport.applyBeforeEngineStarts();
		try {
			return call(() -> {
				Engine e = Engine.getEngine(ENGINE_NAME);
				e.getVersion(); // forces libtorch to load now, not at the first tensor
				return e;
			});
		}
		catch (RuntimeException | LinkageError e) {
			throw new SegKitException("The deep-learning engine (PyTorch " + "through DJL) could not start: "
					+ rootMessage(e) + ". SegKit looks for libtorch in PYTORCH_LIBRARY_PATH, then in the "
					+ "pytorch-native-cpu jar next to SegKit (Fiji's jars folder). Check that the SegKit update site "
					+ "installed all its jars, and that the folder " + cacheDirectory()
					+ " is writable (set DJL_CACHE_DIR to use another folder).", e);
		}
	}

	/**
	 * The device for a user's choice ({@link DeviceChoice}): "automatic" (the first usable GPU, else the CPU),
	 * "CPU" or "GPU n", also written auto, cpu, gpu (GPU 0) or gpu:N.
	 *
	 * @throws SegKitException for an unknown choice, or a GPU that cannot be used, explaining why
	 */
	public static Device device(String choice) {
		DeviceChoice c = DeviceChoice.of(choice);
		if (c.isCpu()) return Device.cpu();
		if (c.isAutomatic()) return whyNoGpu(0) == null ? Device.gpu(0) : Device.cpu();
		String why = whyNoGpu(c.gpu());
		if (why != null) {
			throw new SegKitException(c.label() + " cannot be used: " + why + " Choose the device \"CPU\" (or "
					+ "\"automatic\") to compute on the CPU.");
		}
		return Device.gpu(c.gpu());
	}

	/** The GPUs the started engine can use: 0 with the CPU build or without CUDA. Starts the engine. */
	public static int usableGpuCount() {
		return whyNoGpu(0) == null ? call(pytorch()::getGpuCount) : 0;
	}

	/**
	 * Whether a CUDA build of libtorch is configured (PYTORCH_LIBRARY_PATH with a PYTORCH_FLAVOR that is not a CPU
	 * one), so that GPUs may be usable; known without starting the engine.
	 */
	static boolean cudaBuildConfigured() {
		String path = setting(GpuSupport.LIBRARY_PATH), flavour = setting(GpuSupport.FLAVOUR_KEY);
		return path != null && !path.isEmpty() && flavour != null && !flavour.isEmpty() && !flavour.startsWith("cpu");
	}

	/** A device as users read it: "CPU" or "GPU 0" (DJL writes cpu() and gpu(0)). */
	public static String describe(Device device) {
		return device.isGpu() ? "GPU " + device.getDeviceId() : "CPU";
	}

	/**
	 * Why GPU {@code index} cannot be used by the loaded engine, or null when it can. Starts the engine.
	 */
	public static String whyNoGpu(int index) {
		Engine e = pytorch();
		String flavour = flavour();
		if (flavour.startsWith("cpu")) {
			return "the PyTorch library SegKit loaded is the CPU-only build (flavour \"" + flavour + "\", from "
					+ libraryPath() + "), which cannot run on a GPU. To use an NVIDIA GPU, run Plugins > SegKit > "
					+ "Install GPU Support (or segkit gpu install) and restart Fiji. GPU support: "
					+ GpuSupport.status();
		}
		if (!call(CudaUtils::hasCuda)) {
			return "the CUDA runtime library (libcudart) could not be loaded, so no GPU is visible; the "
					+ "graphics driver alone is not enough. Install the CUDA 12.8 runtime and add its lib folder "
					+ "to LD_LIBRARY_PATH (PATH on Windows).";
		}
		int count = call(e::getGpuCount);
		if (count == 0 || !e.hasCapability(StandardCapabilities.CUDA)) {
			return "CUDA reports no usable GPU (check the NVIDIA driver with nvidia-smi; CUDA_VISIBLE_DEVICES may "
					+ "hide GPUs).";
		}
		if (index >= count) {
			return "there " + (count == 1 ? "is only 1 GPU (number 0)" : "are only " + count + " GPUs (0 to "
					+ (count - 1) + ")") + ".";
		}
		return null;
	}

	/** The libtorch version the engine loaded, e.g. "2.7.1". */
	public static String libtorchVersion() {
		return pytorch().getVersion();
	}

	/** The folder libtorch was loaded from. */
	public static String libraryPath() {
		pytorch();
		try {
			return LibUtils.getLibtorchPath();
		}
		catch (RuntimeException e) {
			return "(unknown)";
		}
	}

	/**
	 * The libtorch build flavour: "cpu", "cu128", ... From PYTORCH_FLAVOR for a local libtorch, otherwise from
	 * the name of the folder DJL extracted it to ({@code <version>-<flavour>-<os>-<arch>}).
	 */
	public static String flavour() {
		String path = libraryPath();
		String override = setting(GpuSupport.LIBRARY_PATH);
		if (override != null && !override.isEmpty()) {
			String f = setting(GpuSupport.FLAVOUR_KEY);
			return f == null || f.isEmpty() ? "unknown (PYTORCH_FLAVOR not set)" : f;
		}
		String name = java.nio.file.Paths.get(path).getFileName() == null ? path
				: java.nio.file.Paths.get(path).getFileName().toString();
		Matcher m = CACHE_DIR_NAME.matcher(name);
		if (m.matches()) return m.group(2);
		return pytorch().hasCapability(StandardCapabilities.CUDA) ? "cuda" : "cpu";
	}

	/** The folder DJL extracts native libraries into (DJL_CACHE_DIR / ENGINE_CACHE_DIR, else ~/.djl.ai). */
	public static String cacheDirectory() {
		try {
			return ai.djl.util.Utils.getEngineCacheDir().toString();
		}
		catch (RuntimeException e) {
			return "~/.djl.ai";
		}
	}

	private static String rootMessage(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) root = root.getCause();
		String message = root.getMessage();
		return message == null ? root.getClass().getSimpleName() : message;
	}

	/** The value DJL reads for {@code name}: the environment variable, else the system property (null if none). */
	private static String setting(String name) {
		return ai.djl.util.Utils.getEnvOrSystemProperty(name);
	}
}
