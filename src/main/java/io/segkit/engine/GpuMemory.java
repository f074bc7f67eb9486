package io.segkit.engine;

import java.lang.management.MemoryUsage;
import java.util.OptionalLong;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;

/**
 * The free memory of a GPU now, as CUDA reports it (cudaMemGetInfo, through DJL): what planning and the sliding
 * window size themselves to. Memory libtorch's caching allocator already holds for this process counts as used, so
 * the figure errs on the safe side.
 */
public final class GpuMemory {

	private GpuMemory() {}

	/**
	 * Free bytes of {@code device}; empty for the CPU, or when CUDA cannot tell. Starts the engine first, so that
	 * CUDA is looked for where Install GPU Support put it.
	 */
	public static OptionalLong freeBytes(Device device) {
		if (device == null || !device.isGpu()) return OptionalLong.empty();
		try {
			Engines.pytorch();
			MemoryUsage usage = Engines.call(() -> CudaUtils.getGpuMemory(device));
			long free = usage.getMax() - usage.getCommitted(); // DJL: committed = total - free, max = total
			return free > 0 ? OptionalLong.of(free) : OptionalLong.empty();
		}
		catch (RuntimeException | LinkageError e) {
			return OptionalLong.empty();
		}
	}
}
