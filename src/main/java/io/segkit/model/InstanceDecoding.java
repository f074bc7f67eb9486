package io.segkit.model;

import io.segkit.SegKitException;

/**
 * How an instance model's class probabilities become objects ({@code io.segkit.instances.InstanceDecoder}): the
 * model's classes are background, object interior and object boundary; objects grow from the interiors.
 *
 * @param boundaryWidth the boundary width the model was trained with, in calibrated units (for the record)
 * @param seedThreshold an interior voxel seeds an object where the interior probability exceeds this (0 to 1)
 * @param dynamicShare interiors still joined are split by a distance watershed with this share of their typical
 *        radius as dynamic; 0 = the interiors' connected parts are the seeds
 * @param minimumSize objects smaller than this calibrated area (2D) or volume (3D) are removed; 0 = none
 */
public record InstanceDecoding(double boundaryWidth, double seedThreshold, double dynamicShare, double minimumSize) {

	/** The seed threshold Train Segmentation Model stores; Auto-Train chooses its own on the validation folds. */
	public static final double DEFAULT_SEED_THRESHOLD = 0.5;
	/** The dynamic share Train Segmentation Model stores: Distance Watershed's automatic one. */
	public static final double DEFAULT_DYNAMIC_SHARE = 0.1;

	public InstanceDecoding {
		if (!(seedThreshold > 0 && seedThreshold < 1)) throw new SegKitException("The seed threshold must lie between "
			+ "0 and 1, not " + seedThreshold + ".");
		if (!(dynamicShare >= 0 && dynamicShare < 1)) throw new SegKitException("The dynamic share must lie between 0 "
			+ "and 1, not " + dynamicShare + ".");
		if (!(minimumSize >= 0) || Double.isInfinite(minimumSize)) throw new SegKitException("The minimum object size "
			+ "must be 0 or more, not " + minimumSize + ".");
	}

	public InstanceDecoding withSeedThreshold(double threshold) {
		return new InstanceDecoding(boundaryWidth, threshold, dynamicShare, minimumSize);
	}

	public InstanceDecoding withMinimumSize(double size) {
		return new InstanceDecoding(boundaryWidth, seedThreshold, dynamicShare, size);
	}

	public InstanceDecoding withDynamicShare(double share) {
		return new InstanceDecoding(boundaryWidth, seedThreshold, share, minimumSize);
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "seeds where interior probability > %.2f, %s, objects from %.4g "
			+ "(calibrated area or volume)", seedThreshold, dynamicShare > 0 ? "joined interiors split at a dynamic of "
				+ dynamicShare + " x their radius" : "no further split", minimumSize);
	}
}
