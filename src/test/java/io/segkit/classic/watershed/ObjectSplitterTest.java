package io.segkit.classic.watershed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.classic.watershed.Watershed.Landscape;
import io.segkit.classic.watershed.Watershed.Options;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The object-at-a-time distance watershed gives exactly the whole-volume one's labels. */
class ObjectSplitterTest {

	@Test
	void sameLabelsAsTheWholeVolumeRunOnRandomBlobs() {
		Random random = new Random(7);
		Spacing anisotropic = new Spacing(0.5, 0.5, 2.0, "um");
		for (int trial = 0; trial < 12; trial++) {
			int w = 30 + random.nextInt(20), h = 25 + random.nextInt(20), d = trial % 3 == 0 ? 1 : 6 + random
				.nextInt(8);
			byte[] mask = blobs(random, w, h, d, 6 + random.nextInt(10));
			Spacing spacing = trial % 2 == 0 ? Spacing.UNIT : anisotropic;
			for (Connectivity c : d == 1 ? new Connectivity[] { Connectivity.C4, Connectivity.C8 }
				: new Connectivity[] { Connectivity.C6, Connectivity.C26 }) {
				for (boolean lines : new boolean[] { false, true }) {
					double dynamic = trial % 4 == 0 ? 0 : 0.75;
					assertSame(Volume.ofBytes(mask, w, h, d, spacing), dynamic, lines, c, "trial " + trial + " " +
						c + " lines " + lines);
				}
			}
		}
	}

	@Test
	void objectsTouchingTheImageBorderAndEachOtherDiagonally() {
		int w = 12, h = 9, d = 4;
		byte[] mask = new byte[w * h * d];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			boolean left = x < 5 && y < 6, right = x >= 6 && y >= 6 || x >= 7 && z >= 2;
			if (left || right) mask[(z * h + y) * w + x] = 1;
		}
		assertSame(Volume.ofBytes(mask, w, h, d, Spacing.UNIT), 0, false, Connectivity.C6, "borders");
		assertSame(Volume.ofBytes(mask, w, h, d, Spacing.UNIT), 0, true, Connectivity.C26, "borders, lines");
	}

	@Test
	void labelsPast65535BecomeA32BitStack() {
		int w = 400, h = 400; // isolated single voxels on a grid of 3, every other plane: 4 x 17,956 objects
		int d = 8;
		byte[] mask = new byte[w * h * d];
		for (int z = 0; z < d; z += 2) for (int y = 0; y < h - 1; y += 3) for (int x = 0; x < w - 1; x += 3)
			mask[(z * h + y) * w + x] = 1;
		Volume binary = Volume.ofBytes(mask, w, h, d, Spacing.UNIT);
		assertEquals(32, new ij.ImagePlus("", Watershed.splitObjectsToStack(binary, 0, false, Connectivity.C6,
			Progress.NONE)).getBitDepth());
		assertSame(binary, 0, false, Connectivity.C6, "many labels");
	}

	private static void assertSame(Volume binary, double dynamic, boolean lines, Connectivity c, String what) {
		Labels whole = Watershed.segment(binary, null, null, new Options(Landscape.DISTANCE, dynamic, 0, lines, c),
			Progress.NONE);
		Labels split = Watershed.splitObjects(binary, dynamic, lines, c, Progress.NONE);
		assertArrayEquals(whole.data(), split.data(), what);
		assertEquals(whole.count(), split.count(), what);
	}

	/** Overlapping ellipsoids (so touching pairs), some cut by the image border. */
	private static byte[] blobs(Random random, int w, int h, int d, int count) {
		byte[] mask = new byte[w * h * d];
		for (int k = 0; k < count; k++) {
			double cx = random.nextDouble() * w, cy = random.nextDouble() * h, cz = random.nextDouble() * d;
			double r = 2 + random.nextDouble() * 5, rz = d == 1 ? 1 : Math.max(1, r / 3);
			for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
				double dx = (x - cx) / r, dy = (y - cy) / r, dz = d == 1 ? 0 : (z - cz) / rz;
				if (dx * dx + dy * dy + dz * dz <= 1) mask[(z * h + y) * w + x] = (byte) 255;
			}
		}
		return mask;
	}
}
