package io.segkit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;


import io.segkit.Progress;
import io.segkit.SegKitException;

/**
 * Install GPU Support against a server on 127.0.0.1 that serves a small fake libtorch the way DJL publishes it
 * (files.txt, one gzipped file per line, HTTP range requests): install, resume, refuse a damaged file, say what to do
 * offline, remember an existing libtorch. Nothing is downloaded from the internet.
 */
class LibtorchInstallerTest {

	private static final String PLATFORM = "linux-x86_64", LIBTORCH = FakeLibtorchServer.LIBTORCH;

	@TempDir
	Path dir;

	private FakeLibtorchServer server;
	private URI source;
	@RegisterExtension
	final IsolatedGpuConfig config = new IsolatedGpuConfig();
	private Map<String, byte[]> originals, served;
	private List<String> requests;

	@BeforeEach
	void serveAFakeLibtorch() throws IOException {
		server = new FakeLibtorchServer();
		source = server.source();
		originals = server.originals;
		served = server.served;
		requests = server.requests;
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Test
	void downloadsVerifiesInstallsAndRemembersOnlyThisPlatformsCudaBuild() throws IOException {
		LibtorchInstaller installer = new LibtorchInstaller(source, "cu128", PLATFORM);
		List<Long> progress = new ArrayList<>();
		GpuSupport.Installed installed = installer.install(dir.resolve("fiji"), recording(progress));
		Path folder = dir.resolve("fiji").resolve("libtorch-2.7.1-cu128-linux-x86_64");
		assertEquals(folder, installed.folder());
		assertEquals("2.7.1", installed.version());
		assertEquals("cu128", installed.flavour());
		for (var file : originals.entrySet()) assertArrayEquals(file.getValue(), Files.readAllBytes(folder.resolve(file
			.getKey())), file.getKey());
		assertArrayEquals(originals.get(FakeLibtorchServer.CUDA_RUNTIME), Files.readAllBytes(folder.resolve("libcudart.so")),
			"the CUDA runtime under the plain name DJL's GPU detection loads");
		try (var left = Files.list(dir.resolve("fiji"))) {
			assertEquals(List.of(folder), left.toList(), "no staging folder or part file left");
		}
		assertEquals(installed, GpuSupport.installed().orElseThrow(), "remembered for the next start");
		assertEquals(4, requests.size(), "files.txt and the three cu128 linux files: " + requests);
		assertFalse(progress.isEmpty());

		requests.clear();
		assertEquals(installed, installer.install(dir.resolve("fiji"), Progress.NONE));
		assertEquals(List.of(), requests, "a complete installation is only remembered, nothing is downloaded again");
	}

	@Test
	void aCutOffDownloadResumesWhereItStopped() throws IOException {
		String path = FakeLibtorchServer.path(LIBTORCH);
		byte[] whole = served.get(path);
		int half = whole.length / 2;
		Path staging = dir.resolve(".libtorch-2.7.1-cu128-linux-x86_64.download");
		Files.createDirectories(staging);
		Files.write(staging.resolve(LIBTORCH + ".gz.part"), java.util.Arrays.copyOf(whole, half));
		new LibtorchInstaller(source, "cu128", PLATFORM).install(dir, Progress.NONE);
		assertTrue(requests.contains("GET /pytorch/2.7.1/" + path + " bytes=" + half + "-"), requests.toString());
		long others = served.entrySet().stream().filter(e -> !e.getKey().equals(path)).mapToLong(e -> e.getValue()
			.length).sum();
		assertEquals(others + whole.length - half, server.bytesSent(), "only the missing half of the cut-off file was sent");
		assertArrayEquals(originals.get(LIBTORCH), Files.readAllBytes(dir.resolve("libtorch-2.7.1-cu128-linux-x86_64")
			.resolve(LIBTORCH)));
	}

	@Test
	void aDamagedFileIsRefusedDeletedAndNothingIsInstalledOrRemembered() throws IOException {
		String path = FakeLibtorchServer.path("libc10.so");
		byte[] damaged = served.get(path).clone();
		damaged[damaged.length / 2] ^= 0x5a;
		served.put(path, damaged);
		SegKitException e = assertThrows(SegKitException.class, () -> new LibtorchInstaller(source, "cu128",
			PLATFORM).install(dir, Progress.NONE));
		assertTrue(e.getMessage().contains("libc10.so is damaged") && e.getMessage().contains("again"), e
			.getMessage());
		assertFalse(Files.exists(dir.resolve("libtorch-2.7.1-cu128-linux-x86_64")));
		assertFalse(Files.exists(dir.resolve(".libtorch-2.7.1-cu128-linux-x86_64.download").resolve(
			"libc10.so.gz.part")), "the damaged part is deleted, so the next run fetches it anew");
		assertFalse(Files.exists(GpuSupport.configFile()));
	}

	@Test
	void offlineItSaysHowToInstallByHandAndWritesNothing() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		SegKitException e = assertThrows(SegKitException.class, () -> new LibtorchInstaller(URI.create(
			"http://127.0.0.1:" + closedPort + "/pytorch/2.7.1/"), "cu128", PLATFORM).install(dir.resolve("fiji"),
				Progress.NONE));
		assertTrue(e.getMessage().contains("Is this computer online?") && e.getMessage().contains("install by hand")
			&& e.getMessage().contains("--existing"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("fiji")));
		assertFalse(Files.exists(GpuSupport.configFile()));
	}

	@Test
	void aPlatformTheServerDoesNotServeIsNamed() {
		SegKitException e = assertThrows(SegKitException.class, () -> new LibtorchInstaller(source, "cu128",
			"osx-aarch64").install(dir, Progress.NONE));
		assertTrue(e.getMessage().contains("osx-aarch64") && e.getMessage().contains("Linux and Windows"), e
			.getMessage());
	}

	@Test
	void anExistingLibtorchIsRememberedWithTheVersionItWasBuiltAs() throws IOException {
		Path lib = dir.resolve("libtorch").resolve("lib");
		Files.createDirectories(lib);
		Files.write(lib.resolve(LIBTORCH), new byte[] { 1 });
		Files.writeString(dir.resolve("libtorch").resolve("build-version"), "2.7.1+cu126\n");
		GpuSupport.Installed installed = LibtorchInstaller.registerExisting(lib, null, null);
		assertEquals(new GpuSupport.Installed(lib.toAbsolutePath(), "2.7.1", "cu126"), installed);
		assertEquals(installed, GpuSupport.installed().orElseThrow());

		Files.writeString(dir.resolve("libtorch").resolve("build-version"), "2.7.1+cpu\n");
		assertTrue(assertThrows(SegKitException.class, () -> LibtorchInstaller.registerExisting(lib, null, null))
			.getMessage().contains("cannot use a GPU"));
		assertTrue(assertThrows(SegKitException.class, () -> LibtorchInstaller.registerExisting(dir, "2.7.1", "cu128"))
			.getMessage().contains("holds no " + LIBTORCH));
		assertEquals(installed, GpuSupport.installed().orElseThrow(), "a refused folder changes nothing");
	}

	private static Progress recording(List<Long> done) {
		return new Progress() {

			@Override
			public void update(String step, long d, long total) {
				done.add(d);
			}

			@Override
			public boolean isCancelRequested() {
				return false;
			}
		};
	}
}
