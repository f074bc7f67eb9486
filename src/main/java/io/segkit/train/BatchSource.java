package io.segkit.train;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes batch number k from the patch sampler and a random stream that depends only on (seed, k): a run that
 * resumes at epoch e sees exactly the batches an uninterrupted run would, whichever thread makes them.
 */
final class BatchSource {

	private final PatchSampler sampler;
	private final int batchSize;
	private final long seed;
	private final int[][] outputSizes; // per network output (z, y, x)
	private final DistanceTargets distances; // null = no distance head

	BatchSource(PatchSampler sampler, int batchSize, long seed, int[][] outputSizes) {
		this(sampler, batchSize, seed, outputSizes, null);
	}

	/**
	 * With {@code distances}, every batch also carries the distance head's targets (an instance model with a distance
	 * head), made from the labels of the first (full-resolution) output.
	 */
	BatchSource(PatchSampler sampler, int batchSize, long seed, int[][] outputSizes, DistanceTargets distances) {
		this.distances = distances;
		this.sampler = sampler;
		this.batchSize = batchSize;
		this.seed = seed;
		this.outputSizes = outputSizes.clone();
	}

	Batch batch(long index) {
		Batch b = of(sampler.batch(batchSize, random(seed, index)), sampler.patch3(), outputSizes);
		if (distances == null) return b;
		int n = b.targets()[0].length / (outputSizes[0][0] * outputSizes[0][1] * outputSizes[0][2]);
		return new Batch(b.images(), b.targets(), distances.of(b.targets()[0], n, outputSizes[0]));
	}

	/** Packs samples into a batch with one target per output size. */
	static Batch of(List<PatchSampler.Sample> samples, int[] patch, int[][] outputSizes) {
		int voxels = patch[0] * patch[1] * patch[2];
		int channels = samples.get(0).images().length;
		float[] images = new float[samples.size() * channels * voxels];
		byte[] labels = new byte[samples.size() * voxels];
		for (int b = 0; b < samples.size(); b++) {
			PatchSampler.Sample s = samples.get(b);
			for (int c = 0; c < channels; c++) {
				System.arraycopy(s.images()[c], 0, images, (b * channels + c) * voxels, voxels);
			}
			System.arraycopy(s.labels(), 0, labels, b * voxels, voxels);
		}
		byte[][] targets = new byte[outputSizes.length][];
		for (int o = 0; o < outputSizes.length; o++) {
			targets[o] = Targets.resize(labels, samples.size(), patch, outputSizes[o]);
		}
		return new Batch(images, targets);
	}

	/** A random stream for (seed, index); the mix keeps neighbouring indices' streams unrelated. */
	static SplittableRandom random(long seed, long index) {
		long z = seed * 0x9E3779B97F4A7C15L + index;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return new SplittableRandom(z ^ (z >>> 31));
	}
}
