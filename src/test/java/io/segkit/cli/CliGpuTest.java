package io.segkit.cli;

import static io.segkit.cli.CliTesting.segkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.engine.FakeLibtorchServer;
import io.segkit.engine.GpuProbe;
import io.segkit.engine.GpuSupport;
import io.segkit.engine.IsolatedGpuConfig;

/** {@code segkit gpu install|status} against a local fake of DJL's server. */
class CliGpuTest {

	@TempDir
	Path dir;

	@RegisterExtension
	final IsolatedGpuConfig config = new IsolatedGpuConfig();

	@Test
	void installDownloadsAndRemembersAndStatusSaysSo() throws Exception {
		try (FakeLibtorchServer server = new FakeLibtorchServer()) {
			CliTesting.Run r = segkit("gpu", "install", "--force", "--quiet", "--from", server.source().toString(),
				"--to", dir.resolve("gpu").toString());
			assertEquals(0, r.code(), r.toString());
			Path folder = dir.resolve("gpu").resolve("libtorch-2.7.1-cu128-" + io.segkit.engine.LibtorchInstaller
				.platform());
			Assumptions.assumeTrue(folder.endsWith("libtorch-2.7.1-cu128-linux-x86_64"), "the fake serves Linux only");
			assertTrue(r.out().contains("libtorch 2.7.1 cu128 in " + folder), r.toString());
			assertTrue(Files.isRegularFile(folder.resolve(FakeLibtorchServer.LIBTORCH)));
			r = segkit("gpu", "status");
			assertEquals(0, r.code(), r.toString());
			assertTrue(r.out().contains("GPU support: installed in " + folder), r.toString());
		}
	}

	@Test
	void withoutADriverInstallRefusesAndWritesNothing() throws Exception {
		Assumptions.assumeTrue(GpuProbe.detect().whyNotCuda128(false) != null, "this machine has a usable driver");
		try (FakeLibtorchServer server = new FakeLibtorchServer()) {
			CliTesting.Run r = segkit("gpu", "install", "--from", server.source().toString(), "--to", dir.resolve("gpu")
				.toString());
			assertEquals(SegKitCli.DATA_PROBLEM, r.code(), r.toString());
			assertTrue(r.err().contains("Nothing was installed; --force"), r.toString());
			assertEquals(java.util.List.of(), server.requests);
			assertFalse(Files.exists(dir.resolve("gpu")));
			assertFalse(Files.exists(GpuSupport.configFile()));
		}
	}
}
