package io.segkit.model;

import io.segkit.SegKitException;

/**
 * How an instance model's class probabilities become objects ({@code io.segkit.instances.InstanceDecoder}): the
 * model's classes are background, object interior and object boundary; objects grow from seeds, the interiors or
 * the maxima of the predicted distance map when the model has a distance head (an extra output trained on each
 * interior voxel's calibrated distance to the nearest non-interior voxel, divided by {@code distanceScale}).
 *
 * @param boundaryWidth the boundary width the model was trained with, in calibrated units (for the record)
 * @param seedThreshold an interior voxel seeds an object where the interior probability exceeds this (0 to 1)
 * @param dynamicShare interiors still joined are split by a distance watershed with this share of their typical
 *        radius as dynamic; 0 = the interiors' connected parts are the seeds. With distance seeds: the dynamic of the
 *        predicted distance's maxima, in units of {@code distanceScale}
 * @param minimumSize objects smaller than this calibrated area (2D) or volume (3D) are removed; 0 = none
 * @param distanceSeeds seeds are the maxima of the predicted distance (needs the distance head), not the interiors
 * @param distanceScale the calibrated length the distance head's targets were divided by (the typical object's
 *        equivalent radius); 0 = the model has no distance head
 * @param foregroundThreshold a voxel belongs to an object where interior and boundary together are more probable
 *        than this (0 to 1; 0 in a model file from before it existed reads as the default, 0.5)
 * @param mirroring the probabilities are averaged over mirrored copies of the image, and where y and x have the
 *        same voxel size over copies turned by 90 degrees too (test-time augmentation), because that gave better
 *        objects on the validation folds; Segment with Model then always mirrors
 */
public record InstanceDecoding(double boundaryWidth, double seedThreshold, double dynamicShare, double minimumSize,
		boolean distanceSeeds, double distanceScale, double foregroundThreshold, boolean mirroring) {

	/** The seed threshold Train Segmentation Model stores; Auto-Train chooses its own on the validation folds. */
	public static final double DEFAULT_SEED_THRESHOLD = 0.5;
	/** The dynamic share Train Segmentation Model stores: Distance Watershed's automatic one. */
	public static final double DEFAULT_DYNAMIC_SHARE = 0.1;
	/** The foreground threshold Train Segmentation Model stores: object more probable than background. */
	public static final double DEFAULT_FOREGROUND_THRESHOLD = 0.5;

	public InstanceDecoding {
		if (foregroundThreshold == 0) foregroundThreshold = DEFAULT_FOREGROUND_THRESHOLD; // older model files
		if (!(foregroundThreshold > 0 && foregroundThreshold < 1)) throw new SegKitException("The foreground "
			+ "threshold must lie between 0 and 1, not " + foregroundThreshold + ".");
		if (!(seedThreshold > 0 && seedThreshold < 1)) throw new SegKitException("The seed threshold must lie between "
			+ "0 and 1, not " + seedThreshold + ".");
		if (!(dynamicShare >= 0 && dynamicShare < 1)) throw new SegKitException("The dynamic share must lie between 0 "
			+ "and 1, not " + dynamicShare + ".");
		if (!(minimumSize >= 0) || Double.isInfinite(minimumSize)) throw new SegKitException("The minimum object size "
			+ "must be 0 or more, not " + minimumSize + ".");
		if (!(distanceScale >= 0) || Double.isInfinite(distanceScale)) throw new SegKitException("The distance scale "
			+ "must be 0 or more, not " + distanceScale + ".");
		if (distanceSeeds && distanceScale == 0) throw new SegKitException("Distance seeds need a model with a "
			+ "distance head.");
	}

	/** A decoding of a model without a distance head (seeds from the interiors). */
	public InstanceDecoding(double boundaryWidth, double seedThreshold, double dynamicShare, double minimumSize) {
		this(boundaryWidth, seedThreshold, dynamicShare, minimumSize, false, 0);
	}

	/** A decoding with the default foreground threshold. */
	public InstanceDecoding(double boundaryWidth, double seedThreshold, double dynamicShare, double minimumSize,
			boolean distanceSeeds, double distanceScale) {
		this(boundaryWidth, seedThreshold, dynamicShare, minimumSize, distanceSeeds, distanceScale,
			DEFAULT_FOREGROUND_THRESHOLD, false);
	}

	/** Whether the model has the distance head (one output more than its three classes). */
	public boolean hasDistanceHead() {
		return distanceScale > 0;
	}

	public InstanceDecoding withSeedThreshold(double threshold) {
		return new InstanceDecoding(boundaryWidth, threshold, dynamicShare, minimumSize, distanceSeeds, distanceScale,
			foregroundThreshold, mirroring);
	}

	public InstanceDecoding withMinimumSize(double size) {
		return new InstanceDecoding(boundaryWidth, seedThreshold, dynamicShare, size, distanceSeeds, distanceScale,
			foregroundThreshold, mirroring);
	}

	public InstanceDecoding withDynamicShare(double share) {
		return new InstanceDecoding(boundaryWidth, seedThreshold, share, minimumSize, distanceSeeds, distanceScale,
			foregroundThreshold, mirroring);
	}

	/** Seeds from the predicted distance's maxima ({@code true}) or from the interiors. */
	public InstanceDecoding withDistanceSeeds(boolean fromDistance) {
		return new InstanceDecoding(boundaryWidth, seedThreshold, dynamicShare, minimumSize, fromDistance,
			distanceScale, foregroundThreshold, mirroring);
	}

	/** Objects where interior and boundary together are more probable than {@code threshold}. */
	public InstanceDecoding withForegroundThreshold(double threshold) {
		return new InstanceDecoding(boundaryWidth, seedThreshold, dynamicShare, minimumSize, distanceSeeds,
			distanceScale, threshold, mirroring);
	}

	/** Probabilities averaged over mirrored (and turned) copies of the image ({@code true}) or from the image alone. */
	public InstanceDecoding withMirroring(boolean mirrored) {
		return new InstanceDecoding(boundaryWidth, seedThreshold, dynamicShare, minimumSize, distanceSeeds,
			distanceScale, foregroundThreshold, mirrored);
	}

	@Override
	public String toString() {
		String seeds = distanceSeeds ? String.format(java.util.Locale.ROOT, "seeds at the maxima of the predicted "
			+ "distance (dynamic %.2f x %.4g)", dynamicShare, distanceScale) : String.format(java.util.Locale.ROOT,
				"seeds where interior probability > %.2f, %s", seedThreshold, dynamicShare > 0 ? "joined interiors "
					+ "split at a dynamic of " + dynamicShare + " x their radius" : "no further split");
		String extent = foregroundThreshold == DEFAULT_FOREGROUND_THRESHOLD ? "" : String.format(java.util.Locale.ROOT,
			", objects where their probability > %.2f", foregroundThreshold);
		return String.format(java.util.Locale.ROOT, "%s%s, objects from %.4g (calibrated area or volume)%s", seeds,
			extent, minimumSize, mirroring ? ", probabilities averaged over mirrored (and turned) copies" : "");
	}
}
