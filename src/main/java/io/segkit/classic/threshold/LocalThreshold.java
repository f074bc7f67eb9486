package io.segkit.classic.threshold;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.ImageChecks;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.stream.IntStream;

/**
 * Adaptive (local) thresholds: each voxel is compared with statistics of its neighbourhood.
 * <p>
 * <b>Window.</b> The radius is in calibrated units; along each axis the window reaches
 * round(radius / spacing) voxels each side, so an anisotropic stack gets a box that is the same
 * physical size along x, y and z. In 3D the window spans z too; "slice by slice" keeps it in-plane.
 * The window is truncated at the image border. Box statistics use running sums along each axis (O(1)
 * per voxel whatever the radius); the Gaussian mean is a separable convolution with sigma = radius / 3
 * along each axis (the scikit-image convention, block = +-3 sigma), truncated at the radius.
 * <p>
 * <b>Rules</b> for bright objects (m = local mean, s = local standard deviation, C = offset):
 * <ul>
 * <li>Mean: v &gt; m - C (as OpenCV's adaptiveThreshold and scikit-image's threshold_local; a negative
 * C asks for voxels clearly brighter than their surroundings).</li>
 * <li>Gaussian: v &gt; g - C, g the Gaussian-weighted mean.</li>
 * <li>Niblack: v &gt; m + k s - C, default k = 0.2 (Niblack 1986; Landini's Auto Local Threshold).</li>
 * <li>Sauvola (dark-object rule, see below): threshold m (1 + k (s / R - 1)), default k = 0.5,
 * R = 0.5 (Sauvola &amp; Pietikainen 2000).</li>
 * <li>Phansalkar (dark-object rule): threshold m (1 + p exp(-q m) + k (s / R - 1)), p = 2, q = 10,
 * default k = 0.25, R = 0.5 (Phansalkar et al. 2011).</li>
 * </ul>
 * Sauvola and Phansalkar were made for dark objects (text, stained nuclei) on a bright background:
 * their rule is u &lt; m (1 + k (s / R - 1)), m and s of u, with intensities u in [0, 1] and 0 = black.
 * They work on the values rescaled as u = (v - min) / (max - min) over the volume (R = 0.5 then
 * equals the classic R = 128 of an 8-bit image). Mean, Gaussian and Niblack work in the image's own
 * units (C in those units). The other polarity is always the same rule on the inverted image (-v, or
 * 1 - u): dark objects for Mean are v &lt; m + C, for Niblack v &lt; m - k s + C (Niblack's own form,
 * whose k = -0.2 is this k = 0.2), and bright objects for Sauvola are 1 - u &lt; threshold of 1 - u. So
 * the same parameters mean the same strictness for both polarities. NaN voxels are left out of every
 * window and are never inside the mask.
 */
public final class LocalThreshold {

	private LocalThreshold() {}

	public enum Method {
		MEAN("Mean"), GAUSSIAN("Gaussian"), NIBLACK("Niblack"), SAUVOLA("Sauvola"), PHANSALKAR("Phansalkar");

		private final String label;

		Method(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

		/** The default k (0 for methods without one). */
		public double defaultK() {
			return this == NIBLACK ? 0.2 : this == SAUVOLA ? 0.5 : this == PHANSALKAR ? 0.25 : 0;
		}

		/** The default R (0 for methods without one). */
		public double defaultR() {
			return this == SAUVOLA || this == PHANSALKAR ? 0.5 : 0;
		}

		public boolean usesOffset() {
			return this == MEAN || this == GAUSSIAN || this == NIBLACK;
		}

		public static Method of(String label) {
			for (Method m : values()) if (m.label.equalsIgnoreCase(label.trim())) return m;
			throw new SegKitException("Unknown local threshold method '" + label +
				"': use Mean, Gaussian, Niblack, Sauvola or Phansalkar.");
		}
	}

