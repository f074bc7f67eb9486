package io.segkit.cli;

import io.segkit.engine.EngineInfo;
import io.segkit.engine.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** SegKit Engine Info on the command line. */
@Command(name = "info", mixinStandardHelpOptions = true,
	description = "Starts the deep-learning engine and prints what it loaded: libtorch version, flavour and "
		+ "folder, devices, the device 'auto' picks, threads, and why no GPU is used when none is.",
	footerHeading = "%nExamples:%n", footer = {"  segkit info", "  segkit info --threads 4 --device gpu"})
final class InfoSubcommand extends Subcommand {

	@Mixin
	DeviceOption device;

	@Override
	int execute() {
		progress.update("Starting the deep-learning engine", 0, 1);
		EngineInfo info = EngineInfo.current();
		progress.update("Starting the deep-learning engine", 1, 1);
		progress.endBar();
		cli.out.print(info.toText());
		cli.out.println("  Device for --device " + device.device + ": " + EngineInfo.name(Engines.device(device
			.device)));
		cli.out.println("  Java threads for parallel work: " + (java.util.concurrent.ForkJoinPool
			.getCommonPoolParallelism() + 1));
		return SegKitCli.OK;
	}
}
