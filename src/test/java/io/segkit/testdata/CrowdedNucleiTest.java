package io.segkit.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.AutoThresholder;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.threshold.AutoThreshold;
import io.segkit.eval.SegmentationScores;
import io.segkit.image.Labels;
import io.segkit.image.Volume;
import io.segkit.testdata.SyntheticNuclei.Nucleus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CrowdedNucleiTest {

	private static final SyntheticImage PLANE = CrowdedDataset.plane(11).generate();
	private static final SyntheticImage VOLUME = CrowdedDataset.volume(12).generate();

	@Test
	void sameSeedGivesIdenticalImagesAndAnotherSeedOthers() {
		for (CrowdedNuclei.Builder b : new CrowdedNuclei.Builder[] { CrowdedDataset.plane(11), CrowdedDataset.volume(
			12) })
		{
			SyntheticImage again = b.generate(), first = b.build().is3D() ? VOLUME : PLANE;
			assertArrayEquals(first.pixels(), again.pixels());
			assertArrayEquals(first.labelData(), again.labelData());
			assertFalse(Arrays.equals(first.labelData(), b.seed(99).generate().labelData()));
		}
	}

	@Test
	void labelsAreOneToNEachOneConnectedPiece() {
		for (SyntheticImage image : both()) {
			int n = image.count();
			assertEquals(n, Arrays.stream(image.labelData()).max().getAsInt());
			int[] sizes = sizes(image);
			for (int label = 1; label <= n; label++) {
				assertTrue(sizes[label] > 0, "label " + label + " is empty");
				assertEquals(sizes[label], componentSize(image, label), "label " + label + " is in pieces");
			}
		}
	}

	@Test
	void denseClustersNearlyEveryNucleusTouchesAnother() {
		for (SyntheticImage image : both()) {
			assertTrue(image.count() >= 0.85 * image.params().count(), "placed only " + image.count());
			Set<Long> contacts = faceContacts(image);
			boolean[] touches = new boolean[image.count() + 1];
			for (long c : contacts) {
				touches[(int) (c >> 32)] = true;
				touches[(int) c] = true;
			}
			int touching = 0;
			for (int label = 1; label <= image.count(); label++) if (touches[label]) touching++;
			assertTrue(touching >= 0.8 * image.count(), touching + " of " + image.count() + " touch another");
			// a nucleus placed later may come between a pressed pair, rarely
			long apart = image.touchingPairs().stream().filter(pair -> !contacts.contains(key(pair[0], pair[1])))
				.count();
			assertTrue(apart <= 0.05 * image.touchingPairs().size(), apart + " of " + image.touchingPairs().size() +
				" pressed pairs do not share a face");
			// clusters, not chains: many nuclei touch two or more others
			int[] neighbours = new int[image.count() + 1];
			for (long c : contacts) {
				neighbours[(int) (c >> 32)]++;
				neighbours[(int) c]++;
			}
			assertTrue(Arrays.stream(neighbours).filter(k -> k >= 2).count() >= 0.5 * image.count());
		}
	}

	@Test
	void sizesAndElongationAreInRangeAndPressedNucleiKeepMostOfThemselves() {
		for (SyntheticImage image : both()) {
			CrowdedNuclei.Params p = (CrowdedNuclei.Params) image.params();
			int[] sizes = sizes(image);
			List<Double> aspects = new ArrayList<>();
			for (Nucleus n : image.nuclei()) {
				double[] r = n.radii();
				double mean = Math.sqrt(r[0] * r[1]), aspect = r[0] / r[1];
				assertTrue(mean >= p.minRadius() - 1e-9 && mean <= p.maxRadius() + 1e-9, "radius " + mean);
				assertTrue(aspect >= 1 && aspect <= p.maxAspect() + 1e-9, "aspect " + aspect);
				if (!inside(image, n)) continue;
				double ellipsoid = volumeInVoxels(image, n);
				assertTrue(sizes[n.label()] >= 0.9 * p.minKept() * ellipsoid, "nucleus " + n.label() + " keeps " +
					sizes[n.label()] + " of " + ellipsoid);
				assertTrue(sizes[n.label()] <= 1.15 * ellipsoid, "nucleus " + n.label() + " has " + sizes[n.label()] +
					" of " + ellipsoid);
				aspects.add(measuredAspect(image, n.label()));
			}
			assertTrue(aspects.size() >= 10, "only " + aspects.size() + " nuclei inside the image");
			aspects.sort(null);
			double median = aspects.get(aspects.size() / 2), largest = aspects.get(aspects.size() - 1);
			assertTrue(median > 1.15 && median < 1.7, "median elongation " + median);
			assertTrue(largest > 1.5 && largest < 2.6, "largest elongation " + largest);
		}
	}

	@Test
	void volumesAreAnisotropicAndCalibrated() {
		CrowdedNuclei.Params p = (CrowdedNuclei.Params) VOLUME.params();
		assertEquals(3.0, p.spacing().z() / p.spacing().x(), 1e-9);
		assertTrue(p.blurZ() > 2 * p.blur());
		for (ImagePlus imp : new ImagePlus[] { VOLUME.image("v"), VOLUME.labelImage("v") }) {
			assertEquals(p.depth(), imp.getNSlices());
			assertEquals(0.5, imp.getCalibration().pixelWidth, 1e-12);
			assertEquals(1.5, imp.getCalibration().pixelDepth, 1e-12);
			assertEquals("µm", imp.getCalibration().getUnit());
		}
		assertEquals(16, VOLUME.image("v").getBitDepth());
		// nuclei are round in µm, so about three times shorter along z than along x in voxels
		double ratio = 0;
		int n = 0;
		for (Nucleus nucleus : VOLUME.nuclei()) {
			if (!inside(VOLUME, nucleus)) continue;
			int[] extent = extent(VOLUME, nucleus.label());
			ratio += (double) extent[2] / (0.5 * (extent[0] + extent[1]));
			n++;
		}
		assertTrue(n >= 5, "only " + n + " nuclei inside the volume");
		assertEquals(1 / 3.0, ratio / n, 0.08);
	}

	@Test
	void nucleiDifferInIntensityAndCarryTexture() {
		SyntheticImage clean = CrowdedDataset.plane(11).noise(0, 0).blur(0, 0).dome(0).bitDepth(32).generate();
		assertArrayEquals(PLANE.labelData(), clean.labelData(), "render settings must not move the nuclei");
		int n = clean.count();
		double[] sum = new double[n + 1], sum2 = new double[n + 1];
		int[] count = new int[n + 1];
		for (int i = 0; i < clean.labelData().length; i++) {
			int l = clean.labelData()[i];
			if (l == 0) continue;
			double v = clean.pixels()[i];
			sum[l] += v;
			sum2[l] += v * v;
			count[l]++;
		}
		double dimmest = Double.MAX_VALUE, brightest = 0, relativeStd = 0;
		for (int l = 1; l <= n; l++) {
			double mean = sum[l] / count[l];
			dimmest = Math.min(dimmest, mean);
			brightest = Math.max(brightest, mean);
			double intensity = clean.nuclei().get(l - 1).intensity();
			relativeStd += Math.sqrt(Math.max(0, sum2[l] / count[l] - mean * mean)) / intensity;
		}
		assertTrue(brightest > 2.5 * dimmest, dimmest + " to " + brightest);
		assertEquals(0.25, relativeStd / n, 0.08, "chromatin texture");
	}

	@Test
	void theBackgroundIsUneven() {
		SyntheticImage empty = CrowdedDataset.plane(11).count(0).noise(0, 0).bitDepth(32).generate();
		float[] v = empty.pixels();
		double min = Double.MAX_VALUE, max = 0;
		for (float x : v) {
			min = Math.min(min, x);
			max = Math.max(max, x);
		}
		CrowdedNuclei.Params p = (CrowdedNuclei.Params) empty.params();
		assertTrue(max - min > 0.5 * p.unevenness(), "background from " + min + " to " + max);
		// low frequency: neighbouring pixels differ by far less than the whole range
		double step = 0;
		for (int i = 1; i < 256; i++) step = Math.max(step, Math.abs(v[i] - v[i - 1]));
		assertTrue(step < (max - min) / 50, "step " + step);
	}

	@Test
	void otsuAndConnectedComponentsMergeMostNuclei() {
		for (SyntheticImage image : both()) {
			Volume volume = Volume.of(image.image("crowded"), 1, 1);
			byte[] mask = AutoThreshold.apply(volume, AutoThresholder.Method.Otsu, true, true, Progress.NONE).mask();
			Labels components = ConnectedComponents.label(Volume.ofBytes(mask, volume.width(), volume.height(), volume
				.depth(), volume.spacing()), image.params().is3D() ? Connectivity.C26 : Connectivity.C8, Progress.NONE);
			assertTrue(components.count() < 0.6 * image.count(), components.count() + " components for " + image
				.count() + " nuclei");
			double f1 = SegmentationScores.compare(components, image.labels()).f1();
			assertTrue(f1 < 0.3, "Otsu + connected components F1 " + f1);
		}
	}

	@Test
	void badParametersAreRefused() {
		assertThrows(SegKitException.class, () -> CrowdedNuclei.builder().press(0.9, 1.1).build());
		assertThrows(SegKitException.class, () -> CrowdedNuclei.builder().clusters(0).build());
		assertThrows(SegKitException.class, () -> CrowdedNuclei.builder().dome(2).build());
		SegKitException e = assertThrows(SegKitException.class, () -> CrowdedNuclei.builder().radius(5, 2).build());
		assertTrue(e.getMessage().contains("radius"), e.getMessage());
	}

	// --- helpers ---

	private static List<SyntheticImage> both() {
		return List.of(PLANE, VOLUME);
	}

	private static int[] sizes(SyntheticImage image) {
		int[] sizes = new int[image.count() + 1];
		for (int l : image.labelData()) sizes[l]++;
		return sizes;
	}

	/** Whether the whole ellipsoid lies in the image, one voxel clear of the border. */
	private static boolean inside(SyntheticImage image, Nucleus n) {
		double[] centre = { n.x(), n.y(), n.z() };
		double[] spacing = { image.params().spacing().x(), image.params().spacing().y(), image.params().spacing()
			.z() };
		int[] size = { image.params().width(), image.params().height(), image.params().depth() };
		double reach = Arrays.stream(n.radii()).max().getAsDouble();
		for (int j = 0; j < (image.params().is3D() ? 3 : 2); j++) {
			if (centre[j] - reach < spacing[j] || centre[j] + reach > (size[j] - 2) * spacing[j]) return false;
		}
		return true;
	}

	private static double volumeInVoxels(SyntheticImage image, Nucleus n) {
		var s = image.params().spacing();
		double[] r = n.radii();
		return image.params().is3D() ? 4 / 3.0 * Math.PI * r[0] * r[1] * r[2] / (s.x() * s.y() * s.z()) : Math.PI *
			r[0] * r[1] / (s.x() * s.y());
	}

	/** Longest over shortest axis of the label's in-plane second moments (calibrated). */
	private static double measuredAspect(SyntheticImage image, int label) {
		int w = image.params().width(), h = image.params().height();
		var s = image.params().spacing();
		double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
		int[] labels = image.labelData();
		int z = (int) Math.round(image.nuclei().get(label - 1).z() / s.z());
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			if (labels[(z * h + y) * w + x] != label) continue;
			double px = x * s.x(), py = y * s.y();
			n++;
			sx += px;
			sy += py;
			sxx += px * px;
			syy += py * py;
			sxy += px * py;
		}
		double mx = sx / n, my = sy / n, cxx = sxx / n - mx * mx, cyy = syy / n - my * my, cxy = sxy / n - mx * my;
		double mid = (cxx + cyy) / 2, root = Math.sqrt(Math.max(0, (cxx - cyy) * (cxx - cyy) / 4 + cxy * cxy));
		return Math.sqrt((mid + root) / Math.max(mid - root, 1e-12));
	}

	/** Voxel extent of a label along x, y, z. */
	private static int[] extent(SyntheticImage image, int label) {
		int w = image.params().width(), h = image.params().height(), d = image.params().depth();
		int[] lo = { Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE }, hi = new int[3];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			if (image.labelData()[(z * h + y) * w + x] != label) continue;
			int[] p = { x, y, z };
			for (int j = 0; j < 3; j++) {
				lo[j] = Math.min(lo[j], p[j]);
				hi[j] = Math.max(hi[j], p[j]);
			}
		}
		return new int[] { hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1 };
	}

	/** Voxels of the face-connected component of {@code label} that holds its first voxel. */
	private static int componentSize(SyntheticImage image, int label) {
		int w = image.params().width(), h = image.params().height(), d = image.params().depth();
		int[] labels = image.labelData();
		int start = -1;
		for (int i = 0; i < labels.length && start < 0; i++) if (labels[i] == label) start = i;
		boolean[] seen = new boolean[labels.length];
		int[] queue = new int[labels.length];
		int head = 0, tail = 0;
		queue[tail++] = start;
		seen[start] = true;
		while (head < tail) {
			int i = queue[head++];
			int x = i % w, y = (i / w) % h, z = i / (w * h);
			for (int[] f : new int[][] { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0,
				-1 } })
			{
				int qx = x + f[0], qy = y + f[1], qz = z + f[2];
				if (qx < 0 || qy < 0 || qz < 0 || qx >= w || qy >= h || qz >= d) continue;
				int q = (qz * h + qy) * w + qx;
				if (!seen[q] && labels[q] == label) {
					seen[q] = true;
					queue[tail++] = q;
				}
			}
		}
		return tail;
	}

	/** Pairs of different labels that share a face (4-neighbours in 2D, 6 in 3D). */
	private static Set<Long> faceContacts(SyntheticImage image) {
		int w = image.params().width(), h = image.params().height(), d = image.params().depth();
		int[] labels = image.labelData();
		Set<Long> pairs = new HashSet<>();
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int a = labels[(z * h + y) * w + x];
			if (a == 0) continue;
			if (x + 1 < w) add(pairs, a, labels[(z * h + y) * w + x + 1]);
			if (y + 1 < h) add(pairs, a, labels[(z * h + y + 1) * w + x]);
			if (z + 1 < d) add(pairs, a, labels[((z + 1) * h + y) * w + x]);
		}
		return pairs;
	}

	private static void add(Set<Long> pairs, int a, int b) {
		if (b != 0 && b != a) pairs.add(key(a, b));
	}

	private static long key(int a, int b) {
		return ((long) Math.min(a, b) << 32) | Math.max(a, b);
	}
}
