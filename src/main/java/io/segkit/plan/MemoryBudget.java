package io.segkit.plan;

import io.segkit.SegKitException;

/**
 * The memory the planner may fill: GPU memory, or on CPU a RAM budget the user chooses. nnU-Net's
 * reference values (for an 8 GB GPU) are scaled linearly with {@link #gigabytes()}.
 */
public record MemoryBudget(double gigabytes, Device device) {

	public enum Device {
		GPU, CPU
	}

	/** nnU-Net's default target: an 8 GB GPU. */
	public static final MemoryBudget DEFAULT = gpu(8);

	public MemoryBudget {
		if (!(gigabytes > 0) || Double.isInfinite(gigabytes)) throw new SegKitException("The memory budget " +
			gigabytes + " GB is not valid: give a positive number of gigabytes.");
		if (device == null) device = Device.GPU;
	}

	public static MemoryBudget gpu(double gigabytes) {
		return new MemoryBudget(gigabytes, Device.GPU);
	}

	public static MemoryBudget cpu(double gigabytes) {
		return new MemoryBudget(gigabytes, Device.CPU);
	}

	/**
	 * The budget for a device with a number of gigabytes that may be 0 = automatic: nnU-Net's 8 GB on a GPU,
	 * {@link #automaticCpu()} on a CPU.
	 */
	public static MemoryBudget of(Device device, double gigabytes) {
		if (!(gigabytes >= 0) || Double.isInfinite(gigabytes)) throw new SegKitException(
			"Memory GB must be 0 (automatic) or a positive number of gigabytes, not " + gigabytes + ".");
		boolean gpu = device != Device.CPU;
		if (gigabytes == 0) return gpu ? DEFAULT : automaticCpu();
		return gpu ? gpu(gigabytes) : cpu(gigabytes);
	}

	/** GPU memory kept out of the automatic budget: CUDA's context, cuDNN's workspaces, the weights and optimiser. */
	static final double GPU_RESERVE_GB = 1;

	/**
	 * The automatic GPU budget: nnU-Net's 8 GB target, or less when the GPU has less free memory (less
	 * {@link #GPU_RESERVE_GB}, rounded down to 0.1 GB, at least 1 GB), so that a small or shared GPU gets a plan
	 * that fits it; nnU-Net's target when the free memory is unknown. Never more than the target: larger budgets
	 * are a choice (Memory GB), as nnU-Net's larger presets are.
	 *
	 * @param freeBytes the GPU's free memory in bytes; empty = unknown
	 */
	public static MemoryBudget automaticGpu(java.util.OptionalLong freeBytes) {
		if (freeBytes.isEmpty()) return DEFAULT;
		double usable = Math.floor((freeBytes.getAsLong() / 1e9 - GPU_RESERVE_GB) * 10) / 10;
		return gpu(Math.max(1, Math.min(DEFAULT.gigabytes(), usable)));
	}

	/**
	 * SegKit's automatic CPU budget: a quarter of the machine's physical memory, between 1 and 8 GB.
	 * Training on a CPU is slow, so larger patches or batches than nnU-Net's 8 GB reference would only
	 * make every step slower; a quarter leaves room for ImageJ, the data and the operating system.
	 */
	public static MemoryBudget automaticCpu() {
		double physical = physicalMemoryGigabytes();
		double gigabytes = Double.isNaN(physical) ? 4 : Math.min(8, Math.max(1, Math.floor(physical / 4)));
		return cpu(gigabytes);
	}

	/** Physical memory of the machine (or container) in GB; NaN if the JVM cannot tell. */
	static double physicalMemoryGigabytes() {
		if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
			instanceof com.sun.management.OperatingSystemMXBean os) return os.getTotalMemorySize() / 1e9;
		return Double.NaN;
	}
}
