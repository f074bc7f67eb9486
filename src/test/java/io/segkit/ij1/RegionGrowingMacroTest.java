package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.PointRoi;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.classic.regiongrow.RegionGrowing;
import io.segkit.command.RegionGrowingCommand;
import io.segkit.image.Volume;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;

/** Region Growing's "Compare with" in macros: compare_with=[...] chooses, a macro recorded without it grows as before. */
class RegionGrowingMacroTest extends MacroThreadTest {

	private Module run(String options) {
		WindowManager.setTempCurrentImage(image); // the previous run's result became the current image
		image.setRoi(new PointRoi(0, 8));
		Macro.setOptions(options);
		return new CommandBridge().runCommand(new CommandInfo(RegionGrowingCommand.class), new MacroOptionsForm());
	}

	private static int[] labels(Module module) {
		ImagePlus out = (ImagePlus) module.getOutput("result");
		byte[] b = (byte[]) out.getProcessor().convertToByteProcessor(false).getPixels();
		int[] l = new int[b.length];
		for (int i = 0; i < b.length; i++) l[i] = b[i] & 0xff;
		return l;
	}

	private int[] expected(boolean fixed) {
		int[] seeds = new int[16 * 16];
		seeds[8 * 16] = 1;
		Volume v = Volume.of(image);
		return (fixed ? RegionGrowing.flood(v, seeds, null, 40, Connectivity.C8, Progress.NONE) : RegionGrowing.grow(v,
			seeds, null, 40, Connectivity.C8, Progress.NONE)).data();
	}

	@Test
	void aMacroRecordedWithoutTheKeyComparesWithTheRegionMean() {
		Module module = run("seeds=[Point selection] tolerance=40 mask=None connectivity=8");
		assertEquals("Region mean (adaptive)", module.getInput("compareWith"));
		assertArrayEquals(expected(false), labels(module));
	}

	@Test
	void compareWithSeedValueFloods() {
		Module module = run("seeds=[Point selection] tolerance=40 compare_with=[Seed value (fixed, like a flood fill)] " +
			"mask=None connectivity=8");
		assertArrayEquals(expected(true), labels(module));
		assertFalse(Arrays.equals(expected(true), expected(false)), "the ramp tells the two apart");
		assertArrayEquals(expected(false), labels(run("seeds=[Point selection] tolerance=40 " +
			"compare_with=[Region mean (adaptive)] mask=None connectivity=8")));
	}
}
