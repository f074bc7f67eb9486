package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.process.ImageProcessor;

import io.segkit.command.DistanceWatershedCommand;
import io.segkit.image.LabelImages;

import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;

/** Distance Watershed's dynamic in macros: omitted or 0 = automatic, an explicit value wins; the unit is no key. */
class DistanceWatershedMacroTest extends MacroThreadTest {

	/** Two discs of radius 5 µm, 8 µm apart (0.5 µm pixels): a threshold merges them, the watershed must not. */
	private static ImagePlus touchingDiscs() {
		ImagePlus mask = IJ.createImage("pair", "8-bit black", 64, 48, 1);
		ImageProcessor ip = mask.getProcessor();
		for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) {
			boolean left = Math.hypot(x - 24, y - 24) <= 10, right = Math.hypot(x - 40, y - 24) <= 10;
			if (left || right) ip.set(x, y, 255);
		}
		mask.getCalibration().pixelWidth = mask.getCalibration().pixelHeight = 0.5;
		mask.getCalibration().setUnit("µm");
		return mask;
	}

	private static int objects(String options) {
		ImagePlus mask = touchingDiscs();
		WindowManager.setTempCurrentImage(mask);
		Macro.setOptions(options);
		Module module = new CommandBridge().runCommand(new CommandInfo(DistanceWatershedCommand.class),
			new MacroOptionsForm());
		return ((Number) ((ImagePlus) module.getOutput("result")).getProperty(LabelImages.LABEL_COUNT)).intValue();
	}

	@Test
	void anOmittedOrZeroDynamicIsChosenFromTheObjects() {
		assertEquals(2, objects(""));
		assertEquals(2, objects("dynamic=0"));
	}

	@Test
	void anExplicitDynamicWins() {
		assertEquals(1, objects("dynamic=100"), "100 µm merges every maximum of an object");
		assertEquals(2, objects("dynamic=0.5 connectivity=8"), "0.5 µm keeps both discs");
	}

	@Test
	void theUnitFollowsTheImageButTheKeyStaysDynamic() throws Exception {
		CommandInfo info = new CommandInfo(DistanceWatershedCommand.class);
		Module module = info.createModule();
		ParameterSpec dynamic = ParameterSpecs.of(info.getInput("dynamic"), module, x -> new String[0],
			touchingDiscs());
		assertEquals("µm", dynamic.unit());
		assertEquals("dynamic", dynamic.key());
	}
}
