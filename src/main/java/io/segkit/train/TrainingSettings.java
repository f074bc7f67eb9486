package io.segkit.train;

import java.util.Arrays;
import java.util.List;

import io.segkit.SegKitException;
import io.segkit.nn.Architecture;

/**
 * Everything that controls one training run. Immutable; build with {@link #defaults2D()} / {@link #defaults3D()}
 * and {@link #toBuilder()}. The patch's length decides 2D (y, x) or 3D (z, y, x) training; a patch that is not a
 * multiple of the network's down-sampling is rounded up (see {@link Trainer}).
 * <p>
 * Defaults are sized for small data on a CPU; nnU-Net's own budget (1000 epochs x 250 iterations) is far more.
 */
public final class TrainingSettings {

	/** The optimisers {@link Trainer} offers. */
	public enum OptimizerKind {
		/** nnU-Net's: SGD with Nesterov momentum 0.99. */
		SGD,
		/** Adam (beta 0.9 / 0.999), L2 weight decay as in torch.optim.Adam. */
		ADAM
	}

	private final Architecture architecture;
	private final int[] features;
	private final int[] patch;
	private final int batchSize;
	private final int epochs;
	private final int iterationsPerEpoch;
	private final OptimizerKind optimizer;
	private final double learningRate;
	private final double weightDecay;
	private final double gradientClip;
	private final double timeBudgetSeconds;
	private final long seed;
	private final double validationFraction;
	private final List<String> validationCases;
	private final int validationPatches;
	private final int ignoreLabel;
	private final boolean augmentation;
	private final boolean deepSupervision;
	private final boolean batchDice;
	private final int patience;
	private final String device;

	private TrainingSettings(Builder b) {
		architecture = b.architecture;
		features = b.features.clone();
		patch = b.patch.clone();
		batchSize = b.batchSize;
		epochs = b.epochs;
		iterationsPerEpoch = b.iterationsPerEpoch;
		optimizer = b.optimizer;
		learningRate = b.learningRate;
		weightDecay = b.weightDecay;
		gradientClip = b.gradientClip;
		timeBudgetSeconds = b.timeBudgetSeconds;
		seed = b.seed;
		validationFraction = b.validationFraction;
		validationCases = List.copyOf(b.validationCases);
		validationPatches = b.validationPatches;
		ignoreLabel = b.ignoreLabel;
		augmentation = b.augmentation;
		deepSupervision = b.deepSupervision;
		batchDice = b.batchDice;
		patience = b.patience;
		device = b.device;
		check();
	}

	/** 2D: plain U-Net {16, 32, 64, 128}, patch 128 x 128, batch 4, 50 epochs x 50 iterations, SGD lr 0.01. */
	public static TrainingSettings defaults2D() {
		return new Builder().build();
	}

