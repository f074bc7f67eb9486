package io.segkit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.segkit.SegKitException;

/**
 * nnU-Net's patch sampling: cases are drawn uniformly; in each batch the last
 * {@code batch - round(batch x (1 - 0.33))} samples are forced to contain a foreground voxel of a random class
 * present in the case (nnU-Net's {@code get_do_oversample}: batch 2 and 4 force 1, batch 6 forces 2, batch 1 none);
 * the others go anywhere. The patch's lower corner follows nnU-Net's {@code get_bbox}: it ranges over positions
 * that keep the patch inside the case, or centre it with a random shift where the case is smaller (the rest is
 * padded: images 0, labels background). A forced sample puts the chosen voxel at the patch centre, clipped to that
 * range. 2D patches (depth 1) come from a random z-slice of stacks (a forced one from the chosen voxel's slice).
 * <p>
 * Everything a sample needs comes from the {@link SplittableRandom} it is given, so a batch depends only on its
 * seed.
 */
final class PatchSampler {

	/** nnU-Net's oversample_foreground_percent. */
	static final double FOREGROUND_SHARE = 0.33;
	/** Rule of the fingerprint: keep max(min(10000, n), ceil(0.01 n)) positions per class. */
	static final int KEEP_POSITIONS = 10000;

	/** A patch: channels (each patch-sized) and labels, (z, y, x) order. */
	record Sample(float[][] images, byte[] labels, String caseName) {}

	private final List<PreparedCase> cases;
	private final int[] patch; // (z, y, x); z = 1 for 2D
	private final int dims;
	private final boolean augment;
	private final int[][][] foreground; // case -> class -> flat positions (empty when absent)

	PatchSampler(List<PreparedCase> cases, int[] patch, int classes, boolean augment) {
		if (cases.isEmpty()) throw new SegKitException("There are no cases to sample training patches from.");
		this.cases = List.copyOf(cases);
		this.dims = patch.length;
		this.patch = dims == 3 ? patch.clone() : new int[] {1, patch[0], patch[1]};
		this.augment = augment;
		foreground = new int[cases.size()][][];
		for (int i = 0; i < cases.size(); i++) foreground[i] = foregroundPositions(cases.get(i), classes);
	}

	/** Number of samples of a batch that are forced to contain foreground. */
	static int forcedPerBatch(int batchSize) {
		return batchSize - (int) Math.round(batchSize * (1 - FOREGROUND_SHARE));
	}

	/** Patch shape (z, y, x). */
	int[] patch3() {
		return patch.clone();
	}

	int channels() {
		return cases.get(0).channels().length;
	}

	/** One batch: samples 0 .. n-1, the last {@link #forcedPerBatch} forced to foreground. */
	List<Sample> batch(int n, SplittableRandom rng) {
		List<Sample> samples = new ArrayList<>(n);
		int free = n - forcedPerBatch(n);
		for (int b = 0; b < n; b++) samples.add(sample(rng, b >= free));
		return samples;
	}

	Sample sample(SplittableRandom rng, boolean forceForeground) {
		int c = rng.nextInt(cases.size());
		double[] centre = centre(c, forceForeground, rng);
		SpatialTransform t = augment ? SpatialTransform.draw(rng, dims) : SpatialTransform.identity();
		int voxels = patch[0] * patch[1] * patch[2];
		float[][] images = new float[channels()][voxels];
		byte[] labels = new byte[voxels];
		t.sample(cases.get(c), centre, patch, images, labels);
		if (augment) IntensityAugmentation.apply(images, patch, dims, rng);
		return new Sample(images, labels, cases.get(c).name());
	}

	/** The patch centre in source voxel coordinates (z, y, x). */
	double[] centre(int caseIndex, boolean forceForeground, SplittableRandom rng) {
		PreparedCase c = cases.get(caseIndex);
		int[] s = c.shape();
		int[] voxel = forceForeground ? foregroundVoxel(caseIndex, rng) : null;
		double[] centre = new double[3];
		for (int a = 0; a < 3; a++) {
			int need = Math.max(0, patch[a] - s[a]);
			int lb = -(need / 2);
			int ub = s[a] + need / 2 + need % 2 - patch[a];
			int lower = voxel == null ? lb + rng.nextInt(ub - lb + 1)
				: Math.min(ub, Math.max(lb, voxel[a] - patch[a] / 2));
			centre[a] = lower + (patch[a] - 1) / 2.0;
		}
		return centre;
	}

	/** A random voxel of a random class present in the case, or null when the case has no foreground. */
	private int[] foregroundVoxel(int caseIndex, SplittableRandom rng) {
		int[][] byClass = foreground[caseIndex];
		List<int[]> present = new ArrayList<>();
		for (int[] positions : byClass) if (positions.length > 0) present.add(positions);
		if (present.isEmpty()) return null;
		int[] positions = present.get(rng.nextInt(present.size()));
		int i = positions[rng.nextInt(positions.length)];
		int[] s = cases.get(caseIndex).shape();
		return new int[] {i / (s[1] * s[2]), (i / s[2]) % s[1], i % s[2]};
	}

	/** Per class 1..classes-1 the flat positions of its voxels, thinned evenly to the rule's count. */
	static int[][] foregroundPositions(PreparedCase c, int classes) {
		int[] counts = new int[classes];
		for (int i = 0; i < c.voxels(); i++) {
			int l = c.label(i);
			if (l > 0 && l < classes) counts[l]++;
		}
		int[][] positions = new int[classes][];
		int[] filled = new int[classes];
		int[] seen = new int[classes];
		for (int k = 0; k < classes; k++) {
			int keep = k == 0 ? 0 : Math.max(Math.min(KEEP_POSITIONS, counts[k]), (int) Math.ceil(0.01 * counts[k]));
			positions[k] = new int[keep];
		}
		for (int i = 0; i < c.voxels(); i++) {
			int l = c.label(i);
			if (l <= 0 || l >= classes) continue;
			// keep voxel number j when it starts a new 1/keep share of the class's voxels
			int j = seen[l]++;
			int[] p = positions[l];
			if (filled[l] < p.length && (long) filled[l] * counts[l] <= (long) j * p.length) p[filled[l]++] = i;
		}
		return positions;
	}

	/** Whether any case has a voxel of a foreground class. */
	boolean hasForeground() {
		for (int[][] byClass : foreground) {
			for (int[] positions : byClass) if (positions.length > 0) return true;
		}
		return false;
	}
}
