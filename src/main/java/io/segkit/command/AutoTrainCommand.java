package io.segkit.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.List;

import ij.IJ;
import ij.macro.Interpreter;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.autotrain.AutoTrainListener;
import io.segkit.autotrain.AutoTrainOptions;
import io.segkit.autotrain.AutoTrainPlot;
import io.segkit.autotrain.AutoTrainResult;
import io.segkit.autotrain.AutoTrainer;
import io.segkit.dataset.TrainingFolder;
import io.segkit.engine.DeviceChoice;
import io.segkit.ij1.ChoiceAliases;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.Plans;
import io.segkit.train.EpochRecord;
import io.segkit.train.NetworkSize;
import io.segkit.train.TrainingJob;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * nnU-Net's automatic workflow in one step: plans a training folder, cross-validates the 2D and (3D data) 3D
 * configurations within a time budget, chooses the best by cross-validation Dice, decides the postprocessing and
 * writes one model file for "Segment with Model". Shows the per-case validation table, a per-case Dice plot and a
 * summary in the Log. Nothing is written when anything fails; an existing model file only with "Overwrite".
 */
@Plugin(type = Command.class, label = "Auto-Train")
public class AutoTrainCommand extends SegKitCommand {

	static final String BEST = "best";

	@Parameter(label = "Training folder", style = FileWidget.DIRECTORY_STYLE,
		description = "Folder with 'images' and 'labels' (or 'imagesTr' and 'labelsTr') subfolders; each label image "
			+ "has the file name of its image.")
	File trainingFolder;

	@Parameter(label = "Label images", choices = {Choices.MEANING_AUTOMATIC,
		Choices.MEANING_CLASSES, Choices.MEANING_OBJECTS, Choices.MEANING_FOREGROUND},
		description = Choices.LABEL_MEANING_DESCRIPTION)
	String labelImages = Choices.MEANING_AUTOMATIC;

	@Parameter(label = "Folds", min = "1", max = "10",
		description = "Cross-validation folds (nnU-Net: 5; 2 or 3 are faster); 1 = no cross-validation (20% of the "
			+ "cases validate).")
	int folds = AutoTrainOptions.DEFAULT_FOLDS;

	@Parameter(label = "Time budget minutes", min = "0",
		description = "All training and cross-validation prediction together, shared by configurations and folds; "
			+ "0 = no limit.")
	double timeBudgetMinutes = 60;

	@Parameter(label = "Configurations", choices = {BEST, "2d", "3d_fullres", AutoTrainer.ENSEMBLE},
		description = "What may be chosen: the best by cross-validation Dice of 2d, 3d_fullres (3D data) and their "
			+ "ensemble, or only the one named (2d+3d_fullres trains both and always ships the ensemble). Object labels on "
			+ "stacks: best gives 3d_fullres the whole budget when that trains it long enough (24 epochs per fold at the "
			+ "pace of its first steps), and 2d only the time left over; the Log says which.")
	String configurations = BEST;

	@Parameter(label = "Plans file", required = false, style = FileWidget.OPEN_STYLE,
		description = "nnUNetPlans.json to train with (Plan Segmentation writes one with your patch and batch "
			+ "sizes; nnU-Net's own works too); empty = plan from the images.")
	File plansFile;

	@Parameter(label = "Memory GB", min = "0",
		description = "0 = automatic: 8 GB on a GPU (less if less is free), on CPU a quarter of the RAM (1-8 GB).")
	double memoryGb = 0;

	@Parameter(label = "Network size", choices = {"as planned", "half", "small"},
		description = "nnU-Net's planned widths are for a GPU; 'half' or 'small' train faster on a CPU.")
	String networkSize = "half";

	@Parameter(label = "Architecture", choices = {Choices.U_NET, Choices.ATTENTION_U_NET, Choices.CE_NET,
		Choices.FCN, Choices.SEGNET, Choices.UNET_PLUS_PLUS,
		Choices.DEEPLAB_V3_PLUS, Choices.PSPNET, Choices.REFINENET},
		attrs = @Attr(name = ChoiceAliases.ATTRIBUTE, value = Choices.ARCHITECTURE_ALIASES))
	String architecture = Choices.U_NET;

	@Parameter(label = "Device", style = DeviceChoice.STYLE, description = Choices.PLANNING_DEVICE_DESCRIPTION)
	String device = DeviceChoice.AUTOMATIC;

	@Parameter(label = "Model file", style = FileWidget.SAVE_STYLE, description = "The model to write (.zip).")
	File modelFile;

	@Parameter(label = "Overwrite", description = "Replace the model file if it exists.")
	boolean overwrite = false;

	@Parameter(label = "Class names", required = false,
		description = "Comma-separated, background first; empty = background, class 1, class 2, ...")
	String classNames = "";

	@Parameter(type = ItemIO.OUTPUT, label = "Validation")
	ResultsTable validation;

	@Parameter(type = ItemIO.OUTPUT, label = "Dice plot")
	ImagePlus dicePlot;


	@Override
	public void run() {
		if (trainingFolder == null) throw new SegKitException("Choose the training folder (with images and labels).");
		if (modelFile == null || modelFile.getPath().isBlank()) throw new SegKitException("Choose the model file "
			+ "(.zip) to write.");
		AutoTrainOptions options = options();
		TrainingJob.modelFile(modelFile.toPath(), overwrite);
		Progress p = progress();
		AutoTrainResult result = AutoTrainer.train(TrainingFolder.open(trainingFolder.toPath()), options, modelFile
			.toPath(), overwrite, listener(), p);
		validation = result.report().toResultsTable();
		dicePlot = AutoTrainPlot.perCaseDice(result);
		IJ.log(result.summary());
	}

	/** The Log, and interactively a live plot of the fold in training. */
	private AutoTrainListener listener() {
		if (GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode()) return IJ::log;
		TrainingPlot plot = new TrainingPlot(modelFile.getName() + " Auto-Train");
		return new AutoTrainListener() {

			@Override
			public void line(String text) {
				IJ.log(text);
			}

			@Override
			public void epochFinished(String configuration, int fold, EpochRecord record, List<EpochRecord> history) {
				plot.show("Epoch (" + configuration + ", fold " + fold + ")", history);
			}
		};
	}

	AutoTrainOptions options() {
		if (!(timeBudgetMinutes >= 0) || Double.isInfinite(timeBudgetMinutes)) throw new SegKitException(
			"The time budget must be 0 (no limit) or a number of minutes.");
		MemoryBudget memory = PlanSegmentationCommand.budget(device, memoryGb);
		return AutoTrainOptions.defaults().withFolds(folds).withTimeBudgetSeconds(timeBudgetMinutes * 60)
			.withMemory(memory).withNetworkSize(NetworkSize.of(networkSize)).withArchitecture(Choices.ARCHITECTURE
				.of(architecture)).withLabelMode(Choices.LABEL_MEANING.of(labelImages)).withClassNames(classNames).withDevice(DeviceChoice
					.of(device).text()).withEpochs(1000, 50).withConfigurations(BEST.equals(configurations)
						? List.of() : List.of(configurations)).withPlans(plans());
	}

	private Plans plans() {
		if (plansFile == null || plansFile.getPath().isBlank()) return null;
		return Plans.readForTraining(plansFile.toPath());
	}
}
