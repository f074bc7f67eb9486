package io.segkit.bench;

import ij.IJ;
import ij.ImagePlus;
import ij.process.AutoThresholder;

import io.segkit.Progress;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.cluster.KMeans;
import io.segkit.classic.distance.DistanceTransform;
import io.segkit.classic.labels.LabelMeasurements;
import io.segkit.classic.morphology.Extrema;
import io.segkit.classic.morphology.Gradient;
import io.segkit.classic.regiongrow.RegionGrowing;
import io.segkit.classic.threshold.AutoThreshold;
import io.segkit.classic.threshold.LocalThreshold;
import io.segkit.classic.watershed.Seeds;
import io.segkit.classic.watershed.Watershed;
import io.segkit.image.Labels;
import io.segkit.image.Volume;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The classic tools' benchmark entry point: times each operation on a 16-bit TIFF volume (one
 * warm-up, then the median of 3 runs) and prints {@code op=... seconds=... voxels_per_s=...
 * extra_mb=...}, the same operations and line format as bench/skimage_reference.py, so the two run
 * side by side (bench/run.sh). extra_mb is the peak heap growth during one run beyond what was
 * in use before it, compared with the input's own size.
 */
public final class ClassicBenchmark {

	private final Volume volume;
	private final int w, h, d;
	private final long voxels;
	/** Set by {@link #grown}: printed on the next op line, then cleared. */
	private long lastGrown = -1;

	private ClassicBenchmark(Volume volume) {
		this.volume = volume;
		w = volume.width();
		h = volume.height();
		d = volume.depth();
		voxels = volume.size();
	}

