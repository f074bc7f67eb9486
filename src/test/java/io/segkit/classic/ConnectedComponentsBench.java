package io.segkit.classic;

import io.segkit.Progress;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;

import java.util.Random;

/**
 * Benchmark (not a test): 26-connected labeling of a 128x256x256 mask of about 1000 ball-shaped
 * "nuclei". Run: {@code java -cp target/classes:target/test-classes:$IJ_JAR io.segkit.classic.ConnectedComponentsBench}
 */
public final class ConnectedComponentsBench {

	public static void main(String[] args) {
		int w = 256, h = 256, d = 128;
		byte[] mask = nuclei(w, h, d, 1000, new Random(42));
		int fg = 0;
		for (byte b : mask) fg += b;
		System.out.printf("mask %dx%dx%d, %.1f%% foreground, %d cores%n", w, h, d, 100.0 * fg / mask.length,
			Runtime.getRuntime().availableProcessors());
		long cold = System.nanoTime();
		Labels first = ConnectedComponents.label(mask, w, h, d, Spacing.UNIT, Connectivity.C26, Progress.NONE);
		System.out.printf("first (cold JIT) call: %.3f s%n", (System.nanoTime() - cold) / 1e9);
		for (int rep = 0; rep < 3; rep++) {
			long t0 = System.nanoTime();
			io.segkit.classic.labels.LabelMeasurements m = io.segkit.classic.labels.LabelMeasurements.measure(first,
				null, Progress.NONE);
			long t1 = System.nanoTime();
			int rois = io.segkit.image.LabelRois.toRois(first, Progress.NONE).size();
			long t2 = System.nanoTime();
			System.out.printf("measurements of %d labels: %.3f s; %d ROIs (per slice): %.3f s%n", m.rows(),
				(t1 - t0) / 1e9, rois, (t2 - t1) / 1e9);
		}
		for (Connectivity c : new Connectivity[] { Connectivity.C26, Connectivity.C6 }) {
			double best = Double.MAX_VALUE;
			int count = 0;
			for (int rep = 0; rep < 15; rep++) {
				long t0 = System.nanoTime();
				Labels labels = ConnectedComponents.label(mask, w, h, d, Spacing.UNIT, c, Progress.NONE);
				best = Math.min(best, (System.nanoTime() - t0) / 1e9);
				count = labels.count();
			}
			System.out.printf("%s: %d labels, best of 15: %.3f s%n", c, count, best);
		}
	}

	static byte[] nuclei(int w, int h, int d, int n, Random rnd) {
		byte[] mask = new byte[w * h * d];
		for (int k = 0; k < n; k++) {
			double r = 3 + rnd.nextDouble() * 3;
			double cx = rnd.nextDouble() * w, cy = rnd.nextDouble() * h, cz = rnd.nextDouble() * d;
			for (int z = (int) Math.max(0, cz - r); z <= Math.min(d - 1, cz + r); z++) {
				for (int y = (int) Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
					for (int x = (int) Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
						double dd = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
						if (dd <= r * r) mask[(z * h + y) * w + x] = 1;
					}
				}
			}
		}
		return mask;
	}
}
