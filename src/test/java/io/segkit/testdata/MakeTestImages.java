package io.segkit.testdata;

import ij.io.FileSaver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * Writes the bundled {@code test-images/} folder: small 2D and 3D synthetic nuclei images with
 * their ground truth, in pairs of folders with matching file names:
 * <pre>
 * 2d/images/nuclei2d-01.tif   2d/labels/nuclei2d-01.tif   2d/classes/nuclei2d-01.tif   2d/objects/nuclei2d-01.csv
 * 3d/images/nuclei3d-01.tif   3d/labels/nuclei3d-01.tif                                3d/objects/nuclei3d-01.csv
 * </pre>
 * Usage: {@code MakeTestImages [output folder]} (default {@code test-images}). The output is the
 * same, byte for byte, on every run.
 */
public final class MakeTestImages {

	private MakeTestImages() {}

	/** One bundled image: file name (without .tif), what it shows, and its parameters. */
	public record TestImage(String name, String description, SyntheticNuclei.Params params) {

		/** Folder below test-images: "2d" or "3d". */
		public String folder() {
			return params.is3D() ? "3d" : "2d";
		}
	}

	private static SyntheticNuclei.Builder plane(long seed) {
		return SyntheticNuclei.builder().size(256, 256).spacing(0.5, 0.5, 1, "µm").radius(3.5, 6).minGap(1.0)
			.blur(0.5, 0).seed(seed);
	}

	private static SyntheticNuclei.Builder volume(long seed) {
		return SyntheticNuclei.builder().size(96, 96, 32).spacing(0.5, 0.5, 2.0, "µm").radius(3, 5).minGap(1.0)
			.blur(0.4, 1.2).seed(seed);
	}

	/** The images in test-images/, in file order. */
	public static List<TestImage> all() {
		return List.of(
			new TestImage("nuclei2d-01", "8-bit, well separated nuclei, low noise, flat background",
				plane(101).count(25).touchingFraction(0).noise(0.02, 0).bitDepth(8).build()),
			new TestImage("nuclei2d-02", "8-bit, many touching pairs and small clusters",
				plane(102).count(35).touchingFraction(0.4).noise(0.03, 0).bitDepth(8).build()),
			new TestImage("nuclei2d-03", "8-bit, strong background gradient (a global threshold fails in part)",
				plane(103).count(30).touchingFraction(0.2).background(0.05, 0.35).intensity(0.3, 0.6)
					.noise(0.03, 0).bitDepth(8).build()),
			new TestImage("nuclei2d-04", "16-bit (12-bit range), crowded, half of the nuclei touching, shot noise",
				plane(104).count(60).touchingFraction(0.5).noise(0.01, 3000).bitDepth(16).build()),
			new TestImage("nuclei2d-05", "16-bit (12-bit range), dim nuclei with dark nucleoli, low SNR",
				plane(105).count(30).touchingFraction(0.2).intensity(0.1, 0.3).nucleoli(true).noise(0.02, 500)
					.bitDepth(16).build()),
			new TestImage("nuclei2d-06", "32-bit (0..1), nuclei with dark nucleoli, background gradient",
				plane(106).count(30).touchingFraction(0.3).background(0.1, 0.1).nucleoli(true).noise(0.02, 0)
					.bitDepth(32).build()),
			new TestImage("nuclei3d-01", "8-bit, z 2.0 um / xy 0.5 um, a few touching pairs",
				volume(201).count(20).touchingFraction(0.2).noise(0.02, 0).bitDepth(8).build()),
			new TestImage("nuclei3d-02", "16-bit (12-bit range), z 2.0 um / xy 0.5 um, crowded and touching, shot noise",
				volume(202).count(30).touchingFraction(0.4).background(0.08, 0.05).noise(0.01, 2000).bitDepth(16)
					.build()),
			new TestImage("nuclei3d-03", "8-bit, z 1.0 um / xy 0.5 um, nuclei with dark nucleoli",
				volume(203).spacing(0.5, 0.5, 1.0, "µm").count(15).touchingFraction(0.3).nucleoli(true)
					.noise(0.02, 0).bitDepth(8).build()));
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		File root = new File(args.length > 0 ? args[0] : "test-images");
		for (TestImage t : all()) {
			SyntheticImage image = SyntheticNuclei.generate(t.params());
			File dir = new File(root, t.folder());
			String file = t.name() + ".tif";
			save(new FileSaver(image.image(t.name())), new File(dir, "images/" + file));
			save(new FileSaver(image.labelImage(t.name())), new File(dir, "labels/" + file));
			if (!t.params().is3D()) save(new FileSaver(image.classImage(t.name())), new File(dir, "classes/" + file));
			File table = new File(dir, "objects/" + t.name() + ".csv");
			table.getParentFile().mkdirs();
			Files.writeString(table.toPath(), image.nucleiTable(), StandardCharsets.UTF_8);
			System.out.printf(Locale.ROOT, "%s/images/%s  %d-bit  %dx%dx%d  nuclei=%d (asked %d)  touching pairs=%d%n",
				t.folder(), file, t.params().bitDepth(), t.params().width(), t.params().height(), t.params().depth(),
				image.count(), t.params().count(), image.touchingPairs().size());
		}
	}

	private static void save(FileSaver saver, File path) {
		path.getParentFile().mkdirs();
		if (!saver.saveAsTiff(path.getPath())) throw new IllegalStateException("Could not write " + path);
	}
}