	public static void main(String[] args) {
		if (args.length < 1) {
			System.err.println("Usage: ClassicBenchmark volume.tif");
			System.exit(2);
		}
		ImagePlus image = IJ.openImage(args[0]);
		if (image == null) throw new IllegalArgumentException("Cannot open " + args[0]);
		System.out.printf("# SegKit %s on %s: %dx%dx%d, %d-bit, spacing %s, %d cores, max heap %d MB%n",
			"classic", image.getTitle(), image.getWidth(), image.getHeight(), image.getNSlices(), image.getBitDepth(),
			Volume.of(image).spacing(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
		new ClassicBenchmark(Volume.of(image)).runAll();
	}

	private void runAll() {
		Progress none = Progress.NONE;
		Connectivity c26 = Connectivity.C26;
		AutoThreshold.Result otsu = time("otsu_threshold_mask", () -> AutoThreshold.apply(volume,
			AutoThresholder.Method.Otsu, true, true, none));
		byte[] mask = otsu.mask();
		time("label_cc_full", () -> ConnectedComponents.label(mask, w, h, d, volume.spacing(), c26, none));
		float[] edt = time("edt_sampling", () -> DistanceTransform.compute(mask, w, h, d, volume.spacing(), none));
		int[] markers = time("hmaxima_markers_on_edt", () -> Seeds.fromMask(Extrema.hMaxima(edt, 1.0, false, w, h,
			d, mask, c26, none), w, h, d, c26, none));
		float[] invertedEdt = new float[edt.length];
		for (int i = 0; i < edt.length; i++) invertedEdt[i] = -edt[i];
		int[] nuclei = time("watershed_edt_masked", () -> Watershed.flood(invertedEdt, w, h, d, markers, mask,
			false, c26, none));
		int[] withBackground = markersWithBackground(markers, edt, mask);
		time("sobel_watershed_full", () -> Watershed.flood(Gradient.magnitude(volume, 0, none), w, h, d,
			withBackground, null, false, c26, none));
		// Region Growing compared with the seed value is skimage's flood: the same seeds and tolerances
		// (FloodCases) flood the same voxels (grown=... matches skimage_reference.py's nucleus_flood and
		// background_flood).
		// The seed images are made outside the timings (skimage's flood takes a point); they are not modified.
		FloodCases cases = FloodCases.of(volume);
		System.out.println("# " + cases.describe(volume));
		int[] nucleusSeed = singleSeed(cases.nucleusSeed), backgroundSeed = singleSeed(cases.backgroundSeed);
		time("flood_nucleus", () -> grown(RegionGrowing.flood(volume, nucleusSeed, null, cases.nucleusTolerance, c26,
			none)));
		time("flood_background", () -> grown(RegionGrowing.flood(volume, backgroundSeed, null,
			cases.backgroundTolerance, c26, none)));
		// Region Growing compared with the region's mean (the default), on the cases it was measured on before:
		// half the seed's margin above the threshold keeps the mean inside the nucleus.
		int deepest = argMax(edt), background = firstZero(mask);
		int[] deepestSeed = singleSeed(deepest), firstBackgroundSeed = singleSeed(background);
		time("region_grow_adaptive_nucleus", () -> grown(RegionGrowing.grow(volume, deepestSeed, null, (volume.get(
			deepest) - otsu.lower()[0]) / 2, c26, none)));
		time("region_grow_adaptive_background", () -> grown(RegionGrowing.grow(volume, firstBackgroundSeed, null,
			otsu.lower()[0] - volume.get(background), c26, none)));
		time("kmeans3_lloyd20", () -> KMeans.cluster(List.of(volume), null, KMeans.Settings.of(3).withMaxIterations(
			20), none));
		// skimage's block_size 15 is a 15-voxel cube; radius 7 voxels along x (calibrated) is the same in x/y
		double radius = 7 * volume.spacing().x();
		time("threshold_local_mean15", () -> LocalThreshold.apply(volume, LocalThreshold.Settings.of(
			LocalThreshold.Method.MEAN, radius), none));
		Labels labels = Labels.of(nuclei, volume);
		time("regionprops_table", () -> LabelMeasurements.measure(labels, volume, none));
	}

	/** The number of voxels grown, printed as {@code grown=} on the op's line. */
	private long grown(Labels labels) {
		long count = 0;
		for (int v : labels.data()) if (v != 0) count++;
		lastGrown = count;
		return count;
	}

	private int[] singleSeed(int index) {
		int[] seeds = new int[(int) voxels];
		seeds[index] = 1;
		return seeds;
	}

	/** The h-maxima markers plus one background marker: voxels more than 4 units outside the mask. */
	private int[] markersWithBackground(int[] markers, float[] edt, byte[] mask) {
		byte[] outside = new byte[mask.length];
		for (int i = 0; i < mask.length; i++) outside[i] = (byte) (mask[i] == 0 ? 1 : 0);
		float[] distanceOutside = DistanceTransform.compute(outside, w, h, d, volume.spacing(), Progress.NONE);
		int[] all = markers.clone();
		int backgroundLabel = Arrays.stream(markers).max().orElse(0) + 1;
		for (int i = 0; i < all.length; i++) if (distanceOutside[i] > 4) all[i] = backgroundLabel;
		return all;
	}

	private static int argMax(float[] values) {
		int best = 0;
		for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
		return best;
	}

	private static int firstZero(byte[] mask) {
		for (int i = 0; i < mask.length; i++) if (mask[i] == 0) return i;
		throw new IllegalStateException("no background voxel");
	}

	private <T> T time(String op, Supplier<T> work) {
		work.get(); // warm-up
		double[] seconds = new double[3];
		long extra = 0;
		T result = null;
		for (int run = 0; run < 3; run++) {
			System.gc();
			long before = MemoryProbe.usedHeap();
			MemoryProbe.resetHeapPeaks();
			long t0 = System.nanoTime();
			result = work.get();
			seconds[run] = (System.nanoTime() - t0) / 1e9;
			extra = Math.max(extra, MemoryProbe.peakHeap() - before);
		}
		Arrays.sort(seconds);
		System.out.printf("op=%s seconds=%.4f voxels_per_s=%.3g extra_mb=%.1f%s%n", op, seconds[1], voxels / seconds[1],
			extra / 1048576.0, lastGrown < 0 ? "" : " grown=" + lastGrown);
		lastGrown = -1;
		return result;
	}
}
