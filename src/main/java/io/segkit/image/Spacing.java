package io.segkit.image;

import ij.measure.Calibration;

/** Voxel size along x, y and z in calibrated units (a 2D image has z spacing 1). */
public record Spacing(double x, double y, double z, String unit) {

	public static final Spacing UNIT = new Spacing(1, 1, 1, "pixel");

	public Spacing {
		if (!(x > 0) || !(y > 0) || !(z > 0) || Double.isInfinite(x) || Double.isInfinite(y) ||
			Double.isInfinite(z)) throw new io.segkit.SegKitException("The voxel size " + x + " x " + y +
				" x " + z + " is not valid: set positive sizes with Image > Properties.");
		unit = unit == null || unit.isEmpty() ? "pixel" : unit;
	}

	public static Spacing of(Calibration cal) {
		if (cal == null) return UNIT;
		double z = cal.pixelDepth > 0 ? cal.pixelDepth : 1;
		return new Spacing(positiveOr1(cal.pixelWidth), positiveOr1(cal.pixelHeight), z, cal.getUnit());
	}

	private static double positiveOr1(double v) {
		return v > 0 && !Double.isInfinite(v) ? v : 1;
	}

	/** Area of one pixel in calibrated units squared. */
	public double pixelArea() {
		return x * y;
	}

	/** Volume of one voxel in calibrated units cubed. */
	public double voxelVolume() {
		return x * y * z;
	}

	/** Spacing as {z, y, x}, the internal axis order. */
	public double[] zyx() {
		return new double[] { z, y, x };
	}

	public Calibration toCalibration() {
		Calibration cal = new Calibration();
		cal.pixelWidth = x;
		cal.pixelHeight = y;
		cal.pixelDepth = z;
		cal.setUnit(unit);
		return cal;
	}
}
