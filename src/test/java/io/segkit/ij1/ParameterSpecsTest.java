package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

import io.segkit.SegKitException;

import java.io.File;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.widget.FileWidget;

/** SciJava parameters to form fields and form values back to typed inputs, one parameter type at a time. */
class ParameterSpecsTest {

	/** One parameter of every kind the bridge supports, with current values that exercise the defaults. */
	public static class AllKinds implements Command {

		@Parameter(label = "Sigma (µm)", min = "0.5", max = "10")
		double sigma = 2.5;
		@Parameter(label = "Fine step")
		double fine = 0.125;
		@Parameter(label = "Tiny")
		double tiny = 1e-7;
		@Parameter(label = "Whole double")
		double wholeDouble = 3;
		@Parameter(label = "Iterations", min = "1", max = "10")
		int iterations = 3;
		@Parameter(label = "Missing count")
		Integer missingCount;
		@Parameter
		long unlabelled = 9;
		@Parameter(label = "Small")
		short small = 2;
		@Parameter(label = "Tiny int")
		byte tinyInt = 1;
		@Parameter(label = "Ratio")
		float ratio = 0.5f;
		@Parameter(label = "Dark objects")
		boolean dark = true;
		@Parameter(label = "Maybe")
		Boolean maybe;
		@Parameter(label = "Output folder", style = FileWidget.DIRECTORY_STYLE, required = false)
		File folder;
		@Parameter(label = "Model file", style = FileWidget.OPEN_STYLE, required = false)
		File model = new File("/tmp/model.zip");
		@Parameter(label = "Method", choices = { "Otsu", "Default", "Li" })
		String method = "Li";
		@Parameter(label = "Stale choice", choices = { "Otsu", "Default" })
		String stale = "Triangle";
		@Parameter(label = "Title")
		String title;
		@Parameter(label = "Image")
		ImagePlus image;
		@Parameter(label = "Markers", required = false)
		ImagePlus markers;
		@Parameter(label = "Mask", required = false, style = CommandBridge.CURRENT_IMAGE_STYLE)
		ImagePlus mask;
		@Parameter(label = "Letter")
		char letter = 'a';

		@Override
		public void run() {}
	}

	private final CommandInfo info = new CommandInfo(AllKinds.class);
	private final Module module = module(info);

	private static Module module(CommandInfo info) {
		try {
			return info.createModule();
		} catch (org.scijava.module.ModuleException e) {
			throw new AssertionError(e);
		}
	}

	@AfterEach
	void clear() {
		WindowManager.setTempCurrentImage(null);
	}

	private ModuleItem<?> item(String name) {
		ModuleItem<?> item = info.getInput(name);
		assertTrue(item != null, name);
		return item;
	}

	private ParameterSpec spec(String name, String... openTitles) {
		return ParameterSpecs.of(item(name), module, x -> openTitles);
	}

	private Object convert(String name, String value) {
		return ParameterSpecs.convert(item(name), spec(name), value);
	}

	@Test
	void numbersShowTheirValueWithDigitsForTheirType() {
		ParameterSpec sigma = spec("sigma");
		assertEquals("sigma", sigma.name());
		assertEquals("Sigma (µm)", sigma.label());
		assertEquals(ParameterSpec.Kind.NUMBER, sigma.kind());
		assertEquals("2.5", sigma.defaultValue());
		assertEquals(1, sigma.digits());
		assertEquals(List.of(), sigma.choices());
		assertEquals(3, spec("fine").digits());
		assertEquals(4, spec("tiny").digits(), "scientific notation");
		assertEquals(1, spec("wholeDouble").digits());
		assertEquals("3.0", spec("wholeDouble").defaultValue());
		ParameterSpec iterations = spec("iterations");
		assertEquals(ParameterSpec.Kind.NUMBER, iterations.kind());
		assertEquals("3", iterations.defaultValue());
		assertEquals(0, iterations.digits(), "whole-number types show no decimals");
		assertEquals("0", spec("missingCount").defaultValue(), "no current value");
		assertEquals(0, spec("missingCount").digits());
		assertEquals(0, spec("small").digits());
		assertEquals(0, spec("tinyInt").digits());
		assertEquals(ParameterSpec.Kind.NUMBER, spec("ratio").kind());
	}

	@Test
	void aMissingLabelFallsBackToTheName() {
		ParameterSpec s = spec("unlabelled");
		assertEquals("unlabelled", s.label());
		assertEquals("9", s.defaultValue());
	}

	@Test
	void flagsFilesAndText() {
		assertEquals(ParameterSpec.Kind.FLAG, spec("dark").kind());
		assertEquals("true", spec("dark").defaultValue());
		assertEquals("false", spec("maybe").defaultValue(), "a null Boolean is unticked");
		assertEquals(ParameterSpec.Kind.DIRECTORY, spec("folder").kind());
		assertEquals("", spec("folder").defaultValue());
		assertEquals(ParameterSpec.Kind.FILE, spec("model").kind());
		assertEquals(new File("/tmp/model.zip").toString(), spec("model").defaultValue());
		assertEquals(ParameterSpec.Kind.TEXT, spec("title").kind());
		assertEquals("", spec("title").defaultValue());
	}

