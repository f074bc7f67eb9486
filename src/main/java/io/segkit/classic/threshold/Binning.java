package io.segkit.classic.threshold;

/**
 * How ImageJ puts the values of an image into the 256 bins its threshold methods work on
 * ({@code ImageProcessor.setAutoThreshold}, ImageJ 1.54g, which converts 16- and 32-bit data to
 * 8-bit between the data's min and max), and the real value range of a run of bins.
 * <ul>
 * <li>8-bit: bin = value.</li>
 * <li>16-bit ({@code TypeConverter.convertShortToByte}): bin = (int)((v - min) * 256 / (max - min + 1)
 * + 0.5), at most 255.</li>
 * <li>32-bit ({@code FloatProcessor.create8BitImage}): bin = (int)((v - min) * 255 / (max - min) +
 * 0.5), clamped to 0..255.</li>
 * </ul>
 * <b>Mapping back.</b> ImageJ reports a bin threshold b as min + b/255 * (max - min), which for 16- and
 * 32-bit data lies about half a bin above the lowest value that the binning put in bin b, so ImageJ's
 * Threshold &gt; Apply leaves out part of the first object bin. SegKit keeps ImageJ's bins and threshold
 * bin, selects exactly the voxels of the chosen bins, and reports the real bounds of those bins: for
 * 16-bit the smallest and largest whole values inside, for 32-bit the bin edge (v - min) * scale + 0.5
 * = b. NaN is never counted; min and max are over the finite values.
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

	/**
	 * Real {lower, upper} bounds of bins [fromBin, toBin]: 8- and 16-bit as ImageJ shows an open side (0,
	 * 255 or 65535), 32-bit with the data's min or max there.
	 */
	double[] bounds(int fromBin, int toBin) {
		if (bitDepth == 8) return new double[] { fromBin, toBin };
		if (bitDepth == 16) {
			double lower = fromBin == 0 ? 0 : firstWholeValueIn(fromBin);
			double upper = toBin == 255 ? 65535 : firstWholeValueIn(toBin + 1) - 1;
			return new double[] { lower, upper };
		}
		double lower = fromBin == 0 ? min : min + (fromBin - 0.5) / scale;
		double upper = toBin == 255 ? max : Math.nextDown(min + (toBin + 0.5) / scale);
		return new double[] { lower, upper };
	}

	/** The smallest whole value v &gt;= min with bin(v) &gt;= b (16-bit). */
	private int firstWholeValueIn(int b) {
		int v = (int) Math.ceil(min + (b - 0.5) / scale);
		while (v > intMin && bin(v - 1) >= b) v--;
		while (bin(v) < b) v++;
		return v;
	}
}
