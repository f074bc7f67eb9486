package io.segkit.cli;

import io.segkit.plan.MemoryBudget;
import picocli.CommandLine.Option;

/** The memory a plan may fill, nnU-Net style: GPU memory, or a share of the RAM for training on a CPU. */
final class MemoryOptions {

	@Option(names = "--gpu-memory-gb", paramLabel = "GB", description = "Plan for a GPU with this much memory "
		+ "(nnU-Net's reference: 8).")
	Double gpu;

	@Option(names = "--cpu-memory-gb", paramLabel = "GB", description = "Plan for training on a CPU with this much "
		+ "memory; 0 = a quarter of the RAM, 1-8 GB.")
	Double cpu;

	MemoryBudget budget(Subcommand command) {
		return command.argument(() -> gpu != null ? MemoryBudget.of(MemoryBudget.Device.GPU, gpu) : MemoryBudget.of(
			MemoryBudget.Device.CPU, cpu));
	}
}
