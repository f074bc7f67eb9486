package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.dataset.ObjectBoundaries;
import io.segkit.model.ChannelNormalization;
import io.segkit.model.InstanceDecoding;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;

/** The distance head's targets: calibrated distance of each interior voxel to the nearest non-interior one. */
class DistanceTargetsTest {

	private static final float TOLERANCE = 1e-5f;

	/** A 2D (dims 2) or 3D instance model with a distance head of scale 2, voxel size {@code spacing} (z, y, x). */
	private static ModelSpec spec(int dims, double... spacing) {
		int[] k = dims == 2 ? new int[] {3, 3} : new int[] {3, 3, 3};
		int[] one = dims == 2 ? new int[] {1, 1} : new int[] {1, 1, 1};
		NetworkConfig net = new NetworkConfig(Architecture.PLAIN_UNET, dims, 1, 4, new int[] {4, 4}, new int[][] {k, k},
			new int[][] {one, one}, false);
		return new ModelSpec("t", net, List.of("c"), List.of("background", "object", "object boundary"), dims == 2
			? new int[] {8, 8} : new int[] {4, 8, 8}, spacing, "µm", List.of(ChannelNormalization.zScore()), null, "",
			new InstanceDecoding(1, 0.5, 0.1, 0, false, 2));
	}

	/**
	 * Two touching objects in two rows of 10 (x 0-4 and 5-9, boundary columns 4 and 5): each interior's distance
	 * counts from its own boundary, the patch border is no edge, boundaries are 0, and a not-annotated voxel (255)
	 * is unknown and, since nothing says the object goes on there, an edge for its neighbours.
	 */
	@Test
	void eachInteriorMeasuresFromItsOwnBoundaryInUnitsOfTheScale() {
		int w = 10, h = 2;
		byte[] classes = new byte[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) classes[y * w + x] = (byte) (x == 4 || x == 5 ? ObjectBoundaries.BOUNDARY
				: ObjectBoundaries.INTERIOR);
		}
		classes[w + 9] = (byte) 255;
		float[] d = new DistanceTargets(spec(2, 1, 0.5)).of(classes, 1, new int[] {1, h, w});
		// x spacing 0.5: x = 0 is 4 columns (2 µm) from the boundary at x = 4, divided by the scale 2
		assertEquals(1.0f, d[0], TOLERANCE);
		assertEquals(0.25f, d[3], TOLERANCE);
		assertEquals(0f, d[4], TOLERANCE);
		assertEquals(0.25f, d[6], TOLERANCE);
		assertEquals(0.5f, d[9], TOLERANCE, "1 µm (y) from the not-annotated voxel below, nearer than the boundary");
		assertEquals(DistanceTargets.UNKNOWN, d[w + 9], TOLERANCE);
		assertEquals(0.25f, d[w + 8], TOLERANCE);
	}

	@Test
	void aPatchInsideOneObjectHasNoKnownDistanceAndSamplesAreIndependent() {
		int voxels = 4 * 8 * 8;
		byte[] classes = new byte[2 * voxels];
		java.util.Arrays.fill(classes, 0, voxels, (byte) ObjectBoundaries.INTERIOR); // sample 0: all interior
		java.util.Arrays.fill(classes, voxels, 2 * voxels, (byte) ObjectBoundaries.INTERIOR);
		classes[voxels] = ObjectBoundaries.BACKGROUND; // sample 1: one background voxel at (0, 0, 0)
		float[] d = new DistanceTargets(spec(3, 3, 1, 1)).of(classes, 2, new int[] {4, 8, 8});
		for (int i = 0; i < voxels; i++) assertEquals(DistanceTargets.UNKNOWN, d[i], TOLERANCE);
		// sample 1, voxel (z 1, y 0, x 0): 3 µm along z from the background voxel, scale 2
		assertEquals(1.5f, d[voxels + 64], TOLERANCE);
		assertEquals((float) (Math.sqrt(1 + 4) / 2), d[voxels + 1 * 8 + 2], TOLERANCE, "(y 1, x 2) in the first plane");
	}
}
