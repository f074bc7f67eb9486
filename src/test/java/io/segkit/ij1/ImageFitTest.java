package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.util.List;

import org.junit.jupiter.api.Test;

class ImageFitTest {

	private static final List<String> ALL = List.of("4", "8", "6", "18", "26");
	private static final ParameterSpec CONNECTIVITY = new ParameterSpec("c", "Connectivity",
		ParameterSpec.Kind.CHOICE, "26", ALL, 0, null);
	private static final ParameterSpec HISTOGRAM = new ParameterSpec("h", "Histogram", ParameterSpec.Kind.CHOICE,
		"Stack", List.of("Stack", "Each slice"), 0, null);

	private final ImagePlus plane = IJ.createImage("plane", "8-bit black", 8, 8, 1);
	private final ImagePlus stack = IJ.createImage("stack", "8-bit black", 8, 8, 4);

	@Test
	void aSingleImageIsOfferedPlanarConnectivitiesWithEightByDefault() {
		ParameterSpec fitted = ImageFit.apply(List.of(CONNECTIVITY), plane, true).get(0);
		assertEquals(List.of("4", "8"), fitted.choices());
		assertEquals("8", fitted.defaultValue());
		ParameterSpec six = CONNECTIVITY.withChoices(ALL, "6");
		assertEquals("4", ImageFit.apply(List.of(six), plane, true).get(0).defaultValue());
	}

	@Test
	void aStackIsOfferedEveryConnectivityWith26ByDefault() {
		ParameterSpec fitted = ImageFit.apply(List.of(CONNECTIVITY), stack, true).get(0);
		assertEquals(ALL, fitted.choices());
		assertEquals("26", fitted.defaultValue());
	}

	@Test
	void macrosKeepEveryChoiceButTheirDefaultFollowsTheImage() {
		ParameterSpec fitted = ImageFit.apply(List.of(CONNECTIVITY), plane, false).get(0);
		assertEquals(ALL, fitted.choices(), "a macro recorded on a stack may say 26 on a 2D image");
		assertEquals("8", fitted.defaultValue());
	}

	@Test
	void choicesBetweenSlicesAreNotAskedOnASingleImage() {
		assertTrue(ImageFit.apply(List.of(HISTOGRAM), plane, true).isEmpty());
		assertEquals(List.of(HISTOGRAM), ImageFit.apply(List.of(HISTOGRAM), stack, true));
		assertEquals(List.of(HISTOGRAM), ImageFit.apply(List.of(HISTOGRAM), plane, false));
	}

	@Test
	void unitsFollowTheImageCalibrationAndDimensionality() {
		stack.getCalibration().pixelWidth = 0.5;
		stack.getCalibration().setUnit("micron");
		plane.getCalibration().pixelWidth = 0.5;
		plane.getCalibration().setUnit("um");
		assertEquals("µm", Units.of(Units.LENGTH, stack));
		assertEquals("µm³", Units.of(Units.SIZE, stack));
		assertEquals("µm²", Units.of(Units.SIZE, plane));
		assertEquals("pixels", Units.of(Units.LENGTH, IJ.createImage("raw", "8-bit black", 8, 8, 1)));
		assertEquals("", Units.of(null, stack));
	}
}
