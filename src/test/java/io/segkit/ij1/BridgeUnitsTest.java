package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.segkit.command.SegmentWithModelCommand;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;

/** The units beside the fields follow the image the command works on, also when it could work on a folder. */
class BridgeUnitsTest extends MacroThreadTest {

	/** The unit of each field, by parameter name, as the form is asked (then cancelled). */
	private static Map<String, String> units() {
		Map<String, String> units = new HashMap<>();
		ParameterForm form = (title, specs) -> {
			for (ParameterSpec spec : specs) units.put(spec.name(), spec.unit());
			return null;
		};
		assertNull(new CommandBridge().runCommand(new CommandInfo(SegmentWithModelCommand.class), form));
		return units;
	}

	@Test
	void segmentWithModelSaysTheAreaUnitOfTheCurrentImage() {
		image.getCalibration().pixelWidth = 0.5;
		image.getCalibration().pixelHeight = 0.5;
		image.getCalibration().setUnit("micron");
		assertEquals("µm²", units().get("minimumSize"));
		assertEquals("", units().get("tileStep"), "no unit declared");
	}

	@Test
	void anUncalibratedImageCountsInPixels() {
		assertEquals("pixels", units().get("minimumSize"));
	}
}