	@Test
	void choicesKeepAListedValueAndReplaceAStaleOne() {
		ParameterSpec method = spec("method");
		assertEquals(ParameterSpec.Kind.CHOICE, method.kind());
		assertEquals(List.of("Otsu", "Default", "Li"), method.choices());
		assertEquals("Li", method.defaultValue());
		assertEquals("Otsu", spec("stale").defaultValue(), "a value outside the list becomes the first choice");
	}

	@Test
	void imageChoicesListTheOpenImagesAndNoneWhenOptional() {
		ParameterSpec required = spec("image", "a", "b");
		assertEquals(ParameterSpec.Kind.IMAGE, required.kind());
		assertEquals(List.of("a", "b"), required.choices());
		assertEquals("a", required.defaultValue());
		assertEquals(List.of(CommandBridge.NO_IMAGE), spec("image").choices(), "no open image: only None");
		ParameterSpec optional = spec("markers", "a", "b");
		assertEquals(List.of(CommandBridge.NO_IMAGE, "a", "b"), optional.choices());
		assertEquals(CommandBridge.NO_IMAGE, optional.defaultValue());
		// the "current image" style starts at the current image when it is open, else at None
		WindowManager.setTempCurrentImage(IJ.createImage("b", "8-bit black", 4, 4, 1));
		assertEquals("b", spec("mask", "a", "b").defaultValue());
		assertEquals(CommandBridge.NO_IMAGE, spec("markers", "a", "b").defaultValue(), "only with that style");
		assertEquals(CommandBridge.NO_IMAGE, spec("mask", "a").defaultValue(), "current image not among the choices");
	}

	@Test
	void unsupportedTypesAreAProgrammingError() {
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> spec("letter"));
		assertTrue(e.getMessage().contains("type char"), e.getMessage());
	}

	@Test
	void valuesConvertToTheParameterType() {
		assertEquals(7.25, convert("sigma", " 7.25 "));
		assertEquals(4, convert("iterations", "4"));
		assertEquals(4, convert("iterations", "4.0"), "a whole number written with a decimal point");
		assertEquals(123L, convert("unlabelled", "123"));
		assertEquals((short) -3, convert("small", "-3"));
		assertEquals((byte) 7, convert("tinyInt", "7"));
		assertEquals(0.75f, convert("ratio", "0.75"));
		assertEquals(1000, convert("missingCount", "1e3"));
		assertEquals(true, convert("dark", "true"));
		assertEquals(false, convert("maybe", "yes"), "only 'true' is true");
		assertEquals("Default", convert("method", "Default"));
		assertEquals(new File("/data/out"), convert("folder", "/data/out"));
		assertNull(convert("folder", ""));
		assertNull(convert("model", "   "));
	}

	@Test
	void badNumbersAreRefusedWithTheLabelAndTheLimit() {
		assertEquals("'Sigma (µm)' must be at least 0.5, not 0.25.", assertThrows(SegKitException.class,
			() -> convert("sigma", "0.25")).getMessage());
		assertEquals("'Sigma (µm)' must be at most 10.0, not 10.5.", assertThrows(SegKitException.class,
			() -> convert("sigma", "10.5")).getMessage());
		assertEquals(10.0, convert("sigma", "10"), "the limits themselves are allowed");
		assertEquals(0.5, convert("sigma", "0.5"));
		assertEquals("'Iterations' must be a whole number, not 2.5.", assertThrows(SegKitException.class,
			() -> convert("iterations", "2.5")).getMessage());
		assertEquals("'Iterations' must be a number, not 'three'.", assertThrows(SegKitException.class,
			() -> convert("iterations", "three")).getMessage());
		assertEquals("'Fine step' must be a number.", assertThrows(SegKitException.class, () -> convert("fine",
			"NaN")).getMessage());
		assertThrows(SegKitException.class, () -> convert("sigma", "Infinity"));
		assertThrows(SegKitException.class, () -> convert("fine", ""));
	}

	@Test
	void imagesAreFoundByTitle() {
		assertNull(convert("markers", CommandBridge.NO_IMAGE));
		assertNull(convert("markers", ""));
		SegKitException e = assertThrows(SegKitException.class, () -> convert("markers", "nothere"));
		assertEquals("There is no open image called 'nothere' for 'Markers'. Open it first, or check the title.", e
			.getMessage());
		ImagePlus open = IJ.createImage("nuclei c1", "8-bit black", 4, 4, 1);
		try { // in batch mode, show() registers the image with the WindowManager without a window
			ij.macro.Interpreter.batchMode = true;
			open.show();
			assertSame(open, convert("markers", "nuclei c1"));
		} finally {
			ij.macro.Interpreter.batchMode = false;
			ij.macro.Interpreter.removeBatchModeImage(open);
		}
	}
}