	/**
	 * What to compute. {@code k} and {@code r} of 0 mean the method's default; {@code offset} is C.
	 *
	 * @param radius window radius in calibrated units (the image's spacing unit)
	 * @param sliceBySlice true: 2D windows in each z-slice; false: 3D windows
	 */
	public record Settings(Method method, double radius, boolean brightObjects, boolean sliceBySlice,
		double offset, double k, double r)
	{

		/** Defaults for the method: bright objects, 3D window, C = 0, default k and R. */
		public static Settings of(Method method, double radius) {
			return new Settings(method, radius, true, false, 0, 0, 0);
		}

		public Settings withObjects(boolean bright) {
			return new Settings(method, radius, bright, sliceBySlice, offset, k, r);
		}

		public Settings withSliceBySlice(boolean perSlice) {
			return new Settings(method, radius, brightObjects, perSlice, offset, k, r);
		}

		public Settings withOffset(double c) {
			return new Settings(method, radius, brightObjects, sliceBySlice, c, k, r);
		}

		public Settings withK(double value) {
			return new Settings(method, radius, brightObjects, sliceBySlice, offset, value, r);
		}

		public Settings withR(double value) {
			return new Settings(method, radius, brightObjects, sliceBySlice, offset, k, value);
		}

		double kOrDefault() {
			return k != 0 ? k : method.defaultK();
		}

		double rOrDefault() {
			return r != 0 ? r : method.defaultR();
		}
	}

	/**
	 * Window half-sizes {x, y, z} in voxels for a calibrated radius: round(radius / spacing) per axis;
	 * z is 0 for a single plane or slice-by-slice windows.
	 */
	public static int[] radiusInVoxels(double radius, Spacing spacing, int depth, boolean sliceBySlice) {
		int rz = depth > 1 && !sliceBySlice ? (int) Math.round(radius / spacing.z()) : 0;
		return new int[] { (int) Math.round(radius / spacing.x()), (int) Math.round(radius / spacing.y()),
			Math.min(rz, Math.max(0, depth - 1)) };
	}

	/** A mask (1 = object) of {@code volume} (never modified). */
	public static byte[] apply(Volume volume, Settings settings, Progress progress) {
		validate(volume, settings);
		double[] range = AutoThreshold.finiteRange(volume, 0, volume.depth());
		AutoThreshold.requireSomethingToThreshold(range);
		int[] dims = { volume.width(), volume.height(), volume.depth() };
		int[] radius = radiusInVoxels(settings.radius(), volume.spacing(), volume.depth(), settings.sliceBySlice());
		if (radius[0] == 0 && radius[1] == 0 && radius[2] == 0) throw new SegKitException("The radius " +
			settings.radius() + " " + volume.spacing().unit() + " is less than half a pixel (" + volume.spacing().x() +
			" x " + volume.spacing().y() + " " + volume.spacing().unit() + "), so each window would hold one pixel. " +
			"Use a larger radius (in calibrated units, see Image > Properties).");
		Method method = settings.method();
		boolean needsStd = method == Method.NIBLACK || method == Method.SAUVOLA || method == Method.PHANSALKAR;
		int n = volume.size();
		ImageChecks.requireMemory((long) n * (4 + 8 + (needsStd ? 8 : 0) + 8), "Local threshold");

		Transform transform = new Transform(method, settings.brightObjects(), range);
		float[] values = volume.toFloatArray();
		boolean hasNaN = false;
		double sum = 0;
		long valid = 0;
		for (float v : values) {
			if (Float.isNaN(v)) hasNaN = true;
			else {
				sum += transform.apply(v);
				valid++;
			}
		}
		double centre = sum / valid; // statistics of (u - centre) keep the variance accurate
		double[] s1 = new double[n], s2 = needsStd ? new double[n] : null, weight = hasNaN ? new double[n] : null;
		for (int i = 0; i < n; i++) {
			float v = values[i];
			if (Float.isNaN(v)) continue;
			double a = transform.apply(v) - centre;
			s1[i] = a;
			if (s2 != null) s2[i] = a * a;
			if (weight != null) weight[i] = 1;
		}
		progress.checkCancelled();

		double[][] axisNorm = new double[3][];
		if (method == Method.GAUSSIAN) {
			double[][] kernels = gaussianKernels(settings.radius(), volume.spacing(), radius);
			for (double[] a : new double[][] { s1, weight }) if (a != null) SeparableFilters.convolve(a, dims, kernels,
				progress);
			for (int axis = 0; axis < 3; axis++) axisNorm[axis] = SeparableFilters.kernelWeights(dims[axis],
				kernels[axis]);
		} else {
			for (double[] a : new double[][] { s1, s2, weight }) if (a != null) SeparableFilters.boxSum(a, dims, radius,
				progress);
			for (int axis = 0; axis < 3; axis++) axisNorm[axis] = SeparableFilters.boxCounts(dims[axis], radius[axis]);
		}
		progress.update("Local threshold", 1, 2);

		// Ties within rounding (a flat region compared with its own mean) count as background.
		double tolerance = 1e-9 * (transform.rescale() ? 1 : range[1] - range[0]);
		Rule rule = new Rule(settings, tolerance);
		byte[] mask = new byte[n];
		int w = dims[0], h = dims[1];
		IntStream.range(0, dims[2] * h).parallel().forEach(row -> {
			if (row % h == 0) progress.checkCancelled();
			int z = row / h, y = row % h;
			double norm = axisNorm[1][y] * axisNorm[2][z];
			for (int x = 0, i = row * w; x < w; x++, i++) {
				float v = values[i];
				if (Float.isNaN(v)) continue;
				double count = weight != null ? weight[i] : norm * axisNorm[0][x];
				double mean = s1[i] / count;
				double std = 0;
				if (s2 != null) std = Math.sqrt(Math.max(0, s2[i] / count - mean * mean));
				if (rule.inside(transform.apply(v), mean + centre, std)) mask[i] = 1;
			}
		});
		progress.update("Local threshold", 2, 2);
		return mask;
	}

