package io.segkit.testdata;

import ij.io.FileSaver;

import java.io.File;

/**
 * Writes the benchmark volume: 128 x 256 x 256 voxels (z, y, x), 16-bit, about 1000 nuclei, voxel
 * size 2.0 x 0.5 x 0.5 µm (z, y, x). Too large to commit; write it under target/.
 * <p>
 * Usage: {@code MakeBenchmarkVolume out.tif} writes {@code out.tif} and {@code out-labels.tif}.
 */
public final class MakeBenchmarkVolume {

	private MakeBenchmarkVolume() {}

	/** The parameters of the benchmark volume. */
	public static SyntheticNuclei.Params params() {
		return SyntheticNuclei.builder().size(256, 256, 128).spacing(0.5, 0.5, 2.0, "µm").count(1000)
			.radius(3.0, 5.0).maxAspect(1.4).touchingFraction(0.25).minGap(1.0).background(0.08, 0.05)
			.intensity(0.3, 0.7).blur(0.4, 1.2).noise(0.015, 2000).bitDepth(16).seed(2026).build();
	}

	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("Usage: MakeBenchmarkVolume <out.tif>  (also writes <out>-labels.tif)");
			System.exit(2);
		}
		System.setProperty("java.awt.headless", "true");
		File out = new File(args[0]);
		if (out.getAbsoluteFile().getParentFile() != null) out.getAbsoluteFile().getParentFile().mkdirs();
		long start = System.nanoTime();
		SyntheticImage image = SyntheticNuclei.generate(params());
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(java.util.Locale.ROOT, "generated %d x %d x %d, %d nuclei (%d touching) in %.2f s%n",
			image.params().width(), image.params().height(), image.params().depth(), image.count(),
			image.touchingPairs().size(), seconds);
		String name = out.getName().replaceFirst("\\.tiff?$", "");
		String labels = new File(out.getAbsoluteFile().getParentFile(), name + "-labels.tif").getPath();
		save(new FileSaver(image.image(name)), out.getPath());
		save(new FileSaver(image.labelImage(name + "-labels")), labels);
		System.out.println("wrote " + out.getPath() + " and " + labels);
	}

	static void save(FileSaver saver, String path) {
		if (!saver.saveAsTiff(path)) throw new IllegalStateException("Could not write " + path);
	}
}
