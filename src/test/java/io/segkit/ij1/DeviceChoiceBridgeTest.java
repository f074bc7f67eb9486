package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.Prefs;

import io.segkit.SegKitException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;

/**
 * The device choice through the bridge: the dialog offers automatic, CPU and the usable GPUs; a macro may hold the
 * new labels or any word recorded before the choice list (auto, cpu, gpu, gpu:1, and Plan's CPU / GPU).
 */
class DeviceChoiceBridgeTest extends MacroThreadTest {

	private static String run(String options) {
		return echo(DeviceTestCommand.class, options);
	}

	@Test
	void theNewLabelsAsTheRecorderWritesThem() {
		assertEquals("automatic|auto", run(""), "the default");
		assertEquals("automatic|auto", run("device=automatic"));
		assertEquals("CPU|cpu", run("device=CPU"));
		assertEquals("GPU 0|gpu:0", run("device=[GPU 0]"));
		assertEquals("GPU 3|gpu:3", run("device=[GPU 3]"), "a macro may name a GPU this computer lacks");
	}

	@Test
	void wordsOfOlderMacrosBecomeTheLabels() {
		assertEquals("automatic|auto", run("device=auto"));
		assertEquals("CPU|cpu", run("device=cpu"));
		assertEquals("GPU 0|gpu:0", run("device=gpu"));
		assertEquals("GPU 0|gpu:0", run("device=GPU"), "Plan Segmentation's and Auto-Train's former label");
		assertEquals("GPU 1|gpu:1", run("device=gpu:1"));
		run("device=gpu:2");
		assertEquals("device=[GPU 2]", ij.Macro.getOptions().trim(), "what a GenericDialog would then read");
	}

	@Test
	void anUnknownDeviceIsRefusedWithTheAcceptedWords() {
		SegKitException e = assertThrows(SegKitException.class, () -> run("device=tpu"));
		assertTrue(e.getMessage().startsWith("Unknown device 'tpu'. Use automatic, CPU or GPU n"), e.getMessage());
	}

	@Test
	void theDialogOffersWhatIsAvailable() throws Exception {
		String local = System.getenv("PYTORCH_LIBRARY_PATH");
		assumeTrue(local == null || local.isEmpty(), "PYTORCH_LIBRARY_PATH=" + local + " replaces the shipped CPU jar");
		CommandInfo info = new CommandInfo(DeviceTestCommand.class);
		Module module = info.createModule();
		ParameterSpec spec = ParameterSpecs.of(info.getInput("device"), module, v -> new String[0]);
		assertEquals(ParameterSpec.Kind.CHOICE, spec.kind());
		assertEquals(List.of("automatic", "CPU"), spec.choices(), "the shipped CPU build: no GPU to offer");
		assertEquals("automatic", spec.defaultValue());
		String key = RememberedValues.key("Device Test", spec);
		try {
			Prefs.set(key, "GPU 1");
			assertEquals("automatic", RememberedValues.recall("Device Test", List.of(spec)).get(0).defaultValue(),
				"a GPU remembered from another set-up is not offered");
		} finally {
			Prefs.set(key, null);
		}
		assertNull(Prefs.get(key, null));
	}
}
