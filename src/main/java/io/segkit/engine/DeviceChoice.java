package io.segkit.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.segkit.SegKitException;

/**
 * The device a network computes on, as a user chooses it: "automatic" (the first usable GPU, else the CPU), "CPU"
 * or "GPU n". The one reader of device words for the dialogs, recorded macros and the command line: it also takes,
 * in any case, the words written before there was a choice list (auto, cpu, gpu = GPU 0, gpu:N). Training and
 * inference take the engine's {@link #text()} ("auto", "cpu", "gpu:N"), which {@link Engines#device} turns into a
 * device.
 *
 * @param gpu the GPU number, or {@link #AUTOMATIC_INDEX} / {@link #CPU_INDEX}
 */
public record DeviceChoice(int gpu) {

	public static final String AUTOMATIC = "automatic", CPU = "CPU";

	/**
	 * The widget style that makes a String parameter this choice: the dialog offers {@link #offered()} and macros
	 * may hold any device word.
	 */
	public static final String STYLE = "device";

	public static final String DESCRIPTION = "automatic: the first usable GPU, else the CPU. GPUs are listed when "
		+ "SegKit can use them (see SegKit Engine Info).";

	static final int AUTOMATIC_INDEX = -2, CPU_INDEX = -1;

	private static final Pattern WORDS = Pattern.compile("(auto(?:matic)?)?|(cpu)|gpu(?:\\s*:?\\s*(\\d{1,4}))?");

	private static volatile Integer visibleGpus;

	public DeviceChoice {
		if (gpu < AUTOMATIC_INDEX) throw new IllegalArgumentException("GPU number " + gpu);
	}

	/**
	 * The choice a word stands for: a label ("automatic", "CPU", "GPU 1") or a former word (auto, cpu, gpu, gpu:1);
	 * null or blank is automatic.
	 *
	 * @throws SegKitException for any other word, naming the accepted ones
	 */
	public static DeviceChoice of(String text) {
		DeviceChoice choice = parse(text);
		if (choice == null) throw new SegKitException("Unknown device '" + text + "'. Use automatic, CPU or GPU n "
			+ "(also written auto, cpu, gpu or gpu:N; N = the GPU number, starting at 0).");
		return choice;
	}

	/** The label for a device word, or null when it is none ({@link #of} without the exception). */
	public static String labelOrNull(String text) {
		DeviceChoice choice = parse(text);
		return choice == null ? null : choice.label();
	}

	private static DeviceChoice parse(String text) {
		String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
		Matcher m = WORDS.matcher(t);
		if (!m.matches()) return null;
		if (m.group(2) != null) return new DeviceChoice(CPU_INDEX);
		if (t.startsWith("gpu")) return new DeviceChoice(m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
		return new DeviceChoice(AUTOMATIC_INDEX);
	}

	public boolean isAutomatic() {
		return gpu == AUTOMATIC_INDEX;
	}

	public boolean isCpu() {
		return gpu == CPU_INDEX;
	}

	public boolean isGpu() {
		return gpu >= 0;
	}

	/** What dialogs show and record: "automatic", "CPU", "GPU 1". */
	public String label() {
		return isAutomatic() ? AUTOMATIC : isCpu() ? CPU : gpuLabel(gpu);
	}

	/** What the engine takes: "auto", "cpu", "gpu:1". */
	public String text() {
		return isAutomatic() ? "auto" : isCpu() ? "cpu" : "gpu:" + gpu;
	}

	static String gpuLabel(int index) {
		return "GPU " + index;
	}

	/**
	 * The labels a dialog offers: automatic, CPU, then each GPU SegKit can use. The list is built without starting
	 * the deep-learning engine, which takes a second or more (longer on first use) and fixes its thread count:
	 * once the engine runs, its usable GPUs; before, the GPUs CUDA shows when a CUDA build of libtorch is
	 * configured ({@link Engines#cudaBuildConfigured()}); with the CPU build SegKit ships, none.
	 */
	public static List<String> offered() {
		List<String> labels = new ArrayList<>(List.of(AUTOMATIC, CPU));
		int gpus = Engines.isStarted() ? Engines.usableGpuCount() : Engines.cudaBuildConfigured() ? visibleGpus() : 0;
		for (int i = 0; i < gpus; i++) labels.add(gpuLabel(i));
		return labels;
	}

	/** The GPUs the CUDA runtime shows (loading libcudart only, a fraction of a second, once per session). */
	private static int visibleGpus() {
		Integer count = visibleGpus;
		if (count == null) {
			count = Engines.call(() -> ai.djl.util.cuda.CudaUtils.hasCuda() ? ai.djl.util.cuda.CudaUtils
				.getGpuCount() : 0);
			visibleGpus = count;
		}
		return count;
	}
}
