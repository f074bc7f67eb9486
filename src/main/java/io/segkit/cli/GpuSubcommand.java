package io.segkit.cli;

import java.net.URI;
import java.nio.file.Path;

import io.segkit.engine.GpuProbe;
import io.segkit.engine.GpuSupport;
import io.segkit.engine.LibtorchInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Install GPU Support on the command line, and what is installed. */
@Command(name = "gpu", mixinStandardHelpOptions = true,
	description = {"GPU support: 'install' puts libtorch " + GpuSupport.VERSION + " for CUDA 12.8 on disk (downloaded "
		+ "from DJL's server, resumable and verified, or an existing libtorch with --existing) and SegKit uses it from "
		+ "its next start; 'status' says what is installed and what this machine's NVIDIA driver allows.",
		"The installation is remembered in ~/.segkit/gpu.properties (or the folder -Dsegkit.config.dir names)."},
	footerHeading = "%nExamples:%n", footer = {"  segkit gpu status", "  segkit gpu install --to /opt/segkit",
		"  segkit gpu install --existing /opt/libtorch/lib"})
final class GpuSubcommand extends Subcommand {

	enum Action { install, status }

	@Parameters(index = "0", paramLabel = "install|status", description = "What to do.")
	Action action;

	@Option(names = "--to", paramLabel = "FOLDER", description = "Install into FOLDER (default ~/.segkit); it gets "
		+ "libtorch-2.7.1-cu128-<platform>, about 3 GB unpacked.")
	Path to;

	@Option(names = "--existing", paramLabel = "LIBFOLDER", description = "Use the lib folder of a CUDA libtorch "
		+ "already unpacked instead of downloading.")
	Path existing;

	@Option(names = "--from", paramLabel = "URL", description = "Where files.txt is (default: ${DEFAULT-VALUE}).")
	URI from = LibtorchInstaller.DEFAULT_SOURCE;

	@Option(names = "--force", description = "Install even though no suitable NVIDIA driver is found here.")
	boolean force;

	@Override
	int execute() {
		GpuProbe probe = GpuProbe.detect();
		if (action == Action.status) {
			cli.out.println("NVIDIA: " + probe.describe());
			String why = probe.whyNotCuda128();
			cli.out.println("CUDA 12.8: " + (why == null ? "possible here" : why));
			cli.out.println("GPU support: " + GpuSupport.status());
			return SegKitCli.OK;
		}
		GpuSupport.Installed installed = LibtorchInstaller.installUnlessRefused(probe, force, "--force", existing, from,
			to != null ? to : GpuSupport.configFile().getParent(), progress);
		progress.endBar();
		cli.out.println("GPU support: libtorch " + installed.version() + " " + installed.flavour() + " in " + installed
			.folder() + "; used from the next start (segkit info says which GPU).");
		return SegKitCli.OK;
	}
}
