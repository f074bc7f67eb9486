package io.segkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.segkit.SegKitException;

class EnginesTest {

	@Test
	void startsFromTheNativeJarOfflineAndComputes() {
		assertEquals("true", System.getProperty("ai.djl.offline"), "tests must run offline");
		Engines.pytorch();
		assertTrue(Engines.libtorchVersion().startsWith("2.7.1"), Engines.libtorchVersion());
		try (NDManager manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()))) {
			NDArray a = manager.create(new float[] {1, 2, 3});
			assertEquals(14f, a.mul(a).sum().getFloat(), 0f);
		}
	}

	@Test
	void infoOnCpuReportsTheCpuFlavour() {
		EngineInfo info = EngineInfo.current();
		String text = info.toText();
		if (info.flavour().startsWith("cpu")) { // the shipped native jar; a local CUDA libtorch would differ
			assertTrue(text.contains("libtorch flavour: cpu"), text);
			assertTrue(info.whyNoGpu().contains("CPU-only build"), info.whyNoGpu());
			assertEquals("cpu", info.defaultDevice());
			assertEquals(java.util.List.of("cpu"), info.devices());
			assertEquals(1, info.devices().size());
		}
		assertTrue(info.libraryPath().contains("djl-cache"), "extracted under target/: " + info.libraryPath());
		assertTrue(info.offline());
		assertTrue(info.threads() >= 1 && info.interopThreads() >= 1, text);
		assertTrue(text.contains("PyTorch 2.7.1"), text);
	}

	@Test
	void deviceChoices() {
		assertEquals(Device.cpu(), Engines.device("cpu"));
		assertEquals(Device.cpu(), Engines.device(" CPU "));
		Device auto = Engines.device("auto");
		assertTrue(auto.equals(Device.cpu()) || auto.isGpu());
		SegKitException bad = assertThrows(SegKitException.class, () -> Engines.device("tpu"));
		assertTrue(bad.getMessage().contains("auto, cpu, gpu or gpu:N"), bad.getMessage());
	}

	@Test
	void askingForAGpuWithTheCpuBuildExplainsWhy() {
		if (!Engines.flavour().startsWith("cpu")) return; // only meaningful with the shipped CPU build
		for (String choice : new String[] {"gpu", "gpu:1", "GPU : 0"}) {
			SegKitException e = assertThrows(SegKitException.class, () -> Engines.device(choice));
			String m = e.getMessage();
			assertTrue(m.contains("CPU-only build"), m);
			assertTrue(m.contains("PYTORCH_LIBRARY_PATH") && m.contains("PYTORCH_FLAVOR=cu128"), m);
			assertTrue(m.contains("\"cpu\""), m);
		}
	}

	@Test
	void threadsCannotChangeAfterStart() {
		Engines.pytorch();
		assertThrows(IllegalStateException.class, () -> Engines.setThreads(1, 1));
	}

	@Test
	void contextClassLoaderIsRestored() {
		ClassLoader other = new ClassLoader(null) {};
		Thread t = Thread.currentThread();
		ClassLoader before = t.getContextClassLoader();
		t.setContextClassLoader(other);
		try {
			ClassLoader inside = Engines.call(() -> Thread.currentThread().getContextClassLoader());
			assertEquals(Engines.class.getClassLoader(), inside);
			assertEquals(other, t.getContextClassLoader());
		}
		finally {
			t.setContextClassLoader(before);
		}
	}
}
