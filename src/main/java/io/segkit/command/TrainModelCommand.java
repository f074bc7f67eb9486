package io.segkit.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.ij1.CommandBridge;
import io.segkit.image.Titles;
import io.segkit.model.LabelMode;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.plan.PlanOverrides;
import io.segkit.plan.TrainingCase;
import io.segkit.plan.TrainingFolder;
import io.segkit.train.EpochRecord;
import io.segkit.train.PreparedCase;
import io.segkit.train.Trainer;
import io.segkit.train.TrainingData;
import io.segkit.train.TrainingListener;
import io.segkit.train.TrainingResult;
import io.segkit.train.TrainingSettings;

/**
 * Trains a segmentation network on image/label pairs (a folder pair, or an open image and its label image) and
 * saves it as one model file. Checkpoints go to {@code <model>-training/} beside the model; with "Resume" a
 * stopped run continues from the last one. Interactively a plot shows loss and validation Dice after each epoch.
 */
@Plugin(type = Command.class, label = "Train Segmentation Model")
public class TrainModelCommand implements Command {

	static final String AUTO = "automatic", TWO_D = "2D", THREE_D = "3D";
	static final String UNET = "U-Net", ATTENTION = "Attention U-Net", CENET = "CE-Net";

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

	@Parameter(label = "Label meaning", choices = {"classes", "objects"},
		description = "classes: 0 background, 1, 2, ... one value per class; objects: any value > 0 is foreground")
	String labelMeaning = "classes";

	@Parameter(label = "Class names", required = false, description = "Comma-separated, background first; "
		+ "empty = automatic")
	String classNames = "";

	@Parameter(label = "Dimensions", choices = {AUTO, TWO_D, THREE_D},
		description = "automatic: 3D for stacks of 8 slices or more, else 2D (slice by slice)")
	String dimensions = AUTO;

	@Parameter(label = "Architecture", choices = {UNET, ATTENTION, CENET})
	String architecture = UNET;

	@Parameter(label = "Patch size", required = false, description = "e.g. 128,128 or 32,64,64 (z,y,x); empty = "
		+ "automatic")
	String patchSize = "";

	@Parameter(label = "Batch size", min = "0", description = "0 = automatic (4 in 2D, 2 in 3D)")
	int batchSize = 0;

	@Parameter(label = "Base features", min = "1", description = "Feature channels of the first stage; they double "
		+ "at every stage (at most 320)")
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

	@Parameter(label = "Device", description = "auto, cpu, gpu or gpu:N")
	String device = "auto";

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

	Progress progress;
	TrainingListener listener;

	@Override
	public void run() {
		Path model = modelPath();
		Path checkpoints = model.resolveSibling(Titles.base(model.getFileName().toString()) + "-training");
		Progress p = progress != null ? progress : IJProgress.start();
		LabelMode mode = LabelMode.of(labelMeaning);
		List<TrainingCase> cases = cases(p);
		TrainingSettings settings = settings(cases);
		List<String> names = TrainingData.classNames(classNames, TrainingData.classCount(cases, mode, -1));
		ModelSpec template = TrainingData.template(Titles.base(model.getFileName().toString()), cases, settings, names);
		List<PreparedCase> prepared = TrainingData.prepare(cases, template, mode, -1, p);
		IJ.log("SegKit: training " + template.network() + ", patch " + Arrays.toString(template.patchSize())
			+ " at " + Arrays.toString(template.spacing()) + " " + template.unit() + ", " + cases.size() + " cases");
		TrainingResult result = resume
			? Trainer.resume(lastCheckpoint(checkpoints), prepared, checkpoints, settings, listener(), p, null)
			: Trainer.train(prepared, template, settings, checkpoints, listener(), p);
		history = table(result.history());
		finish(result, model);
	}

	private Path modelPath() {
		if (modelFile == null) throw new SegKitException("Choose where to save the model (Model file).");
		Path model = modelFile.toPath().toAbsolutePath();
		if (!model.getFileName().toString().toLowerCase().endsWith(".zip")) {
			model = model.resolveSibling(model.getFileName() + ".zip");
		}
		if (!Files.isDirectory(model.getParent())) {
			throw new SegKitException("The folder of the model file (" + model.getParent() + ") does not exist.");
		}
		if (Files.exists(model) && !overwrite && !resume) {
			throw new SegKitException(model.getFileName() + " exists. Tick Overwrite to replace it, Resume to continue "
				+ "its training, or choose another file name.");
		}
		return model;
	}

	private List<TrainingCase> cases(Progress p) {
		if (imagesFolder != null) {
			if (labelsFolder == null) throw new SegKitException("Choose the labels folder that goes with the images.");
			return TrainingData.load(TrainingFolder.of(imagesFolder.toPath(), labelsFolder.toPath()), p);
		}
		if (image == null || labelImage == null) {
			throw new SegKitException("Choose an images folder and a labels folder, or an open image and its label "
				+ "image.");
		}
		if (image == labelImage) throw new SegKitException("Image and label image are the same image.");
		return TrainingData.fromImages(image, labelImage);
	}

