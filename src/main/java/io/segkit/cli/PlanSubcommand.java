package io.segkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.segkit.SegKitException;
import io.segkit.dataset.DatasetJson;
import io.segkit.plan.Fingerprint;
import io.segkit.plan.FolderPlanning;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.PlanOverrides;
import io.segkit.plan.Planner;
import io.segkit.plan.Plans;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Plan Segmentation on the command line: nnU-Net's plans for a training folder ({@link FolderPlanning}, as the menu
 * command) or for nnU-Net's own dataset_fingerprint.json + dataset.json ({@link Planner}). The plans go to stdout
 * in nnUNetPlans.json's layout.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
	description = {"nnU-Net-style planning: patch, spacing, network topology and batch of the 2d and (3D data) "
		+ "3d_fullres configurations for a memory budget, printed as nnUNetPlans.json.",
		"From a training folder (-i) the fingerprint is computed from the images; with -o the folder gets "
			+ "dataset_fingerprint.json, dataset.json and nnUNetPlans.json. From nnU-Net's two JSON files, -o gets "
			+ "nnUNetPlans.json. Existing files are replaced only with --overwrite."},
	footerHeading = "%nExamples:%n", footer = {
		"  segkit plan -i nuclei/ -o nuclei/plans --cpu-memory-gb 0",
		"  segkit plan -i nuclei/ --patch-3d 32x128x128 --gpu-memory-gb 8 -o plans/",
		"  segkit plan dataset_fingerprint.json dataset.json --gpu-memory-gb 8 --lowres"})
final class PlanSubcommand extends Subcommand {

	@Option(names = {"-i", "--input"}, paramLabel = "FOLDER", description = "Training folder with images/ and "
		+ "labels/ (or imagesTr/ and labelsTr/).")
	Path folder;

	@Parameters(arity = "0..2", paramLabel = "JSON", description = "Instead of -i: nnU-Net's "
		+ "dataset_fingerprint.json and dataset.json.")
	List<Path> jsonFiles;

	@Option(names = {"-o", "--output"}, paramLabel = "FOLDER", description = "Write the JSON files into this "
		+ "folder (created if missing).")
	Path output;

	@Option(names = "--overwrite", description = "Replace those files if the folder has them.")
	boolean overwrite;

	@Option(names = "--lowres", description = "With the two JSON files: also plan nnU-Net's 3d_lowres.")
	boolean lowres;

	@Option(names = "--patch-2d", paramLabel = "YxX", description = "With -i: the 2d patch, e.g. 256x256.")
	String patch2d;

	@Option(names = "--batch-2d", paramLabel = "N", description = "With -i: the 2d batch size.")
	String batch2d;

	@Option(names = "--patch-3d", paramLabel = "ZxYxX", description = "With -i: the 3d_fullres patch, coarse axis "
		+ "first, e.g. 32x128x128.")
	String patch3d;

	@Option(names = "--batch-3d", paramLabel = "N", description = "With -i: the 3d_fullres batch size.")
	String batch3d;

	@ArgGroup(exclusive = true)
	MemoryOptions memory;

	@Override
	int execute() {
		MemoryBudget budget = memory == null ? MemoryBudget.DEFAULT : memory.budget(this);
		boolean fromJson = jsonFiles != null && !jsonFiles.isEmpty();
		if (fromJson == (folder != null)) throw usage("Give a training folder (-i FOLDER) or nnU-Net's "
			+ "dataset_fingerprint.json and dataset.json, not both and not neither.");
		if (output != null) argument(() -> {
			FolderPlanning.requireWritable(output, overwrite);
			return null;
		});
		Plans plans = fromJson ? fromJson(budget) : fromFolder(budget);
		progress.endBar();
		cli.out.print(plans.toJson());
		cli.out.flush();
		return SegKitCli.OK;
	}

	private Plans fromFolder(MemoryBudget budget) {
		if (!Files.isDirectory(folder)) throw usage("The training folder '" + folder + "' does not exist.");
		if (lowres) throw usage("--lowres is for nnU-Net's JSON files; a training folder plans 2d and 3d_fullres.");
		FolderPlanning.Changes changes = argument(() -> new FolderPlanning.Changes(PlanOverrides.parsePatch(text(
			patch2d), 2, "--patch-2d"), PlanOverrides.parseBatch(text(batch2d), "--batch-2d"), PlanOverrides
				.parsePatch(text(patch3d), 3, "--patch-3d"), PlanOverrides.parseBatch(text(batch3d), "--batch-3d")));
		FolderPlanning.Result result = FolderPlanning.plan(folder, budget, changes, progress);
		if (output != null) {
			createFolder();
			result.write(output, overwrite);
		}
		return result.plans();
	}

	private Plans fromJson(MemoryBudget budget) {
		if (jsonFiles.size() != 2) throw usage("Give both dataset_fingerprint.json and dataset.json.");
		if (patch2d != null || batch2d != null || patch3d != null || batch3d != null) throw usage("Patch and batch "
			+ "sizes can be set with -i FOLDER only.");
		for (Path p : jsonFiles) if (!Files.isRegularFile(p)) throw usage("The file '" + p + "' does not exist.");
		Fingerprint fingerprint = Fingerprint.read(jsonFiles.get(0));
		DatasetJson dataset = DatasetJson.read(jsonFiles.get(1));
		Path datasetFolder = jsonFiles.get(1).toAbsolutePath().getParent();
		if (dataset.name() == null && datasetFolder != null && datasetFolder.getFileName() != null) {
			dataset = dataset.withName(datasetFolder.getFileName().toString());
		}
		Plans plans = new Planner(budget, lowres).plan(fingerprint, dataset);
		if (output != null) {
			createFolder();
			plans.write(output.resolve(FolderPlanning.PLANS_FILE));
		}
		return plans;
	}

	private void createFolder() {
		try {
			Files.createDirectories(output);
		}
		catch (IOException e) {
			throw new SegKitException("Could not create the folder '" + output + "': " + e.getMessage() + ".", e);
		}
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}
}
