package io.segkit.bench;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.AutoThresholder;
import ij.process.ShortProcessor;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.classic.distance.DistanceTransform;
import io.segkit.classic.labels.LabelMeasurements;
import io.segkit.classic.regiongrow.RegionGrowing;
import io.segkit.classic.threshold.AutoThreshold;
import io.segkit.classic.watershed.Watershed;
import io.segkit.image.LabelImages;
import io.segkit.image.Labels;
import io.segkit.image.Volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Memory and speed at scale (issue 10), the Java side of bench/run-scale.sh.
 * <ul>
 * <li>{@code pipeline VOLUME.tif TZ TY TX [old]}: the benchmark volume tiled TZ x TY x TX times (2 4 4 gives
 * 256x1024x1024, 512 MB 16-bit), then Otsu mask, Distance Watershed (dynamic 1, 26-connected) and Label
 * Measurements as the three commands run them. Prints each step's time, voxels/s, and the peaks: resident
 * (VmHWM of /proc/self/status) and heap (sum of the heap pools' peaks), each also as extra memory over the input
 * (what was resident or in use once the input was loaded) divided by the input's size. {@code old}: the
 * whole-volume watershed and int-array measurements of before, for the before/after comparison.</li>
 * <li>{@code grow VOLUME.tif}: Region Growing on the classic benchmark's nucleus and background cases, one warm-up
 * then the median of 3: compared with the seed value ({@code flood_*}, skimage_scale.py's seeds and tolerances, see
 * FloodCases) and with the region mean ({@code region_grow_adaptive_*}, ClassicBenchmark's seeds and tolerances).</li>
 * </ul>
 */
public final class ScaleBenchmark {

	private ScaleBenchmark() {}

	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("Usage: ScaleBenchmark pipeline VOLUME.tif TZ TY TX [old] | grow VOLUME.tif");
			System.exit(2);
		}
		ImagePlus source = IJ.openImage(args[1]);
		if (source == null) throw new IllegalArgumentException("Cannot open " + args[1]);
		if (args[0].equals("grow")) grow(Volume.of(source));
		else pipeline(tiled(source, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4])),
			args.length > 5 && args[5].equals("old"));
	}

	private static void pipeline(ImagePlus image, boolean old) throws IOException {
		Volume volume = Volume.of(image);
		long inputBytes = 2L * volume.size();
		System.gc();
		long residentBefore = MemoryProbe.resident("VmRSS"), heapBefore = MemoryProbe.usedHeap();
		MemoryProbe.resetHeapPeaks();
		System.out.printf("# SegKit pipeline (%s) on %dx%dx%d 16-bit (%d MB), %d cores, -Xmx %d MB, resident %d MB " +
			"and heap %d MB with the input loaded%n", old ? "old: whole volume" : "new", volume.depth(), volume
				.height(), volume.width(), inputBytes >> 20, Runtime.getRuntime().availableProcessors(), Runtime
					.getRuntime().maxMemory() >> 20, residentBefore >> 20, heapBefore >> 20);
		long t0 = System.nanoTime();
		ImagePlus mask = step("otsu_mask", volume, () -> LabelImages.createMask("mask", AutoThreshold.apply(volume,
			AutoThresholder.Method.Otsu, true, true, Progress.NONE).mask(), volume));
		Volume binary = Volume.of(mask);
		ImagePlus labels = step("distance_watershed", volume, () -> old ? LabelImages.create("labels", Watershed
			.segment(binary, null, null, new Watershed.Options(Watershed.Landscape.DISTANCE, 1, 0, false,
				Connectivity.C26), Progress.NONE).data(), volume) : LabelImages.createFromStacks("labels", java.util.List
					.of(Watershed.splitObjectsToStack(binary, 1, false, Connectivity.C26, Progress.NONE)), volume));
		LabelMeasurements table = step("label_measurements", volume, () -> old ? LabelMeasurements.measure(Labels
			.read(Volume.of(labels)), volume, Progress.NONE) : LabelMeasurements.measure(Volume.of(labels), volume,
				Progress.NONE));
		double seconds = (System.nanoTime() - t0) / 1e9;
		long resident = MemoryProbe.resident("VmHWM"), heap = MemoryProbe.peakHeap();
		System.out.printf("op=pipeline seconds=%.2f voxels_per_s=%.3g objects=%d peak_rss_mb=%d peak_heap_mb=%d " +
			"extra_rss_x_input=%.2f extra_heap_x_input=%.2f%n", seconds, volume.size() / seconds, table.rows(),
			resident >> 20, heap >> 20, (resident - residentBefore) / (double) inputBytes, (heap - heapBefore)
				/ (double) inputBytes);
	}

	private static <T> T step(String op, Volume volume, Supplier<T> work) throws IOException {
		long t0 = System.nanoTime();
		T result = work.get();
		double seconds = (System.nanoTime() - t0) / 1e9;
		System.out.printf("op=%s seconds=%.2f voxels_per_s=%.3g peak_rss_mb=%d peak_heap_mb=%d%n", op, seconds, volume
			.size() / seconds, MemoryProbe.resident("VmHWM") >> 20, MemoryProbe.peakHeap() >> 20);
		return result;
	}

	private static void grow(Volume volume) {
		int w = volume.width(), h = volume.height(), d = volume.depth();
		AutoThreshold.Result otsu = AutoThreshold.apply(volume, AutoThresholder.Method.Otsu, true, true,
			Progress.NONE);
		byte[] mask = otsu.mask();
		float[] edt = DistanceTransform.compute(mask, w, h, d, volume.spacing(), Progress.NONE);
		int deepest = 0;
		for (int i = 1; i < edt.length; i++) if (edt[i] > edt[deepest]) deepest = i;
		int background = 0;
		while (mask[background] != 0) background++;
		double threshold = otsu.lower()[0];
		int nucleus = deepest, outside = background;
		// "Compare with" = seed value on skimage's own cases (FloodCases): the same voxels as skimage_scale.py's flood
		FloodCases cases = FloodCases.of(volume);
		System.out.println("# " + cases.describe(volume));
		// the seed images are made outside the timings (skimage's flood takes a point); grow and flood leave them as
		// they are
		int[] nucleusSeed = seedAt(volume, cases.nucleusSeed), backgroundSeed = seedAt(volume, cases.backgroundSeed);
		int[] deepestSeed = seedAt(volume, nucleus), firstBackgroundSeed = seedAt(volume, outside);
		timed("flood_nucleus", volume, () -> RegionGrowing.flood(volume, nucleusSeed, null, cases.nucleusTolerance,
			Connectivity.C26, Progress.NONE));
		timed("flood_background", volume, () -> RegionGrowing.flood(volume, backgroundSeed, null,
			cases.backgroundTolerance, Connectivity.C26, Progress.NONE));
		// the region mean (adaptive), as ClassicBenchmark: half the seed's margin above the threshold keeps the
		// mean inside the nucleus
		timed("region_grow_adaptive_nucleus", volume, () -> RegionGrowing.grow(volume, deepestSeed, null, (volume.get(
			nucleus) - threshold) / 2, Connectivity.C26, Progress.NONE));
		timed("region_grow_adaptive_background", volume, () -> RegionGrowing.grow(volume, firstBackgroundSeed, null,
			threshold - volume.get(outside), Connectivity.C26, Progress.NONE));
	}

	private static int[] seedAt(Volume volume, int index) {
		int[] seeds = new int[volume.size()];
		seeds[index] = 1;
		return seeds;
	}

	private static void timed(String op, Volume volume, Supplier<Labels> work) {
		work.get(); // warm-up
		double[] seconds = new double[3];
		long grown = 0;
		for (int run = 0; run < 3; run++) {
			long t0 = System.nanoTime();
			Labels labels = work.get();
			seconds[run] = (System.nanoTime() - t0) / 1e9;
			grown = Arrays.stream(labels.data()).filter(v -> v != 0).count();
		}
		Arrays.sort(seconds);
		System.out.printf("op=%s seconds=%.4f voxels_per_s=%.3g grown=%d%n", op, seconds[1], volume.size() /
			seconds[1], grown);
	}

	/** The 16-bit volume repeated tz x ty x tx times (z, y, x), as new ImageJ planes. */
	private static ImagePlus tiled(ImagePlus source, int tz, int ty, int tx) {
		int w = source.getWidth(), h = source.getHeight(), d = source.getNSlices();
		ImageStack stack = new ImageStack(w * tx, h * ty);
		for (int z = 0; z < d * tz; z++) {
			short[] from = (short[]) source.getStack().getPixels(z % d + 1);
			short[] plane = new short[w * tx * h * ty];
			for (int y = 0; y < h * ty; y++) for (int x = 0; x < tx; x++)
				System.arraycopy(from, (y % h) * w, plane, y * w * tx + x * w, w);
			stack.addSlice(new ShortProcessor(w * tx, h * ty, plane, null));
		}
		ImagePlus image = new ImagePlus("tiled", stack);
		image.setCalibration(source.getCalibration());
		return image;
	}
}
