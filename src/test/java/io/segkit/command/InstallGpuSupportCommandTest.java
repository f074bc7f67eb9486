package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.engine.FakeLibtorchServer;
import io.segkit.engine.GpuProbe;
import io.segkit.engine.GpuSupport;
import io.segkit.engine.IsolatedGpuConfig;

/** Install GPU Support from Fiji's menu: against a local fake of DJL's server, and refused without a driver. */
class InstallGpuSupportCommandTest {

	@TempDir
	Path dir;

	@RegisterExtension
	final IsolatedGpuConfig config = new IsolatedGpuConfig();

	@Test
	void installsIntoTheChosenFolderAndSaysToRestart() throws Exception {
		try (FakeLibtorchServer server = new FakeLibtorchServer()) {
			InstallGpuSupportCommand command = command(server);
			command.force = true;
			command.run();
			Assumptions.assumeTrue(command.result.contains("linux-x86_64"), "the fake serves Linux only");
			assertTrue(command.result.contains("Restart Fiji"), command.result);
			assertEquals(dir.resolve("fiji").resolve("libtorch-2.7.1-cu128-linux-x86_64"), GpuSupport.installed()
				.orElseThrow().folder());
		}
	}

	@Test
	void withoutADriverItRefusesAndChangesNothing() throws Exception {
		Assumptions.assumeTrue(GpuProbe.detect().whyNotCuda128(false) != null, "this machine has a usable driver");
		try (FakeLibtorchServer server = new FakeLibtorchServer()) {
			InstallGpuSupportCommand command = command(server);
			SegKitException e = assertThrows(SegKitException.class, command::run);
			assertTrue(e.getMessage().contains("Nothing was installed") && e.getMessage().contains("Install anyway"), e
				.getMessage());
			assertEquals(java.util.List.of(), server.requests);
			assertFalse(Files.exists(dir.resolve("fiji")));
			assertFalse(Files.exists(GpuSupport.configFile()));
		}
	}

	private InstallGpuSupportCommand command(FakeLibtorchServer server) {
		InstallGpuSupportCommand command = new InstallGpuSupportCommand();
		command.progress = Progress.NONE;
		command.folder = dir.resolve("fiji").toFile();
		command.source = server.source().toString();
		return command;
	}
}
