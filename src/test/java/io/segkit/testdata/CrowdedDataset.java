package io.segkit.testdata;

import ij.io.FileSaver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes the crowded-nuclei benchmark data ({@link CrowdedNuclei}) as training folders SegKit trains from, plus
 * held-out folders made from other seeds, each with {@code images/} and {@code labels/} (16-bit ImageJ TIFFs with
 * the calibration, the same file names; labels 1..n):
 * <pre>
 * FOLDER/2d/train/images/crowded2d-01.tif    FOLDER/2d/train/labels/crowded2d-01.tif     (8 images, 256 x 256)
 * FOLDER/2d/heldout/images/crowded2d-h1.tif  FOLDER/2d/heldout/labels/crowded2d-h1.tif   (4 images)
 * FOLDER/3d/train/...   crowded3d-01.tif ...                                    (8 volumes, 24 x 96 x 96, z x y x x)
 * FOLDER/3d/heldout/... crowded3d-h1.tif ...                                   (4 volumes)
 * </pre>
 * Sizes, for CPU training on a few cores: an image holds 90 nuclei and a volume 48, so training sees 720 (2D) and
 * 384 (3D) nuclei, and 8 cases leave 6 or 7 to train each of 5 cross-validation folds. Auto-Train's planner makes
 * the whole image or volume its patch (2D: 256 x 256, batch 2; 3D: 3d_fullres 24 x 96 x 96, batch 2, and 2d
 * 96 x 96, batch 10): larger images would only make every iteration slower (volumes of 32 x 128 x 128 gave a
 * 32 x 128 x 128 patch, 2.4 times the voxels per iteration). Held-out: 360 nuclei in 2D, 192 in 3D, so one
 * nucleus moves F1 by about 0.3 % and 0.5 %.
 * <p>
 * Usage: {@code CrowdedDataset FOLDER [2d|3d|both]}. The files are the same, byte for byte, on every run; earlier
 * files of these names are replaced.
 */
public final class CrowdedDataset {

	public static final int TRAIN_2D = 8, HELD_OUT_2D = 4, TRAIN_3D = 8, HELD_OUT_3D = 4;
	/** First seed of each set; the sets never share a seed. */
	static final long TRAIN_SEED_2D = 2001, HELD_OUT_SEED_2D = 2101, TRAIN_SEED_3D = 3001, HELD_OUT_SEED_3D = 3101;

	private CrowdedDataset() {}

	/** Where one data set was written: the training folder and the held-out folder (each images/ + labels/). */
	public record Folders(Path train, Path heldOut) {}

	/** One 2D image: 256 x 256 pixels of 0.5 µm, about 90 nuclei of radius 3.5 to 6 µm. */
	public static CrowdedNuclei.Builder plane(long seed) {
		return CrowdedNuclei.builder().size(256, 256).spacing(0.5, 0.5, 1, "µm").radius(3.5, 6).count(90)
			.clusters(10).blur(0.4, 0).texture(0.25, 0.6).dome(0.4).seed(seed);
	}

	/**
	 * One volume: 24 x 96 x 96 voxels of 1.5 x 0.5 x 0.5 µm (z three times xy), about 48 nuclei of radius 3 to 5 µm,
	 * PSF sigma 0.4 µm in xy and 1.2 µm along z.
	 */
	public static CrowdedNuclei.Builder volume(long seed) {
		return CrowdedNuclei.builder().size(96, 96, 24).spacing(0.5, 0.5, 1.5, "µm").radius(3, 5).count(48)
			.clusters(4).blur(0.4, 1.2).texture(0.25, 0.6).dome(0.3).seed(seed);
	}

	/** The training images (is3D: volumes), in file order. */
	public static List<SyntheticImage> training(boolean is3D) {
		return is3D ? images(true, TRAIN_SEED_3D, TRAIN_3D) : images(false, TRAIN_SEED_2D, TRAIN_2D);
	}

	/** The held-out images, in file order. */
	public static List<SyntheticImage> heldOut(boolean is3D) {
		return is3D ? images(true, HELD_OUT_SEED_3D, HELD_OUT_3D) : images(false, HELD_OUT_SEED_2D, HELD_OUT_2D);
	}

	private static List<SyntheticImage> images(boolean is3D, long firstSeed, int n) {
		List<SyntheticImage> out = new ArrayList<>();
		for (int i = 0; i < n; i++) out.add((is3D ? volume(firstSeed + i) : plane(firstSeed + i)).generate());
		return out;
	}

	/** Writes {@code folder/2d} or {@code folder/3d}: train/ and heldout/, each images/ + labels/. */
	public static Folders write(Path folder, boolean is3D) throws IOException {
		return write(folder, is3D, training(is3D), heldOut(is3D));
	}

	/** {@link #write(Path, boolean)} with the images already made ({@link #training}, {@link #heldOut}). */
	public static Folders write(Path folder, boolean is3D, List<SyntheticImage> training,
		List<SyntheticImage> heldOut) throws IOException
	{
		String dim = is3D ? "3d" : "2d";
		Path root = folder.resolve(dim);
		Folders folders = new Folders(root.resolve("train"), root.resolve("heldout"));
		write(folders.train(), "crowded" + dim + "-", "", training);
		write(folders.heldOut(), "crowded" + dim + "-", "h", heldOut);
		return folders;
	}

	private static void write(Path dataset, String prefix, String tag, List<SyntheticImage> images)
		throws IOException
	{
		Path imagesFolder = dataset.resolve("images"), labelsFolder = dataset.resolve("labels");
		for (Path dir : List.of(imagesFolder, labelsFolder)) {
			Files.createDirectories(dir);
			try (Stream<Path> old = Files.list(dir)) {
				for (Path p : old.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) Files.delete(p);
			}
		}
		for (int i = 0; i < images.size(); i++) {
			String name = prefix + tag + (tag.isEmpty() ? String.format(Locale.ROOT, "%02d", i + 1) : i + 1);
			SyntheticImage image = images.get(i);
			save(new FileSaver(image.image(name)), imagesFolder.resolve(name + ".tif"));
			save(new FileSaver(image.labelImage(name)), labelsFolder.resolve(name + ".tif"));
		}
	}

	private static void save(FileSaver saver, Path path) {
		if (!saver.saveAsTiff(path.toString())) throw new IllegalStateException("Could not write " + path);
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 1) {
			System.err.println("Usage: CrowdedDataset FOLDER [2d|3d|both]");
			System.exit(2);
		}
		System.setProperty("java.awt.headless", "true");
		String which = args.length > 1 ? args[1] : "both";
		for (boolean is3D : new boolean[] { false, true }) {
			if (which.equals(is3D ? "2d" : "3d")) continue;
			long start = System.nanoTime();
			Folders f = write(Path.of(args[0]), is3D);
			System.out.printf(Locale.ROOT, "wrote %s and %s in %.1f s%n", f.train(), f.heldOut(), (System.nanoTime() -
				start) / 1e9);
		}
	}
}
