package io.segkit.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.Calibration;

import io.segkit.SegKitException;
import io.segkit.testdata.SyntheticNuclei.Nucleus;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SyntheticNucleiTest {

	private static SyntheticNuclei.Builder small2D() {
		return SyntheticNuclei.builder().size(128, 128).spacing(0.5, 0.5, 1, "µm").radius(3, 5).count(15)
			.touchingFraction(0.4).seed(7);
	}

	private static SyntheticNuclei.Builder small3D() {
		return SyntheticNuclei.builder().size(96, 96, 32).spacing(0.5, 0.5, 2.0, "µm").radius(3, 5).count(20)
			.touchingFraction(0.4).noise(0.02, 1000).seed(11);
	}

	@Test
	void sameSeedGivesIdenticalImages() {
		for (SyntheticNuclei.Builder b : new SyntheticNuclei.Builder[] { small2D(), small3D().nucleoli(true) }) {
			SyntheticImage a = b.generate(), c = b.generate();
			assertArrayEquals(a.pixels(), c.pixels());
			assertArrayEquals(a.labelData(), c.labelData());
			assertArrayEquals(a.classes(), c.classes());
		}
		SyntheticImage other = small2D().seed(8).generate();
		assertFalse(Arrays.equals(small2D().generate().labelData(), other.labelData()));
	}

	@Test
	void nucleoliAndBackgroundDoNotMoveTheNuclei() {
		SyntheticImage plain = small3D().generate();
		SyntheticImage decorated = small3D().nucleoli(true).background(0.2, 0.3).noise(0.05, 100).generate();
		assertArrayEquals(plain.labelData(), decorated.labelData());
	}

	@Test
	void everyRequestedNucleusThatFitsGetsOneConnectedLabel() {
		for (SyntheticImage image : new SyntheticImage[] { small2D().generate(), small3D().generate() }) {
			assertEquals(image.params().count(), image.count());
			assertEquals(image.count(), image.labels().count());
			int[] sizes = sizes(image);
			for (int label = 1; label <= image.count(); label++) {
				assertTrue(sizes[label] > 0, "label " + label + " is empty");
				assertEquals(sizes[label], componentSize(image, label), "label " + label + " is in pieces");
			}
		}
	}

	@Test
	void anOvercrowdedRequestPlacesOnlyWhatFits() {
		SyntheticImage image = SyntheticNuclei.builder().size(64, 64).radius(6, 8).count(200).seed(3).generate();
		assertTrue(image.count() > 5 && image.count() < 200, "placed " + image.count());
		int max = Arrays.stream(image.labelData()).max().getAsInt();
		assertEquals(image.count(), max);
		assertEquals(image.count(), image.nuclei().get(image.count() - 1).label());
	}

	@Test
	void someNucleiAreCutByTheBorder() {
		SyntheticImage image = small2D().generate();
		int w = 128, h = 128;
		Set<Integer> atBorder = new HashSet<>();
		for (int i = 0; i < w; i++) {
			atBorder.add(image.labelData()[i]);
			atBorder.add(image.labelData()[(h - 1) * w + i]);
			atBorder.add(image.labelData()[i * w]);
			atBorder.add(image.labelData()[i * w + w - 1]);
		}
		atBorder.remove(0);
		assertFalse(atBorder.isEmpty());
	}

	@Test
	void imagesCarryTheCalibrationAndBitDepth() {
		for (int bits : new int[] { 8, 16, 32 }) {
			SyntheticImage image = small3D().bitDepth(bits).generate();
			ImagePlus imp = image.image("nuclei");
			assertEquals(bits, imp.getBitDepth());
			assertEquals(32, imp.getNSlices());
			for (ImagePlus out : new ImagePlus[] { imp, image.labelImage("labels"), image.maskImage("mask"),
				image.classImage("classes") })
			{
				Calibration cal = out.getCalibration();
				assertEquals(0.5, cal.pixelWidth, 1e-12);
				assertEquals(0.5, cal.pixelHeight, 1e-12);
				assertEquals(2.0, cal.pixelDepth, 1e-12);
				assertEquals("µm", cal.getUnit());
			}
			assertEquals(16, image.labelImage("labels").getBitDepth());
			assertEquals(255, new ij.process.StackStatistics(image.maskImage("mask")).max, 0);
		}
		float[] pixels = small2D().bitDepth(8).noise(0.3, 0).generate().pixels();
		assertEquals(128 * 128, pixels.length);
		for (float v : pixels) assertTrue(v >= 0 && v <= 255 && v == Math.rint(v));
	}

	@Test
	void touchingPairsShareAFaceAndOthersKeepTheirGap() {
		for (SyntheticImage image : new SyntheticImage[] { small2D().generate(), small3D().generate() }) {
			assertTrue(image.touchingPairs().size() >= 3, "too few touching pairs: " + image.touchingPairs().size());
			Set<Long> faceContacts = contacts(image, false);
			for (int[] pair : image.touchingPairs()) {
				assertTrue(faceContacts.contains(key(pair[0], pair[1])), "pair " + Arrays.toString(pair) +
					" does not touch");
			}
			Set<Long> allowed = new HashSet<>();
			for (int[] pair : image.touchingPairs()) allowed.add(key(pair[0], pair[1]));
			for (long contact : contacts(image, true)) assertTrue(allowed.contains(contact),
				"labels " + (contact >> 32) + " and " + (int) contact + " touch but were not placed touching");
		}
	}

	@Test
	void nucleiArePhysicallyRoundSoFlatInVoxelsAlongZ() {
		SyntheticImage image = SyntheticNuclei.builder().size(96, 96, 40).spacing(0.5, 0.5, 2.0, "µm")
			.radius(3, 5).maxAspect(1).touchingFraction(0).count(20).seed(5).generate();
		int w = 96, h = 96, d = 40;
		int n = image.count();
		int[] minX = new int[n + 1], maxX = new int[n + 1], minZ = new int[n + 1], maxZ = new int[n + 1];
		boolean[] border = new boolean[n + 1];
		Arrays.fill(minX, Integer.MAX_VALUE);
		Arrays.fill(minZ, Integer.MAX_VALUE);
		int[] labels = image.labelData();
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int l = labels[(z * h + y) * w + x];
			if (l == 0) continue;
			minX[l] = Math.min(minX[l], x);
			maxX[l] = Math.max(maxX[l], x);
			minZ[l] = Math.min(minZ[l], z);
			maxZ[l] = Math.max(maxZ[l], z);
			if (x == 0 || y == 0 || z == 0 || x == w - 1 || y == h - 1 || z == d - 1) border[l] = true;
		}
		int checked = 0;
		double ratioSum = 0;
		for (int l = 1; l <= n; l++) {
			if (border[l]) continue;
			double extentX = maxX[l] - minX[l] + 1, extentZ = maxZ[l] - minZ[l] + 1;
			// Sampling a sphere of radius r gives 2r/s voxels along an axis, give or take one.
			assertEquals(extentX * 0.5 / 2.0, extentZ, 1.25, "label " + l);
			double diameter = 2 * image.nuclei().get(l - 1).radii()[0];
			assertEquals(diameter / 2.0, extentZ, 1.0, "label " + l);
			ratioSum += extentZ / extentX;
			checked++;
		}
		assertTrue(checked >= 8, "only " + checked + " nuclei away from the border");
		assertEquals(0.25, ratioSum / checked, 0.05);
	}

	@Test
	void gaussianNoiseSetsTheStandardDeviation() {
		double std1 = backgroundStd(0.02, 0), std2 = backgroundStd(0.04, 0);
		assertEquals(0.02, std1, 0.02 * 0.03);
		assertEquals(2.0, std2 / std1, 0.06);
		assertEquals(0, backgroundStd(0, 0), 1e-6);
	}

	@Test
	void shotNoiseGrowsWithTheSignal() {
		// Background 0.2 with 1000 photons at full scale: 200 photons, std sqrt(200)/1000 of full scale.
		assertEquals(Math.sqrt(200) / 1000, backgroundStd(0, 1000), Math.sqrt(200) / 1000 * 0.03);
	}

	@Test
	void sixteenBitNoiseIsInGreyValuesOfTheFullScale() {
		SyntheticImage image = SyntheticNuclei.builder().size(200, 200).count(0).background(0.2, 0)
			.noise(0.02, 0).bitDepth(16).generate();
		double[] ms = meanStd(image.pixels());
		assertEquals(0.2 * 4095, ms[0], 1.0);
		assertEquals(0.02 * 4095, ms[1], 0.02 * 4095 * 0.03);
	}

	@Test
	void nucleoliAreDimmerClass2InsideNuclei() {
		SyntheticImage image = small2D().nucleoli(true).noise(0, 0).blur(0, 0).bitDepth(32).generate();
		int nucleolus = 0;
		for (int i = 0; i < image.classes().length; i++) {
			if (image.classes()[i] != SyntheticNuclei.NUCLEOLUS) continue;
			nucleolus++;
			int label = image.labelData()[i];
			assertTrue(label > 0);
			Nucleus n = image.nuclei().get(label - 1);
			assertEquals(0.1 + 0.6 * n.intensity(), image.pixels()[i], 1e-5);
		}
		assertTrue(nucleolus > 0);
		for (int i = 0; i < image.classes().length; i++) {
			assertEquals(image.labelData()[i] > 0, image.classes()[i] != SyntheticNuclei.BACKGROUND);
		}
	}

	@Test
	void badParametersAreRefusedWithAClearMessage() {
		SegKitException e = assertThrows(SegKitException.class, () -> SyntheticNuclei.builder().radius(5, 2)
			.build());
		assertTrue(e.getMessage().contains("radius"), e.getMessage());
		assertThrows(SegKitException.class, () -> SyntheticNuclei.builder().bitDepth(12).build());
		assertThrows(SegKitException.class, () -> SyntheticNuclei.builder().touchingFraction(1.5).build());
	}

	// --- helpers ---

	private static double backgroundStd(double noise, double photons) {
		SyntheticImage image = SyntheticNuclei.builder().size(200, 200).count(0).background(0.2, 0)
			.noise(noise, photons).bitDepth(32).generate();
		return meanStd(image.pixels())[1];
	}

	private static double[] meanStd(float[] values) {
		double sum = 0, sum2 = 0;
		for (float v : values) {
			sum += v;
			sum2 += (double) v * v;
		}
		double mean = sum / values.length;
		return new double[] { mean, Math.sqrt(Math.max(0, sum2 / values.length - mean * mean)) };
	}

	private static int[] sizes(SyntheticImage image) {
		int[] sizes = new int[image.count() + 1];
		for (int l : image.labelData()) sizes[l]++;
		return sizes;
	}

	/** Voxels of the 6-connected (4 in 2D) component of {@code label} that holds its first voxel. */
	private static int componentSize(SyntheticImage image, int label) {
		int w = image.params().width(), h = image.params().height(), d = image.params().depth();
		int[] labels = image.labelData();
		int start = -1;
		for (int i = 0; i < labels.length && start < 0; i++) if (labels[i] == label) start = i;
		boolean[] seen = new boolean[labels.length];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		queue.add(start);
		seen[start] = true;
		int count = 0;
		while (!queue.isEmpty()) {
			int i = queue.poll();
			count++;
			int x = i % w, y = (i / w) % h, z = i / (w * h);
			int[][] faces = { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 } };
			for (int[] f : faces) {
				int qx = x + f[0], qy = y + f[1], qz = z + f[2];
				if (qx < 0 || qy < 0 || qz < 0 || qx >= w || qy >= h || qz >= d) continue;
				int q = (qz * h + qy) * w + qx;
				if (!seen[q] && labels[q] == label) {
					seen[q] = true;
					queue.add(q);
				}
			}
		}
		return count;
	}

	/** Pairs of different labels that are neighbours (faces only, or all 26 / 8 neighbours). */
	private static Set<Long> contacts(SyntheticImage image, boolean full) {
		int w = image.params().width(), h = image.params().height(), d = image.params().depth();
		int[] labels = image.labelData();
		Set<Long> pairs = new HashSet<>();
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int a = labels[(z * h + y) * w + x];
			if (a == 0) continue;
			for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
				if (!full && Math.abs(dx) + Math.abs(dy) + Math.abs(dz) != 1) continue;
				int qx = x + dx, qy = y + dy, qz = z + dz;
				if (qx < 0 || qy < 0 || qz < 0 || qx >= w || qy >= h || qz >= d) continue;
				int b = labels[(qz * h + qy) * w + qx];
				if (b != 0 && b != a) pairs.add(key(a, b));
			}
		}
		return pairs;
	}

	private static long key(int a, int b) {
		return ((long) Math.min(a, b) << 32) | Math.max(a, b);
	}
}
