package io.segkit.infer;

import java.util.OptionalLong;

import io.segkit.model.ModelSpec;
import io.segkit.nn.NetworkConfig;
import io.segkit.plan.Planner;

/**
 * How many tiles the sliding window sends through the network at once when the user leaves it automatic: 4 on the
 * CPU (larger batches only hold more memory there), on a GPU as many as half its free memory holds, by nnU-Net's
 * estimate of a U-Net's feature maps for the model's patch (every convolution's output kept, an upper bound for a
 * pass without gradients), between 1 and {@link #MAX_GPU_TILES}.
 */
public final class TileBatch {

	/** Tiles per batch on the CPU, and on a GPU whose free memory is unknown. */
	public static final int CPU_TILES = 4;
	/** More tiles per batch than this do not make a GPU faster: each tile alone already fills it. */
	public static final int MAX_GPU_TILES = 32;
	/** Share of the free GPU memory the batch may fill; the rest is for cuDNN workspaces and the allocator. */
	static final double GPU_SHARE = 0.5;
	private static final int BYTES_PER_FLOAT = 4;

	private TileBatch() {}

	/** The automatic tiles per batch for a device ({@code gpu}) with {@code freeBytes} free (empty = unknown). */
	public static int automatic(boolean gpu, OptionalLong freeBytes, long bytesPerTile) {
		if (!gpu || freeBytes.isEmpty() || bytesPerTile <= 0) return CPU_TILES;
		long fits = (long) (GPU_SHARE * freeBytes.getAsLong() / bytesPerTile);
		return (int) Math.max(1, Math.min(MAX_GPU_TILES, fits));
	}

	/** Estimated bytes one tile needs on the device: its feature maps, input and class scores as floats. */
	public static long bytesPerTile(ModelSpec spec) {
		NetworkConfig n = spec.network();
		int[] patch = spec.patchSize();
		long voxels = 1;
		for (int p : patch) voxels *= p;
		long elements = Planner.estimateFeatureMapElements(patch, n.strides(), n.features(), n.classes()) + (long) (n
			.inChannels() + n.classes()) * voxels;
		return elements * BYTES_PER_FLOAT;
	}
}
