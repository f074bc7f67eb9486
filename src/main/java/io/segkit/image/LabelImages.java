package io.segkit.image;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.image.IndexColorModel;

/**
 * Turns label arrays into ImageJ images: 16-bit (32-bit past 65,535 labels), background 0, a
 * glasbey-type LUT and the input's calibration. Masks become 8-bit 0/255.
 */
public final class LabelImages {

	public static final int MAX_16BIT_LABEL = 65535;
	/** Image property: the largest label of a label image (its object count when labels are 1..n). */
	public static final String LABEL_COUNT = "SegKit.labelCount";
	/** Image property: the connected objects of a mask (the most in any frame). */
	public static final String OBJECT_COUNT = "SegKit.objectCount";

	private LabelImages() {}

	/** A label image of the given size from a flat int array (index z*w*h + y*w + x). */
	public static ImagePlus create(String title, int[] labels, int width, int height, int depth,
		Spacing spacing)
	{
		int maxLabel = 0;
		for (int v : labels) if (v > maxLabel) maxLabel = v;
		ImagePlus image = new ImagePlus(title, toStack(labels, width, height, depth, maxLabel));
		image.setCalibration(spacing.toCalibration());
		applyLabelDisplay(image, maxLabel);
		return image;
	}

	/** A label image the size of {@code like} (a single frame and channel). */
	public static ImagePlus create(String title, int[] labels, Volume like) {
		return create(title, labels, like.width(), like.height(), like.depth(), like.spacing());
	}

	/** Stacks label frames (each a flat array) into one hyperstack of the given frame count. */
	public static ImagePlus createFrames(String title, java.util.List<int[]> frames, Volume like) {
		int maxLabel = 0;
		for (int[] f : frames) for (int v : f) if (v > maxLabel) maxLabel = v;
		ImageStack stack = new ImageStack(like.width(), like.height());
		for (int[] f : frames) {
			ImageStack part = toStack(f, like.width(), like.height(), like.depth(), maxLabel);
			for (int i = 1; i <= part.getSize(); i++) stack.addSlice(part.getProcessor(i));
		}
		ImagePlus image = new ImagePlus(title, stack);
		image.setDimensions(1, like.depth(), frames.size());
		if (frames.size() > 1) image.setOpenAsHyperStack(true);
		image.setCalibration(like.calibration());
		applyLabelDisplay(image, maxLabel);
		return image;
	}

	/**
	 * Stacks label frames already held as ImageJ planes (16- or 32-bit) into one hyperstack, without a
	 * flat copy; 16-bit frames become 32-bit when another frame needs it.
	 */
	public static ImagePlus createFromStacks(String title, java.util.List<ImageStack> frames, Volume like) {
		boolean wide = frames.stream().anyMatch(f -> f.getBitDepth() == 32);
		int maxLabel = 0;
		ImageStack stack = new ImageStack(like.width(), like.height());
		for (ImageStack f : frames) {
			for (int i = 1; i <= f.getSize(); i++) {
				ImageProcessor ip = f.getProcessor(i);
				if (wide && !(ip instanceof FloatProcessor)) ip = ip.convertToFloat();
				maxLabel = Math.max(maxLabel, (int) ip.getStatistics().max);
				stack.addSlice(ip);
			}
		}
		ImagePlus image = new ImagePlus(title, stack);
		image.setDimensions(1, like.depth(), frames.size());
		if (frames.size() > 1) image.setOpenAsHyperStack(true);
		image.setCalibration(like.calibration());
		applyLabelDisplay(image, maxLabel);
		return image;
	}

	/** An 8-bit 0/255 mask image from a flat boolean-like byte array (non-zero = inside). */
	public static ImagePlus createMask(String title, byte[] inside, Volume like) {
		int plane = like.planeSize();
		ImageStack stack = new ImageStack(like.width(), like.height());
		for (int z = 0; z < like.depth(); z++) {
			byte[] pixels = new byte[plane];
			for (int i = 0; i < plane; i++) pixels[i] = inside[z * plane + i] != 0 ? (byte) 255 : 0;
			stack.addSlice(new ij.process.ByteProcessor(like.width(), like.height(), pixels));
		}
		ImagePlus image = new ImagePlus(title, stack);
		image.setCalibration(like.calibration());
		return image;
	}

	/** Reads a label image (8-, 16- or 32-bit, one channel) into a flat int array. */
	public static int[] read(Volume labels) {
		int[] out = new int[labels.size()];
		int plane = labels.planeSize();
		for (int z = 0; z < labels.depth(); z++) {
			Object raw = labels.rawPlane(z);
			int offset = z * plane;
			if (raw instanceof short[] s) for (int i = 0; i < plane; i++) out[offset + i] = s[i] & 0xffff;
			else if (raw instanceof byte[] b) for (int i = 0; i < plane; i++) out[offset + i] = b[i] & 0xff;
			else {
				float[] f = (float[]) raw;
				for (int i = 0; i < plane; i++) out[offset + i] = readLabel(f[i]);
			}
		}
		return out;
	}

	private static int readLabel(float value) {
		if (!(value > 0)) return 0;
		if (value != Math.rint(value) || (double) value > Integer.MAX_VALUE) throw new io.segkit.SegKitException(
			"A label image must hold whole non-negative numbers, but it contains " + value + ".");
		return (int) value;
	}

	private static ImageStack toStack(int[] labels, int width, int height, int depth, int maxLabel) {
		int plane = width * height;
		ImageStack stack = new ImageStack(width, height);
		boolean wide = maxLabel > MAX_16BIT_LABEL;
		for (int z = 0; z < depth; z++) {
			ImageProcessor ip;
			if (wide) {
				float[] pixels = new float[plane];
				for (int i = 0; i < plane; i++) pixels[i] = labels[z * plane + i];
				ip = new FloatProcessor(width, height, pixels);
			} else {
				short[] pixels = new short[plane];
				for (int i = 0; i < plane; i++) pixels[i] = (short) labels[z * plane + i];
				ip = new ShortProcessor(width, height, pixels, null);
			}
			stack.addSlice(ip);
		}
		return stack;
	}

	private static void applyLabelDisplay(ImagePlus image, int maxLabel) {
		IndexColorModel lut = glasbeyLut();
		for (int i = 1; i <= image.getStackSize(); i++) image.getStack().getProcessor(i).setColorModel(lut);
		image.getProcessor().setColorModel(lut);
		image.setDisplayRange(0, Math.max(1, maxLabel));
		image.setProperty(LABEL_COUNT, maxLabel);
	}

	/**
	 * A 256-entry LUT of well-separated colours with black background; label values wrap around
	 * every 255 (display range 0..255).
	 */
	public static IndexColorModel glasbeyLut() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		// Golden-angle hues with alternating lightness keep neighbouring labels distinct.
		for (int i = 1; i < 256; i++) {
			double hue = (i * 0.618033988749895) % 1.0;
			double sat = (i % 3 == 0) ? 0.55 : 0.9;
			double val = (i % 2 == 0) ? 1.0 : 0.75;
			java.awt.Color c = java.awt.Color.getHSBColor((float) hue, (float) sat, (float) val);
			r[i] = (byte) c.getRed();
			g[i] = (byte) c.getGreen();
			b[i] = (byte) c.getBlue();
		}
		return new IndexColorModel(8, 256, r, g, b);
	}
}
