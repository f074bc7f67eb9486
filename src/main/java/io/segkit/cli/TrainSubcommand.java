package io.segkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.segkit.command.Choices;
import io.segkit.dataset.TrainingCase;
import io.segkit.dataset.TrainingCases;
import io.segkit.dataset.TrainingFolder;
import io.segkit.train.TrainingChoices;
import io.segkit.train.TrainingJob;
import io.segkit.train.TrainingListener;
import io.segkit.train.TrainingResult;
import io.segkit.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Train Segmentation Model on the command line: the one {@link TrainingJob} with {@link TrainingChoices}. */
@Command(name = "train", mixinStandardHelpOptions = true,
	description = {"Trains one network (U-Net, Attention U-Net, CE-Net or a literature network; 2D or 3D) on image/label pairs with the settings "
		+ "you choose, and saves it as one model file. Checkpoints go beside the model (MODEL-training/); "
		+ "--resume continues from the last one."},
	footerHeading = "%nExamples:%n", footer = {
		"  segkit train -i nuclei/ -m nuclei-2d.zip --label-meaning objects --epochs 50 --time-budget 30",
		"  segkit train --images imgs/ --labels masks/ -m cells.zip --architecture attention-unet --patch 128,128",
		"  segkit train -i nuclei/ -m nuclei-2d.zip --resume --epochs 100"})
final class TrainSubcommand extends Subcommand {

	@Option(names = {"-i", "--input"}, paramLabel = "FOLDER", description = "Training folder with images/ and "
		+ "labels/ (or imagesTr/ and labelsTr/), label images named as their images.")
	Path folder;

	@Option(names = "--images", paramLabel = "FOLDER", description = "The images (instead of -i), with --labels.")
	Path images;

	@Option(names = "--labels", paramLabel = "FOLDER", description = "The label images, named as the images.")
	Path labels;

	@Mixin
	ModelOptions modelOptions;

	@Option(names = "--dimensions", paramLabel = "auto|2|3", defaultValue = "auto", description = "auto: 3D for "
		+ "stacks of 8 slices or more, else 2D slice by slice (default: auto).")
	String dimensions;

	@Option(names = "--architecture", converter = Words.Architecture.class, defaultValue = Choices.U_NET,
		paramLabel = "NAME", description = "U-Net, Attention U-Net, CE-Net, FCN-8s, SegNet, UNet++, "
			+ "DeepLabv3+, PSPNet or RefineNet; any case, hyphens for spaces (default: ${DEFAULT-VALUE}).")
	String architecture;

	@Option(names = "--patch", defaultValue = "", paramLabel = "Y,X|Z,Y,X", description = "Patch size, e.g. 128,128 "
		+ "or 32,64,64 (default: automatic).")
	String patch;

	@Option(names = "--batch", defaultValue = "0", description = "Batch size (default: 0 = 4 in 2D, 2 in 3D).")
	int batch;

	@Option(names = "--base-features", defaultValue = "16", description = "Features of the first stage, doubling at "
		+ "every stage (default: ${DEFAULT-VALUE}).")
	int baseFeatures;

	@Option(names = "--stages", defaultValue = "4", description = "Resolution stages, 2 to 8 (default: "
		+ "${DEFAULT-VALUE}).")
	int stages;

	@Option(names = "--epochs", defaultValue = "50", description = "Epochs (default: ${DEFAULT-VALUE}).")
	int epochs;

	@Option(names = "--iterations", defaultValue = "50", description = "Iterations per epoch (default: "
		+ "${DEFAULT-VALUE}).")
	int iterations;

	@Option(names = "--time-budget", defaultValue = "0", paramLabel = "MINUTES", description = "Stop before this "
		+ "many minutes (default: 0 = no limit).")
	double timeBudget;

	@Option(names = "--optimizer", defaultValue = "SGD", paramLabel = "sgd|adam", description = "SGD (nnU-Net's) "
		+ "or Adam (default: SGD).")
	TrainingSettings.OptimizerKind optimizer;

	@Option(names = "--validation-fraction", defaultValue = "0.2", description = "Share of the cases held out to "
		+ "pick the best epoch (default: ${DEFAULT-VALUE}).")
	double validationFraction;

	@Option(names = "--no-augmentation", description = "Train without data augmentation.")
	boolean noAugmentation;

	@Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--resume", description = "Continue the training whose checkpoints are beside the model.")
	boolean resume;

	@Option(names = "--overwrite", description = "Replace an existing model file (and its checkpoints).")
	boolean overwrite;

	@Mixin
	DeviceOption device;

	@Override
	int execute() {
		TrainingChoices choices = new TrainingChoices(modelOptions.labelMode(), modelOptions.classNames,
			dimensions(), Choices.ARCHITECTURE.of(architecture), baseFeatures, stages, patch, batch, epochs,
			iterations, timeBudget, optimizer, validationFraction, !noAugmentation, device.device, seed);
		TrainingFolder data = argument(this::trainingFolder);
		try (TrainingJob job = argument(() -> new TrainingJob(modelOptions.model, overwrite, resume))) {
			List<TrainingCase> cases = TrainingCases.load(data, progress);
			TrainingResult result = choices.train(job, cases, epochLines(), progress::say, progress);
			progress.say(result.epochs() + " epochs, stopped: " + result.stopReason().name().toLowerCase(Locale.ROOT)
				.replace('_', ' '));
			cli.out.println(job.model());
		}
		return SegKitCli.OK;
	}

	private TrainingFolder trainingFolder() {
		if (folder != null && (images != null || labels != null)) throw usage("Give either -i FOLDER or --images "
			+ "and --labels, not both.");
		if (folder != null) {
			if (!Files.isDirectory(folder)) throw usage("The training folder '" + folder + "' does not exist.");
			return TrainingFolder.open(folder);
		}
		if (images == null || labels == null) throw usage("Give the training data: -i FOLDER (with images/ and "
			+ "labels/), or --images FOLDER and --labels FOLDER.");
		for (Path p : List.of(images, labels)) if (!Files.isDirectory(p)) throw usage("The folder '" + p
			+ "' does not exist.");
		return TrainingFolder.of(images, labels);
	}

	private int dimensions() {
		return switch (dimensions.trim().toLowerCase(Locale.ROOT)) {
			case "auto", "automatic" -> 0;
			case "2", "2d" -> 2;
			case "3", "3d" -> 3;
			default -> throw usage("--dimensions must be auto, 2 or 3, not '" + dimensions + "'.");
		};
	}

	/** One line per epoch: loss and validation Dice, for a log file. */
	private TrainingListener epochLines() {
		return (r, history) -> progress.say(String.format(Locale.ROOT, "epoch %d: loss %.4f, validation Dice %.4f%s "
			+ "(%.1f s)", r.epoch(), r.trainingLoss(), r.validationDice(), r.best() ? ", best so far" : "", r
				.seconds()));
	}
}
