package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EngineInfoCommandTest {

	@Test
	void reportsTheEngineAsOutput() {
		EngineInfoCommand command = new EngineInfoCommand();
		command.run();
		String info = command.info();
		assertTrue(info.contains("PyTorch 2.7.1 via DJL 0.34.0"), info);
		String local = System.getenv("PYTORCH_LIBRARY_PATH");
		boolean shippedCpuBuild = local == null || local.isEmpty(); // else DJL loads the developer's libtorch
		assertTrue(info.contains(shippedCpuBuild ? "libtorch flavour: cpu" : "libtorch flavour:"), info);
		assertTrue(info.contains("Threads (intra-op):"), info);
		assertTrue(info.contains("GPU:"), info);
		assertTrue(info.contains("GPU support: not installed (Plugins > SegKit > Install GPU Support"), info);
	}
}
