package io.segkit.model;

import io.segkit.SegKitException;

/**
 * How an instance model's class probabilities become objects ({@code io.segkit.instances.InstanceDecoder}): the
 * model's classes are background, object interior and object boundary; objects grow from the interiors.
 *
 * @param boundaryWidth the boundary width the model was trained with, in calibrated units (for the record)
 * @param seedThreshold an interior voxel seeds an object where the interior probability exceeds this (0 to 1)
 * @param minimumSize objects smaller than this calibrated area (2D) or volume (3D) are removed; 0 = none
 */
public record InstanceDecoding(double boundaryWidth, double seedThreshold, double minimumSize) {

	/** The seed threshold Train Segmentation Model stores; Auto-Train chooses its own on the validation folds. */
	public static final double DEFAULT_SEED_THRESHOLD = 0.5;

	public InstanceDecoding {
		if (!(seedThreshold > 0 && seedThreshold < 1)) throw new SegKitException("The seed threshold must lie between "
			+ "0 and 1, not " + seedThreshold + ".");
		if (!(minimumSize >= 0) || Double.isInfinite(minimumSize)) throw new SegKitException("The minimum object size "
			+ "must be 0 or more, not " + minimumSize + ".");
	}

	public InstanceDecoding withSeedThreshold(double threshold) {
		return new InstanceDecoding(boundaryWidth, threshold, minimumSize);
	}

	public InstanceDecoding withMinimumSize(double size) {
		return new InstanceDecoding(boundaryWidth, seedThreshold, size);
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "seeds where interior probability > %.2f, objects from %.4g "
			+ "(calibrated area or volume)", seedThreshold, minimumSize);
	}
}
