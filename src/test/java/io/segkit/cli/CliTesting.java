package io.segkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

/** Runs segkit in this JVM and makes small synthetic images. */
final class CliTesting {

	private CliTesting() {}

	/** What a run gave: exit code, stdout, stderr. */
	record Run(int code, String out, String err) {

		@Override
		public String toString() {
			return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
		}
	}

	static Run segkit(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = SegKitCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/**
	 * An 8-bit image 48 x 40: background 20 plus a gradient, two touching discs (radius 8, centres 10 apart) at
	 * 200 and a small separate disc; {@code shift} moves everything right.
	 */
	static ImagePlus discs(String title, int shift) {
		int w = 48, h = 40;
		ByteProcessor p = new ByteProcessor(w, h);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			boolean inside = inDisc(x, y, 14 + shift, 16, 8) || inDisc(x, y, 24 + shift, 16, 8) || inDisc(x, y, 38,
				32, 4);
			p.set(x, y, inside ? 200 + (x % 5) : 20 + (y % 7));
		}
		ImagePlus image = new ImagePlus(title, p);
		image.getCalibration().pixelWidth = 0.5;
		image.getCalibration().pixelHeight = 0.5;
		image.getCalibration().setUnit("micron");
		return image;
	}

	/** A label image: each disc of {@link #discs} its own label, 0 outside. */
	static ImagePlus discLabels(String title, int shift) {
		int w = 48, h = 40;
		ByteProcessor p = new ByteProcessor(w, h);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int label = inDisc(x, y, 38, 32, 4) ? 3 : x < 19 + shift && inDisc(x, y, 14 + shift, 16, 8) ? 1 : inDisc(x,
				y, 24 + shift, 16, 8) ? 2 : 0;
			p.set(x, y, label);
		}
		return new ImagePlus(title, p);
	}

	private static boolean inDisc(int x, int y, int cx, int cy, int r) {
		return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
	}

	static Path save(ImagePlus image, Path file) {
		if (!new FileSaver(image).saveAsTiff(file.toString())) throw new IllegalStateException("could not save "
			+ file);
		return file;
	}
}
