package io.segkit.command;

import java.io.File;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.segkit.dataset.TrainingCase;
import io.segkit.dataset.TrainingCases;
import io.segkit.engine.DeviceChoice;
import io.segkit.ij1.ChoiceAliases;
import io.segkit.ij1.CommandBridge;
import io.segkit.train.TrainingChoices;
import io.segkit.train.TrainingJob;
import io.segkit.train.TrainingListener;
import io.segkit.train.TrainingResult;
import io.segkit.train.TrainingSettings;

/**
 * Trains a segmentation network on image/label pairs (a folder pair, or an open image and its label image) and
 * saves it as one model file: glue between the dialog, {@link TrainingChoices} (what to train) and
 * {@link TrainingJob} (checkpoints beside the model, Resume, the save). Interactively a plot shows loss and
 * validation Dice after each epoch.
 */
@Plugin(type = Command.class, label = "Train Segmentation Model")
public class TrainModelCommand extends SegKitCommand {

	static final String AUTO = "automatic", TWO_D = "2D", THREE_D = "3D";

	@Parameter(label = "Image", required = false, style = CommandBridge.CURRENT_IMAGE_STYLE,
		description = "Train on this image (with Label image) when no images folder is given")
	ImagePlus image;

	@Parameter(label = "Label image", required = false, description = "The labels of Image")
	ImagePlus labelImage;

	@Parameter(label = "Images folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "Training images (TIFF); used instead of Image when given")
	File imagesFolder;

	@Parameter(label = "Labels folder", required = false, style = FileWidget.DIRECTORY_STYLE,
		description = "Label images with the same file names as the images")
	File labelsFolder;

	@Parameter(label = "Label meaning", choices = {Choices.MEANING_AUTOMATIC,
		Choices.MEANING_CLASSES, Choices.MEANING_OBJECTS, Choices.MEANING_FOREGROUND},
		description = Choices.LABEL_MEANING_DESCRIPTION)
	String labelMeaning = Choices.MEANING_AUTOMATIC;

	@Parameter(label = "Class names", required = false, description = "Comma-separated, background first; "
		+ "empty = automatic")
	String classNames = "";

	@Parameter(label = "Dimensions", choices = {AUTO, TWO_D, THREE_D},
		description = "automatic: 3D for stacks of 8 slices or more, else 2D (slice by slice)")
	String dimensions = AUTO;

	@Parameter(label = "Architecture", choices = {Choices.U_NET, Choices.ATTENTION_U_NET, Choices.CE_NET,
		Choices.FCN, Choices.SEGNET, Choices.UNET_PLUS_PLUS,
		Choices.DEEPLAB_V3_PLUS, Choices.PSPNET, Choices.REFINENET},
		attrs = @Attr(name = ChoiceAliases.ATTRIBUTE, value = Choices.ARCHITECTURE_ALIASES))
	String architecture = Choices.U_NET;

	@Parameter(label = "Patch size", required = false, description = "e.g. 128x128 or 32x64x64 (z x y x x; "
		+ "128,128 also accepted); empty = automatic")
	String patchSize = "";

	@Parameter(label = "Batch size", min = "0", description = "0 = automatic (4 in 2D, 2 in 3D)")
	int batchSize = 0;

	@Parameter(label = "Base features", min = "1", description = "Feature channels of the first stage; they double "
		+ "at every stage (at most 512 in 2D, 320 in 3D)")
	int baseFeatures = 16;

	@Parameter(label = "Stages", min = "2", max = "8", description = "Resolution stages of the network")
	int stages = 4;

	@Parameter(label = "Epochs", min = "1")
	int epochs = 50;

	@Parameter(label = "Iterations per epoch", min = "1")
	int iterationsPerEpoch = 50;

	@Parameter(label = "Time budget", min = "0", description = "Minutes; training stops before exceeding it "
		+ "(0 = no limit)")
	double timeBudget = 0;

	@Parameter(label = "Optimizer", choices = {"SGD", "Adam"})
	String optimizer = "SGD";

	@Parameter(label = "Validation fraction", min = "0", max = "0.9",
		description = "Share of the cases held out to pick the best epoch")
	double validationFraction = 0.2;

	@Parameter(label = "Augmentation")
	boolean augmentation = true;

	@Parameter(label = "Device", style = DeviceChoice.STYLE, description = Choices.DEVICE_DESCRIPTION)
	String device = DeviceChoice.AUTOMATIC;

	@Parameter(label = "Seed")
	int seed = 1;

	@Parameter(label = "Model file", style = FileWidget.SAVE_STYLE, description = "Where the model (.zip) is saved")
	File modelFile;

	@Parameter(label = "Resume", description = "Continue from the last checkpoint of an earlier run of this model")
	boolean resume = false;

	@Parameter(label = "Overwrite", description = "Replace an existing model file")
	boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Training history")
	ResultsTable history;

	TrainingListener listener;

	@Override
	public void run() {
		TrainingChoices choices = new TrainingChoices(Choices.LABEL_MEANING.of(labelMeaning), classNames,
			AUTO.equals(dimensions) ? 0 : THREE_D.equals(dimensions) ? 3 : 2, Choices.ARCHITECTURE.of(architecture),
			baseFeatures, stages, patchSize, batchSize, epochs, iterationsPerEpoch, timeBudget, "Adam"
				.equalsIgnoreCase(optimizer) ? TrainingSettings.OptimizerKind.ADAM : TrainingSettings.OptimizerKind.SGD,
			validationFraction, augmentation, DeviceChoice.of(device).text(), seed);
		try (TrainingJob job = new TrainingJob(path(modelFile), overwrite, resume)) {
			List<TrainingCase> cases = TrainingCases.of(path(imagesFolder), path(labelsFolder), image, labelImage,
				progress());
			TrainingListener epochs = listener != null ? listener : TrainingPlot.logAndPlot(job.modelName()
				+ " training");
			TrainingResult result = choices.train(job, cases, epochs, line -> IJ.log("SegKit: " + line), progress());
			history = TrainingPlot.historyTable(result.history());
		}
	}

	private static java.nio.file.Path path(File file) {
		return file == null ? null : file.toPath();
	}
}
