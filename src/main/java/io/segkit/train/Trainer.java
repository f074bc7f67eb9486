package io.segkit.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.types.Shape;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.Dimensions;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Networks;
import io.segkit.nn.SegmentationNetwork;

/**
 * Trains a {@link SegmentationNetwork} on prepared cases (nnU-Net's recipe, nnunet-rules.md section 3) and writes
 * two model bundles into the output folder: {@value #LAST_FILE} after every epoch and {@value #BEST_FILE} whenever
 * the smoothed validation Dice improves. Both carry the optimiser state, epoch and history, so
 * {@link #resume} continues a run exactly where its last checkpoint left it.
 * <p>
 * <b>Stopping.</b> Training ends after the epochs, when one more iteration and the epoch's validation would overrun
 * the time budget (the epoch is then cut short, validated and saved; at least one iteration always runs), after
 * {@code patience} epochs without a better smoothed Dice, or on cancel
 * ({@link Progress#isCancelRequested()} or a thread interrupt, checked before every iteration and between
 * validation batches). Cancel does not throw: it returns a result with {@link TrainingResult.StopReason#CANCELLED}
 * whose {@code last} file holds the last finished epoch (epoch 0, the initial weights, when none finished) - the
 * caller should tell the user that training can resume from it. The partly trained epoch is dropped.
 * <p>
 * All work runs on the calling thread inside {@link io.segkit.engine.Engines#call}, except patch sampling and
 * augmentation, which run one batch ahead on a background thread.
 */
public final class Trainer {

	public static final String BEST_FILE = "model-best.zip";
	public static final String LAST_FILE = "model-last.zip";

	private Trainer() {}

	/** {@link #train(List, ModelSpec, TrainingSettings, Path, TrainingListener, Progress, Validator.Factory)} with
	 * patch validation. */
	public static TrainingResult train(List<PreparedCase> cases, ModelSpec spec, TrainingSettings settings,
			Path folder, TrainingListener listener, Progress progress) {
		return train(cases, spec, settings, folder, listener, progress, null);
	}

	/**
	 * Trains a new network: exactly the one {@code spec} describes (architecture, kernels, strides, features,
	 * deep supervision), on patches of its patch size, with the cases at its voxel size.
	 *
	 * @param cases prepared cases (normalised, at the model spacing); validation cases are split off them
	 * @param spec the model to train; its training summary is ignored
	 * @param settings how to optimise
	 * @param folder where the checkpoints go (created if missing)
	 * @param validatorFactory null for {@link PatchValidator}
	 * @throws SegKitException for unusable input, before anything is written
	 */
	public static TrainingResult train(List<PreparedCase> cases, ModelSpec spec, TrainingSettings settings,
			Path folder, TrainingListener listener, Progress progress, Validator.Factory validatorFactory) {
		requireSettingsFit(spec, settings);
		Split split = Split.of(names(cases), settings.validationCases(), settings.validationFraction(), settings
			.seed());
		ModelSpec untrained = spec.withTraining(null);
		requireUsable(cases, split, untrained, settings);
		createFolder(folder);
		TrainingRun run = new TrainingRun(untrained, settings, split, byName(cases), folder, listener, progress,
			validatorFactory);
		return run.start(null);
	}

	/**
	 * Continues a run from a checkpoint ({@value #LAST_FILE}) with the same cases. The stored settings are used;
	 * from {@code budget} (may be null) only the epochs, time budget and patience are taken, to extend or shorten
	 * the run (more epochs change the poly schedule from here on). Results equal an uninterrupted run's when the
	 * budget is unchanged.
	 */
	public static TrainingResult resume(Path checkpoint, List<PreparedCase> cases, Path folder,
			TrainingSettings budget, TrainingListener listener, Progress progress, Validator.Factory validatorFactory) {
		Map<String, byte[]> extras = Checkpoint.read(checkpoint);
		Checkpoint.State state = Checkpoint.state(extras, checkpoint);
		TrainingSettings settings = budget == null ? state.settings() : state.settings().toBuilder().epochs(budget
			.epochs()).timeBudgetSeconds(budget.timeBudgetSeconds()).patience(budget.patience()).build();
		ModelSpec spec = io.segkit.model.ModelBundle.readSpec(checkpoint);
		Split split = new Split(state.trainingCases(), state.validationCases());
		Map<String, PreparedCase> byName = byName(cases);
		for (String name : concat(split.training(), split.validation())) {
			if (!byName.containsKey(name)) {
				throw new SegKitException("The checkpoint was trained with the case '" + name + "', which is not among "
					+ "the given cases. Resume with the same training data.");
			}
		}
		requireUsable(cases, split, spec, settings);
		createFolder(folder);
		TrainingRun run = new TrainingRun(spec, settings, split, byName, folder, listener, progress,
			validatorFactory);
		return run.start(new TrainingRun.Restart(checkpoint, state, Checkpoint.history(extras), extras));
	}