	private static void validate(Volume volume, Settings s) {
		if (s == null || s.method() == null) throw new SegKitException("Choose a local threshold method.");
		if (!(s.radius() > 0) || Double.isInfinite(s.radius())) throw new SegKitException("The radius must be " +
			"a positive number (in " + volume.spacing().unit() + "), not " + s.radius() + ".");
		if (Double.isNaN(s.offset()) || Double.isInfinite(s.offset())) throw new SegKitException(
			"The offset must be a number.");
		if (Double.isNaN(s.k()) || Double.isInfinite(s.k())) throw new SegKitException("k must be a number.");
		if (Double.isNaN(s.r()) || s.r() < 0 || Double.isInfinite(s.r())) throw new SegKitException("R must be a " +
			"positive number (0 = the method's default, " + s.method().defaultR() + ").");
	}

	/** Gaussian kernels with sigma = radius / 3 (calibrated), truncated at the per-axis voxel radius. */
	static double[][] gaussianKernels(double radius, Spacing spacing, int[] voxelRadius) {
		double[] step = { spacing.x(), spacing.y(), spacing.z() };
		double[][] kernels = new double[3][];
		for (int axis = 0; axis < 3; axis++) {
			int r = voxelRadius[axis];
			if (r == 0) continue;
			double sigma = radius / 3 / step[axis];
			double[] k = new double[2 * r + 1];
			for (int j = -r; j <= r; j++) k[j + r] = Math.exp(-0.5 * j * j / (sigma * sigma));
			kernels[axis] = k;
		}
		return kernels;
	}

	/** The values a method works on: v or -v, or v rescaled to [0, 1] (inverted for bright objects). */
	private record Transform(boolean rescale, boolean bright, double min, double max) {

		Transform(Method method, boolean bright, double[] range) {
			this(method == Method.SAUVOLA || method == Method.PHANSALKAR, bright, range[0], range[1]);
		}

		double apply(float raw) {
			double v = Math.max(min, Math.min(max, raw)); // infinite values count as the extremes
			if (rescale) {
				double u = (v - min) / (max - min); // Sauvola/Phansalkar rules look for dark objects
				return bright ? 1 - u : u;
			}
			return bright ? v : -v; // the other rules look for bright objects
		}
	}

	/** The comparison of one method. */
	private static final class Rule {

		private final Method method;
		private final double offset, k, r, tolerance;

		Rule(Settings s, double tolerance) {
			method = s.method();
			this.tolerance = tolerance;
			offset = s.offset();
			k = s.kOrDefault();
			r = s.rOrDefault();
		}

		boolean inside(double u, double mean, double std) {
			if (method == Method.SAUVOLA || method == Method.PHANSALKAR) return u < threshold(mean, std) - tolerance;
			return u > threshold(mean, std) + tolerance;
		}

		double threshold(double mean, double std) {
			switch (method) {
				case MEAN:
				case GAUSSIAN:
					return mean - offset;
				case NIBLACK:
					return mean + k * std - offset;
				case SAUVOLA:
					return mean * (1 + k * (std / r - 1));
				default:
					return mean * (1 + 2 * Math.exp(-10 * mean) + k * (std / r - 1));
			}
		}
	}
}
