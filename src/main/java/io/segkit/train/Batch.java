package io.segkit.train;

/**
 * One training batch as flat arrays: images (N, C, spatial...), per network output the labels at that output's size
 * (N, spatial...), and for a model with a distance head the distance targets at full size ({@link DistanceTargets};
 * null otherwise).
 */
record Batch(float[] images, byte[][] targets, float[] distances) {

	Batch(float[] images, byte[][] targets) {
		this(images, targets, null);
	}
}
