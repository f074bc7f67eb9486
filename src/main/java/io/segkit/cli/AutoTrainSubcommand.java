package io.segkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.segkit.autotrain.AutoTrainOptions;
import io.segkit.autotrain.AutoTrainResult;
import io.segkit.autotrain.AutoTrainer;
import io.segkit.command.Choices;
import io.segkit.dataset.TrainingFolder;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.Plans;
import io.segkit.train.NetworkSize;
import io.segkit.train.TrainingJob;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Auto-Train on the command line: the one {@link AutoTrainer}. */
@Command(name = "auto-train", mixinStandardHelpOptions = true,
	description = {"nnU-Net's whole workflow on a training folder: plans 2d and (3D data) 3d_fullres, trains the "
		+ "cross-validation folds of each within the time budget, picks the best of 2d, 3d_fullres and their "
		+ "ensemble by cross-validation Dice, decides postprocessing and writes one model file.",
		"Prints the summary; --summary writes the per-case validation report (Dice, IoU, HD95 per class)."},
	footerHeading = "%nExamples:%n", footer = {
		"  segkit auto-train -i nuclei/ -m nuclei.zip --time-budget 120 --folds 5 --device gpu",
		"  segkit auto-train -i nuclei/ -m nuclei.zip --plans plans/nnUNetPlans.json --summary cv.csv"})
final class AutoTrainSubcommand extends Subcommand {

	@Option(names = {"-i", "--input"}, required = true, paramLabel = "FOLDER", description = "Training folder with "
		+ "images/ and labels/ (or imagesTr/ and labelsTr/), label images named as their images.")
	Path folder;

	@Mixin
	ModelOptions modelOptions;

	@Option(names = "--overwrite", description = "Replace an existing model file.")
	boolean overwrite;

	@Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds; 1 = hold out 20%% "
		+ "(default: ${DEFAULT-VALUE}).")
	int folds;

	@Option(names = "--time-budget", defaultValue = "60", paramLabel = "MINUTES", description = "For all training "
		+ "and cross-validation together; 0 = no limit (default: ${DEFAULT-VALUE}).")
	double timeBudget;

	@Option(names = "--configurations", defaultValue = "best", paramLabel = "best|2d|3d_fullres|2d+3d_fullres",
		description = "What may be chosen (default: ${DEFAULT-VALUE}); object labels on stacks: best gives 3d_fullres "
			+ "the whole budget when that trains it long enough, 2d only the time left over.")
	String configurations;

	@Option(names = "--plans", paramLabel = "nnUNetPlans.json", description = "Train with these plans (segkit plan "
		+ "writes them) instead of planning from the images.")
	Path plans;

	@Option(names = "--network-size", defaultValue = "half", paramLabel = "as-planned|half|small", description =
		"nnU-Net's widths are for a GPU; half or small train faster on a CPU (default: ${DEFAULT-VALUE}).")
	String networkSize;

	@Option(names = "--architecture", converter = Words.Architecture.class, defaultValue = Choices.U_NET,
		paramLabel = "NAME", description = "U-Net, Attention U-Net, CE-Net, FCN-8s, SegNet, UNet++, "
			+ "DeepLabv3+, PSPNet or RefineNet (default: ${DEFAULT-VALUE})")
	String architecture;

	@Option(names = "--max-epochs", defaultValue = "1000", description = "Most epochs per fold (default: "
		+ "${DEFAULT-VALUE}; the time budget usually ends training first).")
	int maxEpochs;

	@Option(names = "--iterations", defaultValue = "50", description = "Iterations per epoch (default: "
		+ "${DEFAULT-VALUE}).")
	int iterations;

	@ArgGroup(exclusive = true)
	MemoryOptions memory;

	@Mixin
	DeviceOption device;

	@Mixin
	SummaryOption summaryFile;

	@Override
	int execute() {
		summaryFile.check();
		if (!Files.isDirectory(folder)) throw usage("The training folder '" + folder + "' does not exist.");
		TrainingFolder data = argument(() -> TrainingFolder.open(folder));
		argument(() -> TrainingJob.modelFile(modelOptions.model, overwrite));
		Plans planned = plans == null ? null : argument(() -> Plans.readForTraining(plans));
		AutoTrainOptions options = argument(() -> AutoTrainOptions.defaults().withFolds(folds).withTimeBudgetSeconds(
			timeBudget * 60).withNetworkSize(NetworkSize.of(networkSize.replace('-', ' '))).withArchitecture(
				Choices.ARCHITECTURE.of(architecture)).withLabelMode(modelOptions.labelMode())
			.withClassNames(modelOptions.classNames).withDevice(device.device).withEpochs(maxEpochs, iterations)
			.withConfigurations(configurations()).withPlans(planned));
		options = options.withMemory(memoryBudget());
		AutoTrainResult result = AutoTrainer.train(data, options, modelOptions.model, overwrite, progress::say, progress);
		progress.endBar();
		cli.out.println(result.summary());
		if (summaryFile.file != null) writeReport(result);
		return SegKitCli.OK;
	}

	private List<String> configurations() {
		return "best".equalsIgnoreCase(configurations) ? List.of() : List.of(configurations.toLowerCase(Locale.ROOT));
	}

	/** The memory the plan may fill: as given, else for the device (GPU 8 GB or its free memory if less, or a share of the RAM on a CPU). */
	private MemoryBudget memoryBudget() {
		if (memory != null) return memory.budget(this);
		return Choices.memoryBudget(device.device, 0);
	}

	/** The validation report's rows (one per case, then the mean) as the summary. */
	private void writeReport(AutoTrainResult result) {
		Summary summary = new Summary();
		List<String> columns = result.report().columns();
		for (Object[] row : result.report().rows()) {
			Object[] extra = new Object[(row.length - 1) * 2];
			for (int i = 1; i < row.length; i++) {
				extra[2 * (i - 1)] = columns.get(i);
				extra[2 * (i - 1) + 1] = row[i];
			}
			summary.add((String) row[0], Summary.Status.OK, "", extra);
		}
		summaryFile.write(summary);
	}
}
