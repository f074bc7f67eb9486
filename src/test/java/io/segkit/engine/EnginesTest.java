package io.segkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.segkit.SegKitException;

class EnginesTest {

	/**
	 * The tests run with the CPU libtorch of the pytorch-native-cpu jar (see the pom). DJL loads another libtorch
	 * only when PYTORCH_LIBRARY_PATH is set in the environment (a developer's local CUDA build, say); then the
	 * flavour is whatever that build is, so the CPU-only expectations are skipped rather than checked. Without the
	 * variable, the shipped jar must be what loaded, and its flavour must be exactly "cpu".
	 */
	private static void requireShippedCpuBuild() {
		String local = System.getenv("PYTORCH_LIBRARY_PATH");
		assumeTrue(local == null || local.isEmpty(), "PYTORCH_LIBRARY_PATH=" + local + " replaces the shipped CPU jar");
		assertEquals("cpu", Engines.flavour(), "the pytorch-native-cpu jar, from " + Engines.libraryPath());
	}

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
		requireShippedCpuBuild();
		EngineInfo info = EngineInfo.current();
		String text = info.toText();
		assertEquals("cpu", info.flavour());
		assertTrue(text.contains("libtorch flavour: cpu"), text);
		assertTrue(info.whyNoGpu().contains("CPU-only build"), info.whyNoGpu());
		assertTrue(text.contains("not used: " + info.whyNoGpu()), text);
		assertFalse(info.cudaBuild());
		assertEquals("CPU", info.defaultDevice());
		assertEquals(java.util.List.of("CPU"), info.devices());
		assertTrue(text.contains("Device for \"automatic\": CPU"), text);
		assertTrue(info.libraryPath().contains("djl-cache"), "extracted under target/: " + info.libraryPath());
		assertTrue(info.offline());
		assertTrue(info.threads() >= 1 && info.interopThreads() >= 1, text);
		assertTrue(text.contains("PyTorch 2.7.1"), text);
	}

	@Test
	void deviceChoices() {
		assertEquals(Device.cpu(), Engines.device("cpu"));
		assertEquals(Device.cpu(), Engines.device(" CPU "));
		SegKitException bad = assertThrows(SegKitException.class, () -> Engines.device("tpu"));
		assertTrue(bad.getMessage().contains("auto, cpu, gpu or gpu:N"), bad.getMessage());
		assertTrue(bad.getMessage().contains("'tpu'"), bad.getMessage());
		for (String typo : new String[] {"gpu:", "gpu:-1", "cuda", "gpu 1 2", "CPU 0"}) {
			assertThrows(SegKitException.class, () -> Engines.device(typo), typo);
		}
	}

	/** With the CPU build "auto" (also null and blank, which mean auto) can only be the CPU. */
	@Test
	void autoIsTheCpuWithTheCpuBuild() {
		requireShippedCpuBuild();
		assertEquals(Device.cpu(), Engines.device("auto"));
		assertEquals(Device.cpu(), Engines.device(" Auto "));
		assertEquals(Device.cpu(), Engines.device(null));
		assertEquals(Device.cpu(), Engines.device(""));
		assertTrue(Engines.whyNoGpu(0).contains("CPU-only build"), Engines.whyNoGpu(0));
	}

	@Test
	void askingForAGpuWithTheCpuBuildExplainsWhy() {
		requireShippedCpuBuild();
		for (String choice : new String[] {"gpu", "gpu:1", "GPU : 0", "GPU 1"}) {
			SegKitException e = assertThrows(SegKitException.class, () -> Engines.device(choice));
			String m = e.getMessage();
			assertTrue(m.contains("CPU-only build"), m);
			assertTrue(m.contains("Install GPU Support") && m.contains("GPU support: not installed"), m);
			assertTrue(m.contains("\"CPU\""), m);
			assertTrue(m.startsWith("GPU " + (choice.endsWith("1") ? 1 : 0) + " cannot be used"), m);
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
