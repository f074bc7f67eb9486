package io.segkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;

/** The one reader of device words: the dialog's labels and every word recorded macros and scripts hold. */
class DeviceChoiceTest {

	private static void assertReads(String word, String label, String text) {
		DeviceChoice choice = DeviceChoice.of(word);
		assertEquals(label, choice.label(), word);
		assertEquals(text, choice.text(), word);
		assertEquals(label, DeviceChoice.labelOrNull(word), word);
	}

	@Test
	void theDialogsLabels() {
		assertReads("automatic", "automatic", "auto");
		assertReads("CPU", "CPU", "cpu");
		assertReads("GPU 0", "GPU 0", "gpu:0");
		assertReads("GPU 12", "GPU 12", "gpu:12");
	}

	@Test
	void wordsRecordedBeforeTheChoiceList() {
		// Train and Segment: free text; Plan and Auto-Train: CPU / GPU
		assertReads("auto", "automatic", "auto");
		assertReads(" Auto ", "automatic", "auto");
		assertReads("", "automatic", "auto");
		assertReads(null, "automatic", "auto");
		assertReads("cpu", "CPU", "cpu");
		assertReads("gpu", "GPU 0", "gpu:0");
		assertReads("GPU", "GPU 0", "gpu:0");
		assertReads("gpu:1", "GPU 1", "gpu:1");
		assertReads("GPU : 1", "GPU 1", "gpu:1");
	}

	@Test
	void otherWordsAreRefusedNamingTheAcceptedOnes() {
		for (String bad : new String[] {"tpu", "cuda", "gpu:", "gpu:-1", "gpu 1 2", "CPU 0", "automatically"}) {
			assertNull(DeviceChoice.labelOrNull(bad), bad);
			SegKitException e = assertThrows(SegKitException.class, () -> DeviceChoice.of(bad), bad);
			assertTrue(e.getMessage().startsWith("Unknown device '" + bad + "'. Use automatic, CPU or GPU n"), e
				.getMessage());
		}
	}

	/** The shipped CPU build: the dialog offers no GPU, and building the list does not depend on the engine. */
	@Test
	void withTheCpuBuildTheDialogOffersAutomaticAndTheCpu() {
		String local = System.getenv("PYTORCH_LIBRARY_PATH");
		assumeTrue(local == null || local.isEmpty(), "PYTORCH_LIBRARY_PATH=" + local + " replaces the shipped CPU jar");
		assertEquals(List.of("automatic", "CPU"), DeviceChoice.offered());
		Engines.pytorch();
		assertEquals(List.of("automatic", "CPU"), DeviceChoice.offered(), "the started engine's usable GPUs: none");
	}
}
