package io.segkit.command;

import java.io.File;

import ij.IJ;
import ij.measure.ResultsTable;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.engine.DeviceChoice;
import io.segkit.plan.FolderPlanning;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.PlanOverrides;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plans deep-learning segmentation for a training folder the way nnU-Net does: the dataset
 * fingerprint and the "2d" and (for 3D images) "3d_fullres" configurations for a memory budget,
 * shown as two tables (the plans table last, so a macro finds it as the Results table) and in the
 * Log. Optionally writes nnU-Net's dataset_fingerprint.json, dataset.json and nnUNetPlans.json into an
 * output folder; existing files there are replaced only with "Overwrite", and nothing is written when
 * anything fails. Patch and batch sizes may be set by hand ("" = automatic).
 */
@Plugin(type = Command.class, label = "Plan Segmentation")
public class PlanSegmentationCommand extends SegKitCommand {


	@Parameter(label = "Training folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Folder with 'images' and 'labels' (or nnU-Net's 'imagesTr' and 'labelsTr') subfolders; " +
			"each label image has the file name of its image.")
	File trainingFolder;

	@Parameter(label = "Device", style = DeviceChoice.STYLE, description = Choices.PLANNING_DEVICE_DESCRIPTION)
	String device = DeviceChoice.AUTOMATIC;

	@Parameter(label = "Memory GB", min = "0",
		description = "0 = automatic: 8 GB on a GPU (nnU-Net's reference; less if less is free), on CPU a quarter of the RAM, 1-8 GB.")
	double memoryGb = 0;

	@Parameter(label = "Patch size 2D", required = false,
		description = "Empty = automatic; else y x, e.g. 256x256 (divisible by the network's total stride).")
	String patchSize2d = "";

	@Parameter(label = "Batch size 2D", required = false, description = "Empty = automatic.")
	String batchSize2d = "";

	@Parameter(label = "Patch size 3D", required = false,
		description = "Empty = automatic; else z y x (coarse axis first), e.g. 32x128x128.")
	String patchSize3d = "";

	@Parameter(label = "Batch size 3D", required = false, description = "Empty = automatic.")
	String batchSize3d = "";

	@Parameter(label = "Output folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "Empty = write no files; else dataset_fingerprint.json, dataset.json and nnUNetPlans.json go here.")
	File outputFolder;

	@Parameter(label = "Overwrite", description = "Replace those files if the output folder already has them.")
	boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Fingerprint")
	ResultsTable fingerprint;

	@Parameter(type = ItemIO.OUTPUT, label = "Plans")
	ResultsTable plans;


	@Override
	public void run() {
		if (trainingFolder == null) throw new SegKitException("Choose the training folder (with images and labels).");
		MemoryBudget budget = budget(device, memoryGb);
		FolderPlanning.Changes changes = new FolderPlanning.Changes(PlanOverrides.parsePatch(patchSize2d, 2,
			"Patch size 2D"), PlanOverrides.parseBatch(batchSize2d, "Batch size 2D"), PlanOverrides.parsePatch(
				patchSize3d, 3, "Patch size 3D"), PlanOverrides.parseBatch(batchSize3d, "Batch size 3D"));
		File output = outputFolder == null || outputFolder.getPath().isBlank() ? null : outputFolder;
		if (output != null) FolderPlanning.requireWritable(output.toPath(), overwrite);
		Progress p = progress();
		FolderPlanning.Result result = FolderPlanning.plan(trainingFolder.toPath(), budget, changes, p);
		if (output != null) result.write(output.toPath(), overwrite);
		String unit = PlanTables.spacingUnit(result);
		fingerprint = PlanTables.fingerprint(result, unit);
		plans = PlanTables.plans(result.plans(), unit);
		PlanTables.log(result, unit, output).forEach(IJ::log);
	}

	/** The budget for the device; 0 GB = automatic. */
	static MemoryBudget budget(String device, double gigabytes) {
		return Choices.memoryBudget(device, gigabytes);
	}
}
