package io.segkit.image;

import io.segkit.SegKitException;

/**
 * SegKit's one rule for the special values of 32-bit images, the same in every command:
 * <ul>
 * <li><b>NaN means "no value"</b> (ImageJ's convention, e.g. after Process > Math > NaN Background): such voxels are
 * left out of every histogram, statistic and normalisation, are never foreground, object, seed or region, and are 0
 * (background) in every label image and mask SegKit makes. The Log says how many there were. Where a gradient or a
 * network needs a value there, the image's mean stands in for it.</li>
 * <li><b>Infinity is refused</b> with a message: no measurement is infinite (it usually comes from a division by
 * zero), and any threshold, mean or normalisation it enters would be wrong without a word.</li>
 * </ul>
 */
public final class MissingValues {

	private MissingValues() {}

	/** Counts the NaN voxels of {@code volume}; refuses one with an infinite value. 8- and 16-bit images have none. */
	public static long countNaN(Volume volume, String title) {
		if (volume.isIntegerType()) return 0;
		long nan = 0;
		for (int z = 0; z < volume.depth(); z++) {
			float[] plane = (float[]) volume.rawPlane(z);
			for (int i = 0; i < plane.length; i++) {
				float v = plane[i];
				if (Float.isNaN(v)) nan++;
				else if (Float.isInfinite(v)) throw infinite(volume, title, v, i, z);
			}
		}
		return nan;
	}

	private static SegKitException infinite(Volume volume, String title, float value, int index, int z) {
		int x = index % volume.width(), y = index / volume.width();
		return new SegKitException("'" + title + "' has " + (value > 0 ? "+" : "-") + "Infinity at x=" + x + ", y=" + y
			+ (volume.depth() > 1 ? ", slice " + (z + 1) : "") + ". SegKit refuses infinite values (they usually come "
			+ "from a division by zero) because every threshold, mean or normalization they enter would be wrong. "
			+ "Turn them into NaN (no value) with Process > Math > Macro..., code: if (v == 1/0 || v == -1/0) v = NaN;");
	}

	/** The Log line for a volume with {@code count} NaN voxels, or null when there are none. */
	public static String note(String title, long count) {
		if (count == 0) return null;
		return "'" + title + "': " + count + " voxel" + (count == 1 ? "" : "s") + " without a value (NaN) left out "
			+ "and labelled 0.";
	}

	/**
	 * {@code mask} (null = everywhere) without the NaN voxels of {@code volume}: a new array when the volume has NaN,
	 * otherwise {@code mask} itself.
	 */
	public static byte[] withoutNaN(byte[] mask, Volume volume) {
		if (volume.isIntegerType()) return mask;
		byte[] out = null;
		int plane = volume.planeSize();
		for (int z = 0; z < volume.depth(); z++) {
			float[] values = (float[]) volume.rawPlane(z);
			for (int i = 0; i < plane; i++) {
				if (!Float.isNaN(values[i])) continue;
				if (out == null) out = startingMask(mask, volume.size());
				out[z * plane + i] = 0;
			}
		}
		return out == null ? mask : out;
	}

	private static byte[] startingMask(byte[] mask, int size) {
		if (mask != null) return mask.clone();
		byte[] all = new byte[size];
		java.util.Arrays.fill(all, (byte) 1);
		return all;
	}

	/** {@code volume} with its NaN voxels replaced by the mean of the others (itself when it has none). */
	public static Volume meanFilled(Volume volume) {
		if (volume.isIntegerType()) return volume;
		float[] values = volume.toFloatArray();
		double sum = 0;
		long n = 0;
		for (float v : values) {
			if (!Float.isNaN(v)) {
				sum += v;
				n++;
			}
		}
		if (n == values.length) return volume;
		float mean = n == 0 ? 0f : (float) (sum / n);
		for (int i = 0; i < values.length; i++) if (Float.isNaN(values[i])) values[i] = mean;
		return Volume.ofFloats(values, volume.width(), volume.height(), volume.depth(), volume.spacing());
	}
}