	/** {@link #resume(Path, List, Path, TrainingSettings, TrainingListener, Progress, Validator.Factory)} with the
	 * stored budget and patch validation. */
	public static TrainingResult resume(Path checkpoint, List<PreparedCase> cases, Path folder,
			TrainingListener listener, Progress progress) {
		return resume(checkpoint, cases, folder, null, listener, progress, null);
	}

	/** The spatial size of each network output for a patch, as (z, y, x) (z = 1 for 2D). */
	static int[][] outputSizes(SegmentationNetwork net, int[] patch) {
		long[] in = new long[patch.length + 2];
		in[0] = 1;
		in[1] = net.config().inChannels();
		for (int a = 0; a < patch.length; a++) in[2 + a] = patch[a];
		net.requireValidInput(Arrays.copyOfRange(in, 2, in.length));
		Shape[] shapes = net.getOutputShapes(new Shape[] {new Shape(in)});
		int[][] sizes = new int[shapes.length][];
		for (int o = 0; o < shapes.length; o++) {
			int[] s = new int[3];
			Arrays.fill(s, 1);
			for (int a = 0; a < patch.length; a++) s[3 - patch.length + a] = (int) shapes[o].get(2 + a);
			sizes[o] = s;
		}
		return sizes;
	}

	/** The default validation: fixed patches from the validation cases. */
	static Validator patchValidator(List<PreparedCase> cases, ModelSpec spec, TrainingSettings s) {
		int[] out = outputSizes(Networks.create(spec.network()), spec.patchSize())[0];
		return new PatchValidator(cases, spec.patchSize(), spec.classNames().size(), s.ignoreLabel(), s.batchSize(),
			s.validationPatches(), s.seed(), out);
	}

	private static void requireSettingsFit(ModelSpec template, TrainingSettings settings) {
		if (template.classNames().size() < 2) {
			throw new SegKitException("A segmentation model needs at least 2 classes (background and one more).");
		}
		int ignore = settings.ignoreLabel();
		if (ignore >= 0 && ignore < template.classNames().size()) {
			throw new SegKitException("The ignore label " + ignore + " is one of the model's classes (0 to "
				+ (template.classNames().size() - 1) + "). Use a value above the classes for unannotated voxels.");
		}
	}

	/** Checks channels, label values and foreground of every case; throws SegKitException naming the problem. */
	static void requireUsable(List<PreparedCase> cases, Split split, ModelSpec spec, TrainingSettings settings) {
		if (cases.isEmpty()) throw new SegKitException("There are no training cases. Add images with label images.");
		if (spec.dims() == 3 && !Dimensions.isVolumetric(Dimensions.medianDepth(cases.stream().mapToInt(
			PreparedCase::depth).toArray()))) {
			throw new SegKitException("The model is a 3D network but the training images are 2D (single slices). "
				+ "Train a 2D model, or give stacks.");
		}
		int channels = spec.channelNames().size();
		int classes = spec.classNames().size();
		boolean foreground = false;
		for (PreparedCase c : cases) {
			if (c.channels().length != channels) {
				throw new SegKitException("Case '" + c.name() + "' has " + c.channels().length + " channel(s) but the "
					+ "model expects " + channels + " (" + spec.channelNames() + "). Give every case the same channels.");
			}
			PreparedCase.requireLabels(c.name(), c.labels(), c.shape(), classes, settings.ignoreLabel());
			if (split.training().contains(c.name())) foreground |= hasForeground(c, classes);
		}
		if (!foreground) {
			throw new SegKitException("None of the training cases " + split.training() + " has any labelled object "
				+ "(all label values are 0 = background). Draw the objects in the label images (values 1 to "
				+ (classes - 1) + ").");
		}
	}

	private static boolean hasForeground(PreparedCase c, int classes) {
		for (int i = 0; i < c.voxels(); i++) {
			int l = c.label(i);
			if (l > 0 && l < classes) return true;
		}
		return false;
	}

	private static List<String> names(List<PreparedCase> cases) {
		if (cases.isEmpty()) throw new SegKitException("There are no training cases. Add images with label images.");
		List<String> names = new ArrayList<>();
		for (PreparedCase c : cases) names.add(c.name());
		return names;
	}

	private static Map<String, PreparedCase> byName(List<PreparedCase> cases) {
		Map<String, PreparedCase> map = new HashMap<>();
		for (PreparedCase c : cases) {
			if (map.put(c.name(), c) != null) {
				throw new SegKitException("Two training cases are named '" + c.name() + "'; give every case its own "
					+ "name.");
			}
		}
		return map;
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static void createFolder(Path folder) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException e) {
			throw new SegKitException("Cannot create the training folder " + folder + ": " + e.getMessage()
				+ ". Choose a folder you can write to.", e);
		}
	}
}
