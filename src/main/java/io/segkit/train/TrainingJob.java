package io.segkit.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
import io.segkit.plan.PlanOverrides;

/**
 * One "train a model into a file" run, beside {@link io.segkit.infer.SegmentationJob}: the model file rule, the
 * checkpoint folder beside the model ({@code <model>-training/}), a new run or one resumed from its last
 * checkpoint, and the atomic save of the chosen checkpoint (the best epoch, else the last) as the model file,
 * without the optimiser state (the checkpoints keep it). One training runs at a time in a Fiji: a job holds the
 * {@link Slot} from its creation until it is closed.
 */
public final class TrainingJob implements AutoCloseable {

	/** The checkpoint folder is the model file's name without ".zip" plus this. */
	public static final String CHECKPOINT_FOLDER_SUFFIX = "-training";

	private static final AtomicBoolean TRAINING = new AtomicBoolean();

	private final Path model;
	private final Path checkpoints;
	private final boolean resume;
	private final Slot slot;

	/** The right to train: one at a time per Fiji (training uses all memory and cores it is given). */
	public static final class Slot implements AutoCloseable {

		private boolean held = true;

		private Slot() {}

		@Override
		public void close() {
			if (held) TRAINING.set(false);
			held = false;
		}
	}

	/** Takes the training slot, or says that another training is running. */
	public static Slot claim() {
		if (!TRAINING.compareAndSet(false, true)) throw new SegKitException("Another training is running in this "
			+ "Fiji. Wait until it has finished (or stop it with Esc), then start this one.");
		return new Slot();
	}

	/**
	 * Checks the model file (see {@link #modelFile}), the checkpoint folder (resuming needs a checkpoint; a new run
	 * replaces an earlier run's checkpoints only with {@code overwrite}) and takes the training slot, before any data
	 * is read. Close the job to give the slot back.
	 *
	 * @param overwrite whether an existing model file and an earlier run's checkpoints may be replaced
	 * @param resume continue the run whose checkpoints are beside the model (an existing model file is replaced)
	 */
	public TrainingJob(Path modelFile, boolean overwrite, boolean resume) {
		this.model = modelFile(modelFile, overwrite || resume);
		this.checkpoints = model.resolveSibling(Titles.base(model.getFileName().toString())
			+ CHECKPOINT_FOLDER_SUFFIX);
		this.resume = resume;
		if (resume) lastCheckpoint();
		else if (!overwrite && hasCheckpoints()) throw new SegKitException("'" + checkpoints + "' holds the "
			+ "checkpoints of an earlier training of this model. Tick Resume to continue it, Overwrite to start again "
			+ "(its checkpoints are replaced), or choose another model file.");
		this.slot = claim();
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

	/** Whether this job continues an earlier run (which then keeps its own model and settings). */
	public boolean resumes() {
		return resume;
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
		removeLeftovers();
		if (!resume) deleteCheckpoints();
		log.accept((resume ? "resuming " : "training ") + trained.network().architecture().label() + " (" + trained
			.dims() + "D), patch " + PlanOverrides.text(trained.patchSize()) + " at " + spacing(trained.spacing()) + " "
			+ trained.unit() + ", " + cases.size() + " cases");
		TrainingResult result = resume
			? Trainer.resume(lastCheckpoint(), prepared, checkpoints, settings, listener, progress, null)
			: Trainer.train(prepared, trained, settings, checkpoints, listener, progress);
		if (result.stopReason() == TrainingResult.StopReason.CANCELLED) {
			String kept = "Training stopped by the user. The last checkpoint is " + result.last() + "; run again with "
				+ "Resume to continue. The model file was not written.";
			log.accept(kept);
			throw new Cancelled(kept); // the status bar must not say "nothing was changed": checkpoints were written
		}
		if (result.stopReason() == TrainingResult.StopReason.DIVERGED) log.accept("the loss became non-finite in epoch "
			+ (result.epochs() + 1) + " and stayed so; the best epoch before it is kept. Lower the learning rate to "
			+ "train further.");
		Path chosen = result.best() != null ? result.best() : result.last();
		ModelBundle.copyWithout(chosen, model, Set.of(ModelBundle.Entries.OPTIMIZER_STATE));
		log.accept("training ended (" + result.stopReason().name().toLowerCase().replace('_', ' ') + "); model saved "
			+ "to " + model + " (" + (result.best() != null ? "best" : "last") + " epoch)");
		return result;
	}

	/** Gives the training slot back. */
	@Override
	public void close() {
		slot.close();
	}

	private static final List<String> CHECKPOINTS = List.of(Trainer.LAST_FILE, Trainer.BEST_FILE);

	private boolean hasCheckpoints() {
		return CHECKPOINTS.stream().anyMatch(name -> Files.exists(checkpoints.resolve(name)));
	}

	/** A new run's checkpoints must not mix with an earlier run's. */
	private void deleteCheckpoints() {
		for (String name : CHECKPOINTS) {
			try {
				Files.deleteIfExists(checkpoints.resolve(name));
			}
			catch (IOException e) {
				throw new SegKitException("Cannot replace the earlier checkpoint " + checkpoints.resolve(name) + ": " + e
					.getMessage() + ". Close programs that use it, or choose another model file.", e);
			}
		}
	}

	/** The temporary files SegKit 0.1's model writer named this way. */
	private static final String OLD_TEMPORARY_MODELS = ".segkit-model-*.tmp";

	/** Hidden temporary files a killed run left beside the model and its checkpoints. */
	private void removeLeftovers() {
		AtomicFiles.removeLeftovers(model);
		for (String name : CHECKPOINTS) AtomicFiles.removeLeftovers(checkpoints.resolve(name));
		AtomicFiles.removeMatching(checkpoints, OLD_TEMPORARY_MODELS);
		AtomicFiles.removeMatching(model.getParent(), OLD_TEMPORARY_MODELS);
	}

	private Path lastCheckpoint() {
		Path last = checkpoints.resolve(Trainer.LAST_FILE);
		if (!Files.exists(last)) {
			throw new SegKitException("There is no checkpoint to resume from in " + checkpoints + ". Untick Resume to "
				+ "start a new training.");
		}
		return last;
	}

	/** Voxel size as the Log writes it: "0.5 x 0.5 x 2". */
	private static String spacing(double[] spacing) {
		StringBuilder s = new StringBuilder();
		for (double v : spacing) s.append(s.length() == 0 ? "" : " x ").append(new java.math.BigDecimal(String.format(
			java.util.Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString());
		return s.toString();
	}
}
