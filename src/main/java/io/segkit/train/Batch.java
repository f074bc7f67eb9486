package io.segkit.train;

/**
 * One training batch as flat arrays: images (N, C, spatial...) and, per network output, the labels at that
 * output's size (N, spatial...).
 */
record Batch(float[] images, byte[][] targets) {}
