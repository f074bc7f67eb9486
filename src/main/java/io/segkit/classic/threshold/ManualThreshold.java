package io.segkit.classic.threshold;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Volume;

import java.util.stream.IntStream;

/**
 * A fixed threshold: the voxels whose real value lies within [lower, upper] (both inclusive). NaN
 * voxels are never inside.
 */
public final class ManualThreshold {

	private ManualThreshold() {}

	/** A mask (1 = inside) of the voxels of {@code volume} with lower &lt;= value &lt;= upper. */
	public static byte[] apply(Volume volume, double lower, double upper, Progress progress) {
		if (Double.isNaN(lower) || Double.isNaN(upper)) throw new SegKitException(
			"The lower and upper threshold must be numbers.");
		if (lower > upper) throw new SegKitException("The lower threshold (" + AutoThreshold.format(lower) +
			") is above the upper threshold (" + AutoThreshold.format(upper) + "): swap them, or lower the lower one.");
		int plane = volume.planeSize();
		byte[] mask = new byte[volume.size()];
		IntStream.range(0, volume.depth()).parallel().forEach(z -> {
			progress.checkCancelled();
			int offset = z * plane;
			Object raw = volume.rawPlane(z);
			if (raw instanceof byte[] b) {
				for (int i = 0; i < plane; i++) {
					int v = b[i] & 0xff;
					if (v >= lower && v <= upper) mask[offset + i] = 1;
				}
			} else if (raw instanceof short[] s) {
				for (int i = 0; i < plane; i++) {
					int v = s[i] & 0xffff;
					if (v >= lower && v <= upper) mask[offset + i] = 1;
				}
			} else {
				float[] f = (float[]) raw;
				for (int i = 0; i < plane; i++) if (f[i] >= lower && f[i] <= upper) mask[offset + i] = 1;
			}
		});
		return mask;
	}
}
