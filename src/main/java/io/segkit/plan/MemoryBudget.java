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
}
