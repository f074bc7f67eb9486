package io.segkit.ij1;

import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * Calibrated units shown after a number field: a command declares what its value measures with
 * {@code attrs = @Attr(name = Units.ATTRIBUTE, value = Units.LENGTH)}, and the dialog shows the unit of the image
 * it works on ("µm"; "µm²" or "µm³" for {@link #SIZE} by the image's dimensionality). The macro key stays the
 * label's, so recorded macros keep working when the image's unit changes.
 */
public final class Units {

	/** The {@code @Attr} name under which a number parameter says what it measures. */
	public static final String ATTRIBUTE = "unit";
	/** A distance in the image's unit. */
	public static final String LENGTH = "length";
	/** An area on a single image, a volume on a stack. */
	public static final String SIZE = "size";

	private Units() {}

	/** The unit text for a declared measure on {@code image}; "" when nothing is declared. */
	static String of(String measure, ImagePlus image) {
		if (measure == null || measure.isBlank()) return "";
		boolean volume = image != null && image.getNSlices() > 1;
		Calibration cal = image == null ? null : image.getCalibration();
		if (cal == null) return LENGTH.equals(measure) ? "calibrated units" : "calibrated area or volume";
		if (!cal.scaled()) return LENGTH.equals(measure) ? "pixels" : volume ? "voxels" : "pixels";
		String unit = micro(cal.getUnit());
		if (LENGTH.equals(measure)) return unit;
		if (!SIZE.equals(measure)) throw new IllegalStateException("Unknown unit attribute '" + measure + "'");
		return unit + (volume ? "³" : "²");
	}

	/** ImageJ keeps "micron" as typed; its dialogs show µm. */
	public static String micro(String unit) {
		return unit.equals("micron") || unit.equals("microns") || unit.equals("um") ? "µm" : unit;
	}
}
