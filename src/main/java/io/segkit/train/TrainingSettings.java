package io.segkit.train;

import java.util.List;

import io.segkit.SegKitException;

/**
 * How one training run optimises (batch, epochs, optimiser, schedule, budget, validation, augmentation, seed,
 * device). What is trained (network, patch, voxel size) is the {@link io.segkit.model.ModelSpec} given to
 * {@link Trainer}, never a setting. Immutable; build with {@link #defaults()} and {@link #toBuilder()}.
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
	private final boolean batchDice;
	private final int patience;
	private final String device;

	private TrainingSettings(Builder b) {
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
		batchDice = b.batchDice;
		patience = b.patience;
		device = b.device;
		check();
	}

	/** Batch 4, 50 epochs x 50 iterations, SGD lr 0.01 with nnU-Net's poly schedule, augmentation, seed 1. */
	public static TrainingSettings defaults() {
		return new Builder().build();
	}

	/** The batch size "automatic" means: 4 patches for a 2D network, 2 for a 3D one. */
	public static int automaticBatchSize(int dims) {
		return dims == 3 ? 2 : 4;
	}

	public Builder toBuilder() {
		return new Builder(this);
	}

	private void check() {
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
		return "batch " + batchSize + ", " + epochs + " epochs x " + iterationsPerEpoch + " iterations, " + optimizer
			+ " lr " + learningRate + (augmentation ? ", augmentation" : "") + (timeBudgetSeconds > 0 ? ", time budget " + timeBudgetSeconds + " s" : "") + ", seed " + seed;
	}

	/** Builder; every setter returns the builder. */
	public static final class Builder {

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
		private boolean batchDice;
		private int patience;
		private String device = "auto";

		public Builder() {}

		private Builder(TrainingSettings s) {
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
			batchDice = s.batchDice;
			patience = s.patience;
			device = s.device;
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