	/** 3D: plain U-Net {16, 32, 64, 128}, patch 32 x 64 x 64 (z, y, x), batch 2, otherwise as {@link #defaults2D}. */
	public static TrainingSettings defaults3D() {
		return new Builder().patch(32, 64, 64).batchSize(2).build();
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	private void check() {
		if (architecture == null) throw bad("choose a network architecture");
		if (features.length < 2) throw bad("the network needs at least 2 feature stages");
		for (int f : features) if (f < 1) throw bad("feature counts must be at least 1");
		if (patch.length != 2 && patch.length != 3) throw bad("the patch needs 2 (y, x) or 3 (z, y, x) sizes");
		for (int p : patch) if (p < 1) throw bad("patch sizes must be at least 1");
		if (batchSize < 1 || epochs < 1 || iterationsPerEpoch < 1) {
			throw bad("batch size, epochs and iterations per epoch must be at least 1");
		}
		if (optimizer == null) throw bad("choose an optimizer");
		if (!(learningRate > 0) || !(weightDecay >= 0) || !(gradientClip > 0)) {
			throw bad("the learning rate and gradient clip must be positive and the weight decay not negative");
		}
		if (!(timeBudgetSeconds >= 0)) throw bad("the time budget must not be negative (0 = no limit)");
		if (!(validationFraction >= 0 && validationFraction < 1)) {
			throw bad("the validation fraction must be at least 0 and below 1");
		}
		if (validationPatches < 1) throw bad("at least 1 validation patch is needed");
		if (ignoreLabel < -1 || ignoreLabel > 255) throw bad("the ignore label must be -1 (none) or 0 to 255");
		if (patience < 0) throw bad("the patience must not be negative (0 = no early stop)");
	}

	private static SegKitException bad(String what) {
		return new SegKitException("Invalid training settings: " + what + ".");
	}

	public Architecture architecture() {
		return architecture;
	}

	public int[] features() {
		return features.clone();
	}

	/** The patch asked for: (y, x) or (z, y, x). */
	public int[] patch() {
		return patch.clone();
	}

	/** 2 or 3: the length of the patch. */
	public int dims() {
		return patch.length;
	}

	public int batchSize() {
		return batchSize;
	}

	public int epochs() {
		return epochs;
	}

	public int iterationsPerEpoch() {
		return iterationsPerEpoch;
	}

	public OptimizerKind optimizer() {
		return optimizer;
	}

	/** The initial learning rate of the poly schedule. */
	public double learningRate() {
		return learningRate;
	}

	public double weightDecay() {
		return weightDecay;
	}

	/** Largest global gradient norm (nnU-Net: 12). */
	public double gradientClip() {
		return gradientClip;
	}

	/** Seconds of training allowed in one call (0 = no limit). */
	public double timeBudgetSeconds() {
		return timeBudgetSeconds;
	}

	public long seed() {
		return seed;
	}

	/** Share of cases held out for validation when no validation cases are named. */
	public double validationFraction() {
		return validationFraction;
	}

	/** Case names held out for validation; empty = use {@link #validationFraction()}. */
	public List<String> validationCases() {
		return validationCases;
	}

	/** Number of fixed validation patches the pseudo-Dice is computed on. */
	public int validationPatches() {
		return validationPatches;
	}

	/** The label value that marks unannotated voxels (excluded from the loss), or -1 for none. */
	public int ignoreLabel() {
		return ignoreLabel;
	}

	public boolean augmentation() {
		return augmentation;
	}

	public boolean deepSupervision() {
		return deepSupervision;
	}

	/** Dice summed over the whole batch (nnU-Net's "batch Dice") instead of per sample. */
	public boolean batchDice() {
		return batchDice;
	}

	/** Epochs without a better smoothed validation Dice before stopping early (0 = never stop early). */
	public int patience() {
		return patience;
	}

	/** "auto", "cpu", "gpu" or "gpu:N" (see {@link io.segkit.engine.Engines#device}). */
	public String device() {
		return device;
	}

	@Override
	public String toString() {
		return architecture + " features " + Arrays.toString(features) + " patch " + Arrays.toString(patch)
			+ " batch " + batchSize + ", " + epochs + " epochs x " + iterationsPerEpoch + " iterations, " + optimizer
			+ " lr " + learningRate + (augmentation ? ", augmentation" : "") + (deepSupervision ? ", deep supervision"
				: "") + (timeBudgetSeconds > 0 ? ", time budget " + timeBudgetSeconds + " s" : "") + ", seed " + seed;
	}

	/** Builder; every setter returns the builder. */
	public static final class Builder {

		private Architecture architecture = Architecture.PLAIN_UNET;
		private int[] features = {16, 32, 64, 128};
		private int[] patch = {128, 128};
		private int batchSize = 4;
		private int epochs = 50;
		private int iterationsPerEpoch = 50;
		private OptimizerKind optimizer = OptimizerKind.SGD;
		private double learningRate = 0.01;
		private double weightDecay = 3e-5;
		private double gradientClip = 12;
		private double timeBudgetSeconds;
		private long seed = 1;
		private double validationFraction = 0.2;
		private List<String> validationCases = List.of();
		private int validationPatches = 16;
		private int ignoreLabel = -1;
		private boolean augmentation = true;
		private boolean deepSupervision = true;
		private boolean batchDice;
		private int patience;
		private String device = "auto";

		public Builder() {}

		private Builder(TrainingSettings s) {
			architecture = s.architecture;
			features = s.features;
			patch = s.patch;
			batchSize = s.batchSize;
			epochs = s.epochs;
			iterationsPerEpoch = s.iterationsPerEpoch;
			optimizer = s.optimizer;
			learningRate = s.learningRate;
			weightDecay = s.weightDecay;
			gradientClip = s.gradientClip;
			timeBudgetSeconds = s.timeBudgetSeconds;
			seed = s.seed;
			validationFraction = s.validationFraction;
			validationCases = s.validationCases;
			validationPatches = s.validationPatches;
			ignoreLabel = s.ignoreLabel;
			augmentation = s.augmentation;
			deepSupervision = s.deepSupervision;
			batchDice = s.batchDice;
			patience = s.patience;
			device = s.device;
		}

		public Builder architecture(Architecture a) {
			architecture = a;
			return this;
		}

		public Builder features(int... f) {
			features = f.clone();
			return this;
		}

		public Builder patch(int... p) {
			patch = p.clone();
			return this;
		}

		public Builder batchSize(int n) {
			batchSize = n;
			return this;
		}

		public Builder epochs(int n) {
			epochs = n;
			return this;
		}

		public Builder iterationsPerEpoch(int n) {
			iterationsPerEpoch = n;
			return this;
		}

		/** Also sets nnU-Net's learning rate for it (SGD 0.01, Adam 0.001) unless set after. */
		public Builder optimizer(OptimizerKind o) {
			optimizer = o;
			learningRate = o == OptimizerKind.ADAM ? 1e-3 : 0.01;
			return this;
		}

		public Builder learningRate(double lr) {
			learningRate = lr;
			return this;
		}

		public Builder weightDecay(double wd) {
			weightDecay = wd;
			return this;
		}

		public Builder gradientClip(double maxNorm) {
			gradientClip = maxNorm;
			return this;
		}

		public Builder timeBudgetSeconds(double seconds) {
			timeBudgetSeconds = seconds;
			return this;
		}

		public Builder seed(long s) {
			seed = s;
			return this;
		}

		public Builder validationFraction(double f) {
			validationFraction = f;
			return this;
		}

		public Builder validationCases(List<String> names) {
			validationCases = List.copyOf(names);
			return this;
		}

		public Builder validationPatches(int n) {
			validationPatches = n;
			return this;
		}

		public Builder ignoreLabel(int value) {
			ignoreLabel = value;
			return this;
		}

		public Builder augmentation(boolean on) {
			augmentation = on;
			return this;
		}

		public Builder deepSupervision(boolean on) {
			deepSupervision = on;
			return this;
		}

		public Builder batchDice(boolean on) {
			batchDice = on;
			return this;
		}

		public Builder patience(int epochs) {
			patience = epochs;
			return this;
		}

		public Builder device(String d) {
			device = d;
			return this;
		}

		public TrainingSettings build() {
			return new TrainingSettings(this);
		}
	}
}
