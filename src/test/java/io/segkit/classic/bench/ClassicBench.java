package io.segkit.classic.bench;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.classic.distance.DistanceTransform;
import io.segkit.classic.morphology.Extrema;
import io.segkit.classic.morphology.Gradient;
import io.segkit.classic.regiongrow.RegionGrowing;
import io.segkit.classic.watershed.Seeds;
import io.segkit.classic.watershed.Watershed;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.Random;

/**
 * Benchmark entry point (not a test): prints timings of the classic pipeline on a synthetic
 * 128x256x256 16-bit volume of touching blurred spheres with noise. Run with
 * {@code java -cp target/classes:target/test-classes:<ij.jar> io.segkit.classic.bench.ClassicBench [depth height width]}.
 */
public final class ClassicBench {

	public static void main(String[] args) {
		int d = args.length > 0 ? Integer.parseInt(args[0]) : 128;
		int h = args.length > 1 ? Integer.parseInt(args[1]) : 256;
		int w = args.length > 2 ? Integer.parseInt(args[2]) : 256;
		Spacing spacing = new Spacing(1, 1, 2, "um");
		short[] image = spheres(w, h, d, 42);
		Volume volume = Volume.ofShorts(image, w, h, d, spacing);
		byte[] mask = new byte[image.length];
		for (int i = 0; i < image.length; i++) if ((image[i] & 0xffff) > 1000) mask[i] = 1;
		for (int round = 0; round < 2; round++) {
			System.out.println("round " + round + " (" + w + "x" + h + "x" + d + ", 16-bit, " + Runtime
				.getRuntime().availableProcessors() + " cores)");
			long t0 = System.nanoTime();
			float[] edt = DistanceTransform.compute(mask, w, h, d, spacing, Progress.NONE);
			report("exact EDT", t0);
			t0 = System.nanoTime();
			byte[] maxima = Extrema.hMaxima(edt, 2, false, w, h, d, mask, Connectivity.C26, Progress.NONE);
			int[] markers = Seeds.fromMask(maxima, w, h, d, Connectivity.C26, Progress.NONE);
			report("h-maxima of EDT (markers)", t0);
			float[] inverted = new float[edt.length];
			for (int i = 0; i < edt.length; i++) inverted[i] = -edt[i];
			t0 = System.nanoTime();
			Watershed.flood(inverted, w, h, d, markers, mask, false, Connectivity.C26, Progress.NONE);
			report("masked watershed from markers (float)", t0);
			t0 = System.nanoTime();
			Watershed.segment(volume, markers, mask, new Watershed.Options(Watershed.Landscape.BRIGHT_OBJECTS, 0,
				0, false, Connectivity.C26), Progress.NONE);
			report("masked watershed from markers (16-bit bucket queue)", t0);
			t0 = System.nanoTime();
			Watershed.splitObjects(Volume.ofBytes(mask, w, h, d, spacing), 2, false, Connectivity.C26,
				Progress.NONE);
			report("distance watershed, all steps", t0);
			t0 = System.nanoTime();
			float[] gradient = Gradient.magnitude(volume, 1, Progress.NONE);
			report("gradient (sigma 1 um)", t0);
			t0 = System.nanoTime();
			Watershed.flood(gradient, w, h, d, markers, null, false, Connectivity.C26, Progress.NONE);
			report("full-volume gradient watershed from markers", t0);
			t0 = System.nanoTime();
			Watershed.segment(volume, markers, null, new Watershed.Options(Watershed.Landscape.GRADIENT, 0, 1,
				true, Connectivity.C26), Progress.NONE);
			report("full-volume gradient watershed incl. gradient, with lines", t0);
			t0 = System.nanoTime();
			RegionGrowing.grow(volume, markers, null, 300, Connectivity.C6, Progress.NONE);
			report("region growing from markers", t0);
		}
	}

	private static void report(String what, long t0) {
		System.out.printf("  %-62s %7.3f s%n", what, (System.nanoTime() - t0) / 1e9);
	}

	/** Touching bright spheres (radius 8-14 voxels in x/y, half in z) on a dark noisy background. */
	static short[] spheres(int w, int h, int d, long seed) {
		Random r = new Random(seed);
		float[] v = new float[w * h * d];
		int count = Math.max(1, w * h * d / 40000);
		for (int s = 0; s < count; s++) {
			double cx = r.nextDouble() * w, cy = r.nextDouble() * h, cz = r.nextDouble() * d;
			double rad = 8 + r.nextDouble() * 6;
			int x0 = (int) Math.max(0, cx - rad), x1 = (int) Math.min(w - 1, cx + rad);
			int y0 = (int) Math.max(0, cy - rad), y1 = (int) Math.min(h - 1, cy + rad);
			int z0 = (int) Math.max(0, cz - rad / 2), z1 = (int) Math.min(d - 1, cz + rad / 2);
			for (int z = z0; z <= z1; z++) for (int y = y0; y <= y1; y++) for (int x = x0; x <= x1; x++) {
				double q = ((x - cx) * (x - cx) + (y - cy) * (y - cy) + 4 * (z - cz) * (z - cz)) / (rad * rad);
				if (q <= 1) v[(z * h + y) * w + x] = Math.max(v[(z * h + y) * w + x], (float) (3000 * (1.2 - q)));
			}
		}
		short[] out = new short[v.length];
		for (int i = 0; i < v.length; i++) out[i] = (short) Math.min(65535, Math.max(0, 200 + v[i] + r
			.nextGaussian() * 50));
		return out;
	}
}
