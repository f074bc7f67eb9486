package io.segkit.train;

import io.segkit.Progress;
import io.segkit.classic.distance.DistanceTransform;
import io.segkit.dataset.ObjectBoundaries;
import io.segkit.image.Spacing;
import io.segkit.model.ModelSpec;

/**
 * The targets of an instance model's distance head ({@link io.segkit.model.InstanceDecoding#hasDistanceHead}),
 * made from each training patch's border-core classes after augmentation: every interior voxel's calibrated
 * distance to the nearest voxel that is not interior (a boundary, the background; the patch border is not one, the
 * object goes on beyond it), divided by the typical object radius; 0 on boundaries and background. Touching objects
 * are parted by their boundaries, so each has its own peak. Voxels that are not annotated, and patches without any
 * non-interior voxel (nothing to measure from), get {@link #UNKNOWN} and count in no loss.
 */
final class DistanceTargets {

	/** A voxel whose distance is not known (not annotated, or no edge in the patch). */
	static final float UNKNOWN = -1;

	private final Spacing spacing;
	private final double scale;

	/** For a model with a distance head: its voxel size and its distance scale. */
	DistanceTargets(ModelSpec spec) {
		double[] s = spec.spacing();
		spacing = spec.dims() == 3 ? new Spacing(s[2], s[1], s[0], spec.unit()) : new Spacing(s[1], s[0], 1, spec
			.unit());
		scale = spec.instances().distanceScale();
	}

	/** The targets of {@code n} patches of border-core classes (n, z, y, x) of size {@code patch3} (z, y, x). */
	float[] of(byte[] classes, int n, int[] patch3) {
		int voxels = patch3[0] * patch3[1] * patch3[2];
		float[] out = new float[classes.length];
		for (int b = 0; b < n; b++) {
			byte[] interior = new byte[voxels];
			boolean edge = false;
			for (int i = 0; i < voxels; i++) {
				if (classes[b * voxels + i] == ObjectBoundaries.INTERIOR) interior[i] = 1;
				else edge = true;
			}
			float[] distance = edge ? DistanceTransform.compute(interior, patch3[2], patch3[1], patch3[0], spacing,
				Progress.NONE) : null;
			for (int i = 0; i < voxels; i++) {
				int label = classes[b * voxels + i];
				boolean known = distance != null && label >= 0 && label <= ObjectBoundaries.BOUNDARY;
				out[b * voxels + i] = known ? (float) (distance[i] / scale) : UNKNOWN;
			}
		}
		return out;
	}
}
