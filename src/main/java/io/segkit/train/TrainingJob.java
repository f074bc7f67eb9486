package io.segkit.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.files.AtomicFiles;
import io.segkit.image.Titles;
import io.segkit.model.ModelBundle;
import io.segkit.model.ModelSpec;

/**
 * One "train a model into a file" run, beside {@link io.segkit.infer.SegmentationJob}: the model file rule, the
 * checkpoint folder beside the model ({@code <model>-training/}), a new run or one resumed from its last
 * checkpoint, and the atomic save of the chosen checkpoint (the best epoch, else the last) as the model file.
 */
public final class TrainingJob {

	/** The checkpoint folder is the model file's name without ".zip" plus this. */
	public static final String CHECKPOINT_FOLDER_SUFFIX = "-training";

	private final Path model;
	private final Path checkpoints;
	private final boolean resume;

	/**
	 * Checks the model file (see {@link #modelFile}) and, when resuming, that there is a checkpoint, before any data
	 * is read.
	 *
	 * @param overwrite whether an existing model file may be replaced
	 * @param resume continue the run whose checkpoints are beside the model (an existing model file is replaced)
	 */
	public TrainingJob(Path modelFile, boolean overwrite, boolean resume) {
		this.model = modelFile(modelFile, overwrite || resume);
		this.checkpoints = model.resolveSibling(Titles.base(model.getFileName().toString())
			+ CHECKPOINT_FOLDER_SUFFIX);
		this.resume = resume;
		if (resume) lastCheckpoint();
	}

	/**
	 * The one rule for the model file a training writes: ".zip" is added when the name lacks it, the folder must
	 * exist, and an existing file is only replaced when {@code mayReplace}.
	 *
	 * @return the absolute path of the model file
	 */
	public static Path modelFile(Path given, boolean mayReplace) {
		if (given == null) throw new SegKitException("Choose where to save the model (Model file, a .zip).");
		Path model = given.toAbsolutePath();
		if (!model.getFileName().toString().toLowerCase().endsWith(ModelBundle.EXTENSION)) {
			model = model.resolveSibling(model.getFileName() + ModelBundle.EXTENSION);
		}
		if (Files.isDirectory(model)) throw new SegKitException("'" + model + "' is a folder; choose a file name "
			+ "ending in .zip.");
		if (!Files.isDirectory(model.getParent())) throw new SegKitException("The folder of the model file '" + model
			+ "' does not exist. Choose an existing folder.");
		if (Files.exists(model) && !mayReplace) throw new SegKitException("The model file '" + model + "' already "
			+ "exists. Tick Overwrite to replace it (or Resume to continue its training), or choose another name.");
		return model;
	}

	/** The model file this job writes. */
	public Path model() {
		return model;
	}

	/** The model's name: its file name without ".zip". */
	public String modelName() {
		return Titles.base(model.getFileName().toString());
	}

	/** Where the checkpoints of this model's training go. */
	public Path checkpoints() {
		return checkpoints;
	}

	/**
	 * Prepares the cases for the model and trains it, then saves the model file. A new run trains {@code spec}; a
	 * resumed run continues the checkpoint's own model and settings ({@code budget} may only change epochs, time
	 * budget and patience). Cancel logs where training can resume from and throws {@link Cancelled}; the model file
	 * is then not written.
	 *
	 * @param spec the model to train (from {@link ModelDesign}); unused when resuming
	 * @param log receives the lines a user should see
	 */
	public TrainingResult run(List<TrainingCase> cases, LabelMode mode, ModelSpec spec, TrainingSettings settings,
			TrainingListener listener, Consumer<String> log, Progress progress) {
		ModelSpec trained = resume ? ModelBundle.readSpec(lastCheckpoint()) : spec;
		List<PreparedCase> prepared = PreparedCase.prepareAll(cases, trained, mode, settings.ignoreLabel(),
			progress);
		log.accept((resume ? "resuming " : "training ") + trained.network() + ", patch " + Arrays.toString(trained
			.patchSize()) + " at " + Arrays.toString(trained.spacing()) + " " + trained.unit() + ", " + cases.size()
			+ " cases");
		TrainingResult result = resume
			? Trainer.resume(lastCheckpoint(), prepared, checkpoints, settings, listener, progress, null)
			: Trainer.train(prepared, trained, settings, checkpoints, listener, progress);
		if (result.stopReason() == TrainingResult.StopReason.CANCELLED) {
			log.accept("training stopped by the user. The last checkpoint is " + result.last() + "; run again with "
				+ "Resume to continue. The model file was not written.");
			throw new Cancelled();
		}
		Path chosen = result.best() != null ? result.best() : result.last();
		AtomicFiles.copy(chosen, model, "model");
		log.accept("training ended (" + result.stopReason().name().toLowerCase().replace('_', ' ') + "); model saved "
			+ "to " + model + " (" + (result.best() != null ? "best" : "last") + " epoch)");
		return result;
	}

	private Path lastCheckpoint() {
		Path last = checkpoints.resolve(Trainer.LAST_FILE);
		if (!Files.exists(last)) {
			throw new SegKitException("There is no checkpoint to resume from in " + checkpoints + ". Untick Resume to "
				+ "start a new training.");
		}
		return last;
	}
}
