package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

import io.segkit.SegKitException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;

class CommandBridgeTest extends MacroThreadTest {

	private static String echo(String options) {
		return echo(EchoTestCommand.class, options);
	}

	@Test
	void macroKeysAreLabelsWithUnderscores() {
		assertEquals("7.5|4|Li|true|none|null|true", echo("minimum_size=7.5 iterations=4 method=Li dark_objects"));
	}

	@Test
	void missingKeysKeepTheCommandDefaults() {
		assertEquals("2.5|3|Default|false|none|null|true", echo(""));
	}

	@Test
	void bracketedValuesMayContainSpaces() {
		assertTrue(echo("output_file=[/tmp/my folder/out.tif]").contains("/tmp/my folder/out.tif"));
	}

	@Test
	void otherImagesAreChosenByTitle() {
		ImagePlus markers = IJ.createImage("cells markers", "8-bit black", 16, 16, 1);
		try { // in batch mode, show() registers the image with the WindowManager without a window
			ij.macro.Interpreter.batchMode = true;
			markers.show();
			assertTrue(echo("marker_image=[cells markers]").contains("|cells markers|"));
		} finally {
			ij.macro.Interpreter.batchMode = false;
			ij.macro.Interpreter.removeBatchModeImage(markers);
		}
	}

	@Test
	void unknownImageTitleIsAClearError() {
		SegKitException e = assertThrows(SegKitException.class, () -> echo("marker_image=nothere"));
		assertTrue(e.getMessage().contains("no open image called 'nothere'"), e.getMessage());
	}

	@Test
	void outOfRangeAndNonNumbersAreRefusedWithTheLabel() {
		assertTrue(assertThrows(SegKitException.class, () -> echo("iterations=11")).getMessage()
			.contains("'Iterations' must be at most 10"));
		assertTrue(assertThrows(SegKitException.class, () -> echo("iterations=2.5")).getMessage()
			.contains("whole number"));
		assertTrue(assertThrows(SegKitException.class, () -> echo("minimum_size=abc")).getMessage()
			.contains("must be a number"));
	}

	@Test
	void aChoiceOutsideTheListNamesTheChoices() {
		SegKitException e = assertThrows(SegKitException.class, () -> echo("method=Triangle"));
		assertTrue(e.getMessage().contains("Otsu, Default, Li"), e.getMessage());
	}

	@Test
	void noCurrentImageIsAClearError() {
		WindowManager.setTempCurrentImage(null);
		SegKitException e = assertThrows(SegKitException.class, () -> echo(""));
		assertTrue(e.getMessage().contains("needs an image"), e.getMessage());
	}

	@Test
	void commandErrorsReachTheCallerUnchanged() {
		SegKitException e = assertThrows(SegKitException.class, () -> echo("minimum_size=500"));
		assertEquals("Minimum size is too large: choose at most 100.", e.getMessage());
	}

	@Test
	void macroOptionsParserHandlesFlagsBracketsAndCase() {
		Map<String, String> map = MacroOptions.parse("Method=Li dark  title=[a b=c] x=");
		assertEquals("Li", map.get("method"));
		assertTrue(map.containsKey("dark"));
		assertNull(map.get("dark"));
		assertEquals("a b=c", map.get("title"));
		assertEquals("", map.get("x"));
	}

	@Test
	void everyLabelMapsToAUniqueKey() {
		List<String> keys = new java.util.ArrayList<>();
		CommandInfo info = new CommandInfo(EchoTestCommand.class);
		info.inputs().forEach(item -> keys.add(new ParameterSpec(item.getName(), item.getLabel() == null ? item
			.getName() : item.getLabel(), ParameterSpec.Kind.TEXT, "", List.of(), 0, null).key()));
		assertEquals(keys.size(), keys.stream().distinct().count(), keys.toString());
		assertTrue(keys.contains("minimum_size"));
	}
}
