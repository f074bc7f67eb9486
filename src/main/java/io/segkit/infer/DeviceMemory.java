package io.segkit.infer;

import java.util.Locale;

import ai.djl.Device;

import io.segkit.SegKitException;
import io.segkit.engine.Engines;

/**
 * The device running out of memory during prediction: recognised in libtorch's messages ("CUDA out of memory",
 * cuBLAS failing to allocate, the CPU allocator's "can't allocate memory"), so the sliding window can retry with
 * fewer tiles per batch and Segment with Model can move from the GPU to the CPU instead of failing.
 */
final class DeviceMemory {

	private DeviceMemory() {}

	/** Even one tile did not fit on {@code device}. */
	static final class Exhausted extends SegKitException {

		private static final long serialVersionUID = 1L;
		final transient Device device;

		Exhausted(Device device, String modelName, Throwable cause) {
			super("The memory of the " + Engines.describe(device) + " is too small for the model " + modelName
				+ " even one tile at a time. " + (device.isGpu() ? "Close other programs that use the GPU, or choose "
					+ "the device CPU." : "Give Fiji more memory (Edit > Options > Memory & Threads) or close other "
						+ "programs."), cause);
			this.device = device;
		}
	}

	/** Whether {@code t} (or a cause) is libtorch reporting that an allocation failed. */
	static boolean isOutOfMemory(Throwable t) {
		for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
			String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
			if (m.contains("out of memory") || m.contains("cublas_status_alloc_failed") || m.contains(
				"can't allocate memory")) return true;
		}
		return false;
	}
}
