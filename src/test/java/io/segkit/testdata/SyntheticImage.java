package io.segkit.testdata;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.testdata.SyntheticNuclei.Nucleus;

import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic image and its ground truth, as flat arrays (index z*w*h + y*w + x) and as ImageJ
 * images carrying the calibration. The arrays are the result's own; callers must not change them.
 * Made by {@link SyntheticNuclei} or {@link CrowdedNuclei}.
 */
public final class SyntheticImage {

	/**
	 * What a generator was asked for, as far as the image needs it; each generator's parameter record
	 * implements it (its {@code toString} goes into the image's Info).
	 */
	public interface Recipe {

		int width();

		int height();

		/** 1 = 2D. */
		int depth();

		Spacing spacing();

		/** 8, 16 or 32. */
		int bitDepth();

		/** Nuclei asked for. */
		int count();

		default boolean is3D() {
			return depth() > 1;
		}
	}

	private final Recipe params;
	private final float[] pixels;
	private final int[] labels;
	private final byte[] classes;
	private final List<Nucleus> nuclei;

	SyntheticImage(Recipe params, float[] pixels, int[] labels, byte[] classes, List<Nucleus> nuclei) {
		this.params = params;
		this.pixels = pixels;
		this.labels = labels;
		this.classes = classes;
		this.nuclei = List.copyOf(nuclei);
	}

	/** The generator's parameters ({@link SyntheticNuclei.Params} or {@link CrowdedNuclei.Params}). */
	public Recipe params() {
		return params;
	}

	/** Grey values as they are in the image (whole numbers for 8 and 16 bits). */
	public float[] pixels() {
		return pixels;
	}

	/** Instance labels 1..{@link #count()}, 0 = background. */
	public int[] labelData() {
		return labels;
	}

	/** 0 background, 1 nucleus, 2 nucleolus (only with {@link SyntheticNuclei.Params#nucleoli()}). */
	public byte[] classes() {
		return classes;
	}

	/** 1 inside a nucleus, 0 outside. */
	public byte[] mask() {
		byte[] mask = new byte[labels.length];
		for (int i = 0; i < labels.length; i++) if (labels[i] != 0) mask[i] = 1;
		return mask;
	}

	/** The placed nuclei, in label order (label = index + 1). */
	public List<Nucleus> nuclei() {
		return nuclei;
	}

	/** Number of nuclei placed (may be fewer than asked when they did not fit). */
	public int count() {
		return nuclei.size();
	}

	/**
	 * Pairs {label, partner} of nuclei placed touching each other (each nucleus names the one it was placed
	 * against; crowded nuclei may touch more than that one).
	 */
	public List<int[]> touchingPairs() {
		List<int[]> pairs = new ArrayList<>();
		for (Nucleus n : nuclei) if (n.touching() > 0) pairs.add(new int[] { n.label(), n.touching() });
		return pairs;
	}

	/** Share of the nuclei whose label shares a face (4 neighbours in 2D, 6 in 3D) with another label. */
	public double touchingShare() {
		int w = params.width(), h = params.height(), d = params.depth(), plane = w * h;
		boolean[] touches = new boolean[count() + 1];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int i = z * plane + y * w + x, a = labels[i];
			if (a == 0) continue;
			if (x + 1 < w) touch(touches, a, labels[i + 1]);
			if (y + 1 < h) touch(touches, a, labels[i + w]);
			if (z + 1 < d) touch(touches, a, labels[i + plane]);
		}
		int n = 0;
		for (int label = 1; label <= count(); label++) if (touches[label]) n++;
		return count() == 0 ? 0 : (double) n / count();
	}

	private static void touch(boolean[] touches, int a, int b) {
		if (b != 0 && b != a) touches[a] = touches[b] = true;
	}

	public Labels labels() {
		return new Labels(labels, params.width(), params.height(), params.depth(), params.spacing(), count());
	}

	/** The image (8-, 16- or 32-bit as asked), calibrated, its parameters in the Info property. */
	public ImagePlus image(String title) {
		int w = params.width(), h = params.height(), plane = w * h;
		ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < params.depth(); z++) {
			ImageProcessor ip;
			if (params.bitDepth() == 8) {
				byte[] b = new byte[plane];
				for (int i = 0; i < plane; i++) b[i] = (byte) (int) pixels[z * plane + i];
				ip = new ByteProcessor(w, h, b);
			} else if (params.bitDepth() == 16) {
				short[] s = new short[plane];
				for (int i = 0; i < plane; i++) s[i] = (short) (int) pixels[z * plane + i];
				ip = new ShortProcessor(w, h, s, null);
			} else {
				float[] f = new float[plane];
				System.arraycopy(pixels, z * plane, f, 0, plane);
				ip = new FloatProcessor(w, h, f);
			}
			stack.addSlice(ip);
		}
		ImagePlus image = new ImagePlus(title, stack);
		image.setCalibration(params.spacing().toCalibration());
		image.setProperty("Info", info());
		image.resetDisplayRange();
		return image;
	}

	/** The 16-bit label image (glasbey LUT, calibration). */
	public ImagePlus labelImage(String title) {
		ImagePlus image = labels().toImage(title);
		image.setProperty("Info", info());
		return image;
	}

	/** The 8-bit 0/255 mask. */
	public ImagePlus maskImage(String title) {
		return bytes(title, mask(), 255);
	}

	/** The 8-bit class map (0, 1, 2). */
	public ImagePlus classImage(String title) {
		ImagePlus image = bytes(title, classes, 1);
		image.setDisplayRange(0, SyntheticNuclei.NUCLEOLUS);
		return image;
	}

	private ImagePlus bytes(String title, byte[] data, int factor) {
		int w = params.width(), h = params.height(), plane = w * h;
		ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < params.depth(); z++) {
			byte[] b = new byte[plane];
			for (int i = 0; i < plane; i++) b[i] = (byte) (data[z * plane + i] * factor);
			stack.addSlice(new ByteProcessor(w, h, b));
		}
		ImagePlus image = new ImagePlus(title, stack);
		image.setCalibration(params.spacing().toCalibration());
		image.setProperty("Info", info());
		return image;
	}

	/** How the image was made: generator and every parameter. */
	public String info() {
		return "Synthetic nuclei made by " + params.getClass().getEnclosingClass().getName() + "\n" + params +
			"\nnuclei=" + count() + " touching=" + touchingPairs().size() + "\n";
	}

	/** One line per nucleus: label, centre (calibrated), semi-axes, intensity, touching partner. */
	public String nucleiTable() {
		StringBuilder sb = new StringBuilder("label,x,y,z,radius1,radius2,radius3,intensity,touching\n");
		for (Nucleus n : nuclei) sb.append(String.format(java.util.Locale.ROOT,
			"%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d\n", n.label(), n.x(), n.y(), n.z(), n.radii()[0],
			n.radii()[1], params.is3D() ? n.radii()[2] : 0, n.intensity(), n.touching()));
		return sb.toString();
	}
}
