package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ij.Macro;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;

import io.segkit.command.PlanSegmentationCommand;

/** "Plan Segmentation" from a macro line: keys, empty overrides, files, and the plans as Results table. */
class PlanSegmentationMacroTest {

	@TempDir
	Path temp;

	private String threadName;

	@BeforeEach
	void macroThread() {
		threadName = Thread.currentThread().getName();
		Thread.currentThread().setName("Run$_test");
	}

	@AfterEach
	void clear() {
		Macro.setOptions(null);
		Thread.currentThread().setName(threadName);
	}

	@Test
	void macroLineRunsWithoutAnImageAndLeavesThePlansAsResults() {
		Path out = temp.resolve("plans out");
		Macro.setOptions("training_folder=[" + Path.of("test-images/3d").toAbsolutePath() + "] device=GPU " +
			"memory_gb=8 patch_size_3d=[32x64x64] output_folder=[" + out + "]");
		Module module = new CommandBridge().runCommand(new CommandInfo(PlanSegmentationCommand.class),
			new MacroOptionsForm());
		ResultsTable plans = (ResultsTable) module.getOutput("plans");
		assertSame(plans, Analyzer.getResultsTable(), "the last table is the macro's Results table");
		assertEquals("32x64x64", plans.getStringValue("Patch size", 1));
		assertEquals("", module.getInput("batchSize3d"), "a missing key keeps 'automatic'");
		assertEquals(3, temp.resolve("plans out").toFile().list().length);
		assertEquals(true, Files.isRegularFile(out.resolve("nnUNetPlans.json")));
	}
}
