package io.segkit.ij1;

import ij.ImagePlus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fits a command's fields to the image it works on. Connectivity offers 4 and 8 on a single image (default 8)
 * and every neighbourhood on a stack (default 26); choices that only matter between slices (histogram per stack or
 * per slice, a 2D or 3D window) are not asked on a single image. Dialogs only are narrowed: macro options keep every
 * value a recorded macro may hold (26 on a 2D image acts as 8), only their defaults follow the image.
 */
final class ImageFit {

	private static final List<String> CONNECTIVITY = List.of("4", "8", "6", "18", "26");
	private static final List<String> IN_PLANE = List.of("4", "8");
	private static final Set<Set<String>> BETWEEN_SLICES = Set.of(Set.of("Stack", "Each slice"), Set.of("3D", "2D"));

	private ImageFit() {}

	static List<ParameterSpec> apply(List<ParameterSpec> specs, ImagePlus image, boolean dialog) {
		if (image == null) return specs;
		boolean single = image.getNSlices() == 1;
		List<ParameterSpec> out = new ArrayList<>();
		for (ParameterSpec spec : specs) {
			if (spec.kind() != ParameterSpec.Kind.CHOICE) out.add(spec);
			else if (isConnectivity(spec)) out.add(single ? inPlane(spec, dialog) : spec);
			else if (!(single && dialog && BETWEEN_SLICES.contains(Set.copyOf(spec.choices())))) out.add(spec);
		}
		return out;
	}

	private static boolean isConnectivity(ParameterSpec spec) {
		return spec.choices().equals(CONNECTIVITY);
	}

	/** 26 and 18 act as 8 within a plane, 6 as 4. */
	private static ParameterSpec inPlane(ParameterSpec spec, boolean dialog) {
		String value = spec.defaultValue().equals("6") ? "4" : IN_PLANE.contains(spec.defaultValue()) ? spec
			.defaultValue() : "8";
		return spec.withChoices(dialog ? IN_PLANE : spec.choices(), value);
	}
}
