package io.segkit.classic.threshold;

/**
 * How ImageJ puts the values of an image into the 256 bins its threshold methods work on, and how it
 * maps a bin threshold back to real values. It reproduces {@code ImageProcessor.setAutoThreshold(
 * Method, darkBackground, lut)} (ImageJ 1.54), which converts 16- and 32-bit data to 8-bit between
 * the data's min and max and scales the threshold back. (Called as
 * {@code setAutoThreshold("Otsu dark")}, as the Threshold tool does, bright objects start at bin
 * t + 1; the {@code setAutoThreshold(Method, boolean, int)} overload of 1.54g starts them at bin t.)
 * <ul>
 * <li>8-bit: bin = value; thresholds are bins.</li>
 * <li>16-bit ({@code TypeConverter.convertShortToByte}): bin = (int)((v - min) * 256 / (max - min + 1)
 * + 0.5), at most 255; a threshold bin b becomes min + b/255 * (max - min), rounded to a whole value
 * (ShortProcessor rounds); "everything below" starts at 0 and "everything above" ends at 65535.</li>
 * <li>32-bit ({@code FloatProcessor.create8BitImage}): bin = (int)((v - min) * 255 / (max - min) +
 * 0.5), clamped to 0..255; a threshold bin b becomes min + b/255 * (max - min), not rounded.</li>
 * </ul>
 * So the reported value for bright objects is the real value of bin (t + 1), ImageJ's lower bound,
 * and the mask is exactly the voxels whose real value lies within [lower, upper]: the same mask
 * ImageJ's Threshold &gt; Apply gives. NaN is never counted; min and max are over the non-NaN,
 * finite values (ImageJ counts NaN in bin 0 in setAutoThreshold; SegKit leaves them out).
 */
final class Binning {

	final int bitDepth;
	final double min, max;
	private final double scale;
	private final int intMin;

	Binning(int bitDepth, double min, double max) {
		this.bitDepth = bitDepth;
		this.min = min;
		this.max = max;
		this.intMin = (int) min;
		if (bitDepth == 16) scale = 256.0 / ((int) max - (int) min + 1);
		else if (bitDepth == 32) scale = 255.0 / (max - min);
		else scale = 1;
	}

	/** The bin (0..255) of a non-NaN value. */
	int bin(float value) {
		if (bitDepth == 8) return (int) value;
		if (bitDepth == 16) {
			int v = Math.max(0, (int) value - intMin);
			return Math.min(255, (int) (v * scale + 0.5));
		}
		double v = value - min;
		if (v < 0) v = 0;
		int b = (int) (v * scale + 0.5);
		return Math.min(255, b);
	}

	/** Real {lower, upper} bounds ImageJ sets for bin threshold t (bright = "dark background"). */
	double[] bounds(int t, boolean brightObjects) {
		double lower = brightObjects ? Math.min(255, t + 1) : 0;
		double upper = brightObjects ? 255 : t;
		if (bitDepth == 8) return new double[] { lower, upper };
		if (bitDepth == 16) {
			lower = lower == 0 ? 0 : min + (lower / 255.0) * (max - min);
			upper = upper == 255 ? 65535 : min + (upper / 255.0) * (max - min);
			return new double[] { Math.round(lower), Math.round(upper) };
		}
		return new double[] { min + (lower / 255.0) * (max - min), min + (upper / 255.0) * (max - min) };
	}
}
