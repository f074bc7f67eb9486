package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
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

	@Test
	void aSecondRunGetsAUniqueTitleAsImageJNamesDuplicates() {
		ij.macro.Interpreter.batchMode = true;
		List<ImagePlus> outputs = new java.util.ArrayList<>();
		try {
			for (int run = 0; run < 3; run++) {
				Macro.setOptions("");
				WindowManager.setTempCurrentImage(image);
				outputs.add((ImagePlus) new CommandBridge().runCommand(new CommandInfo(EchoTestCommand.class),
					new MacroOptionsForm()).getOutput("result"));
			}
			assertEquals(List.of("cells-echo", "cells-echo-1", "cells-echo-2"), outputs.stream().map(
				ImagePlus::getTitle).toList());
		} finally {
			ij.macro.Interpreter.batchMode = false;
			outputs.forEach(ij.macro.Interpreter::removeBatchModeImage);
		}
	}

	@Test
	void plotsAreNeverOfferedAsImages() {
		ImagePlus picture = IJ.createImage("nuclei", "8-bit black", 16, 16, 1);
		ImagePlus plot = new ij.gui.Plot("nuclei training", "epoch", "loss").getImagePlus();
		ij.macro.Interpreter.batchMode = true;
		try {
			picture.show();
			plot.show();
			List<String> titles = List.of(ImageLists.titles());
			assertTrue(titles.contains("nuclei"), titles.toString());
			assertTrue(!titles.contains("nuclei training"), titles.toString());
		} finally {
			ij.macro.Interpreter.batchMode = false;
			ij.macro.Interpreter.removeBatchModeImage(picture);
			ij.macro.Interpreter.removeBatchModeImage(plot);
		}
	}

	@Test
	void theLogSaysWhatCameOut() {
		ImagePlus labels = io.segkit.image.LabelImages.create("nuclei-split", new int[] {0, 1, 2, 28}, 2, 2, 1,
			new io.segkit.image.Spacing(1, 1, 1, "µm"));
		assertEquals("28 objects in 'nuclei-split'", OutputReport.describe(labels));
		ImagePlus mask = IJ.createImage("nuclei-mask", "8-bit black", 4, 4, 1);
		mask.setProperty(io.segkit.image.LabelImages.OBJECT_COUNT, 1);
		assertEquals("1 object in the mask 'nuclei-mask'", OutputReport.describe(mask));
		ij.measure.ResultsTable table = new ij.measure.ResultsTable(3);
		assertEquals("3 rows in 'nuclei-measurements'", OutputReport.describe(table, "nuclei-measurements"));
	}
}