	private TrainingSettings settings(List<TrainingCase> cases) {
		int dims = dims(cases);
		TrainingSettings defaults = dims == 3 ? TrainingSettings.defaults3D() : TrainingSettings.defaults2D();
		double[] spacing = TrainingData.targetSpacing(cases, dims);
		int[] patch = patchSize == null || patchSize.isBlank() ? TrainingData.automaticPatch(cases, spacing, defaults
			.patch()) : parsePatch(patchSize, dims);
		TrainingSettings.Builder b = defaults.toBuilder().architecture(architecture()).features(features()).patch(
			patch).epochs(epochs).iterationsPerEpoch(iterationsPerEpoch).timeBudgetSeconds(timeBudget * 60).seed(seed)
			.validationFraction(validationFraction).augmentation(augmentation).device(device);
		if (batchSize > 0) b.batchSize(batchSize);
		if ("Adam".equalsIgnoreCase(optimizer)) b.optimizer(TrainingSettings.OptimizerKind.ADAM);
		return b.build();
	}

	private int dims(List<TrainingCase> cases) {
		if (TWO_D.equals(dimensions)) return 2;
		int[] depths = cases.stream().mapToInt(c -> c.labels().depth()).sorted().toArray();
		int median = depths[depths.length / 2];
		if (THREE_D.equals(dimensions)) {
			if (median < 2) throw new SegKitException("3D training needs stacks; these images are 2D. Choose 2D.");
			return 3;
		}
		return median >= 8 ? 3 : 2;
	}

	private int[] features() {
		int[] f = new int[stages];
		for (int s = 0; s < stages; s++) f[s] = Math.min(320, baseFeatures << s);
		return f;
	}

	private Architecture architecture() {
		return switch (architecture) {
			case ATTENTION -> Architecture.ATTENTION_UNET;
			case CENET -> Architecture.CE_NET;
			default -> Architecture.PLAIN_UNET;
		};
	}

	/** The patch typed by the user (parsed like Plan Segmentation's), at least 8 per axis. */
	static int[] parsePatch(String text, int dims) {
		int[] p = PlanOverrides.parsePatch(text, dims, "The patch size");
		for (int size : p) if (size < 8) throw new SegKitException("Patch sizes below 8 are too small to train on.");
		return p;
	}

	private static Path lastCheckpoint(Path checkpoints) {
		Path last = checkpoints.resolve(Trainer.LAST_FILE);
		if (!Files.exists(last)) {
			throw new SegKitException("There is no checkpoint to resume from in " + checkpoints + ". Untick Resume to "
				+ "start a new training.");
		}
		return last;
	}

	private TrainingListener listener() {
		if (listener != null) return listener;
		boolean interactive = !GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode();
		TrainingPlot plot = interactive ? new TrainingPlot(modelFile.getName() + " training") : null;
		return (record, all) -> {
			IJ.log(String.format(java.util.Locale.ROOT, "SegKit: epoch %d  loss %.4f  validation Dice %.3f  "
				+ "(%.1f s)%s", record.epoch(), record.trainingLoss(), record.validationDice(), record.seconds(),
				record.best() ? "  best" : ""));
			if (plot != null) plot.epochFinished(record, all);
		};
	}

	private void finish(TrainingResult result, Path model) {
		if (result.stopReason() == TrainingResult.StopReason.CANCELLED) {
			IJ.log("SegKit: training stopped by the user. The last checkpoint is " + result.last() + "; run again "
				+ "with Resume to continue. The model file was not written.");
			throw new io.segkit.Cancelled();
		}
		Path chosen = result.best() != null ? result.best() : result.last();
		Path temp = model.resolveSibling("." + model.getFileName() + ".tmp");
		try {
			Files.copy(chosen, temp, StandardCopyOption.REPLACE_EXISTING);
			Files.move(temp, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new SegKitException("Could not save the model to " + model + ": " + e.getMessage(), e);
		}
		IJ.log("SegKit: training ended (" + result.stopReason().name().toLowerCase().replace('_', ' ') + "); model "
			+ "saved to " + model + " (" + (result.best() != null ? "best" : "last") + " epoch)");
	}

	private static ResultsTable table(List<EpochRecord> records) {
		ResultsTable t = new ResultsTable();
		for (EpochRecord r : records) {
			t.incrementCounter();
			t.addValue("Epoch", r.epoch());
			t.addValue("Loss", r.trainingLoss());
			t.addValue("Validation Dice", r.validationDice());
			t.addValue("Smoothed Dice", r.smoothedDice());
			t.addValue("Learning rate", r.learningRate());
			t.addValue("Seconds", r.seconds());
			t.addValue("Best", r.best() ? 1 : 0);
		}
		return t;
	}
}
