package io.segkit.autotrain;

import java.util.List;
import java.util.function.Consumer;

import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.nn.Architecture;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.Plans;
import io.segkit.train.NetworkSize;

/**
 * What Auto-Train does: cross-validation folds (1 = no cross-validation, a held-out fraction validates), the total
 * time budget (shared over configurations x folds as they come, predicting the validation cases included; object
 * labels on 3D data give it to 3d_fullres first where it buys enough epochs), the
 * memory the planner may fill, network width and architecture, device, and per-fold limits. Immutable; start from
 * {@link #defaults()} and use the {@code with} methods.
 *
 * @param folds 1 (train on all but {@code holdoutFraction}) or 2 and more (k-fold cross-validation)
 * @param timeBudgetSeconds all training and cross-validation prediction together; 0 = no limit (then
 *        {@code maxEpochs} decides)
 * @param plans nnU-Net plans to train with (for example edited in Plan Segmentation, or a lab's nnUNetPlans.json);
 *        null = plan from the data
 * @param configurations the candidates to consider ("2d", "3d_fullres", "2d+3d_fullres" = their ensemble, which
 *        trains both); empty = all planned and, for 3D data, the ensemble
 */
public record AutoTrainOptions(int folds, double timeBudgetSeconds, MemoryBudget memory, NetworkSize networkSize,
		Architecture architecture, LabelMode labelMode, String classNames, String device, int maxEpochs,
		int iterationsPerEpoch, int maxBatchSize, double holdoutFraction, long seed, boolean hd95,
		List<String> configurations, String modelName, Plans plans) {

	public static final int DEFAULT_FOLDS = 5;

	public AutoTrainOptions {
		if (folds < 1) throw new SegKitException("The number of folds must be 1 (no cross-validation) or at least 2, "
			+ "not " + folds + ".");
		if (!(timeBudgetSeconds >= 0)) throw new SegKitException("The time budget must be 0 (no limit) or more.");
		if (maxEpochs < 1 || iterationsPerEpoch < 1 || maxBatchSize < 1) {
			throw new SegKitException("Epochs, iterations per epoch and batch size must be at least 1.");
		}
		if (!(holdoutFraction > 0 && holdoutFraction < 1)) throw new SegKitException("The validation fraction must "
			+ "be above 0 and below 1.");
		configurations = List.copyOf(configurations);
		if (memory == null || networkSize == null || architecture == null || labelMode == null) {
			throw new SegKitException("Choose a memory budget, network size, architecture and label meaning.");
		}
	}

	/** 5 folds, no time limit, automatic CPU memory, half-width plain U-Net, classes, 100 epochs x 50 iterations. */
	public static AutoTrainOptions defaults() {
		return new AutoTrainOptions(DEFAULT_FOLDS, 0, MemoryBudget.automaticCpu(), NetworkSize.HALF,
			Architecture.PLAIN_UNET, LabelMode.CLASSES, null, "auto", 100, 50, 8, 0.2, 12345, true, List.of(),
			"auto-trained", null);
	}

	public AutoTrainOptions withFolds(int k) {
		return with(b -> b.folds = k);
	}

	public AutoTrainOptions withTimeBudgetSeconds(double s) {
		return with(b -> b.timeBudgetSeconds = s);
	}

	public AutoTrainOptions withMemory(MemoryBudget m) {
		return with(b -> b.memory = m);
	}

	public AutoTrainOptions withNetworkSize(NetworkSize n) {
		return with(b -> b.networkSize = n);
	}

	public AutoTrainOptions withArchitecture(Architecture a) {
		return with(b -> b.architecture = a);
	}

	public AutoTrainOptions withLabelMode(LabelMode m) {
		return with(b -> b.labelMode = m);
	}

	public AutoTrainOptions withClassNames(String names) {
		return with(b -> b.classNames = names);
	}

	public AutoTrainOptions withDevice(String d) {
		return with(b -> b.device = d);
	}

	public AutoTrainOptions withEpochs(int maxEpochs, int iterationsPerEpoch) {
		return with(b -> {
			b.maxEpochs = maxEpochs;
			b.iterationsPerEpoch = iterationsPerEpoch;
		});
	}

	public AutoTrainOptions withMaxBatchSize(int b) {
		return with(x -> x.maxBatchSize = b);
	}

	public AutoTrainOptions withHd95(boolean on) {
		return with(b -> b.hd95 = on);
	}

	public AutoTrainOptions withConfigurations(List<String> names) {
		return with(b -> b.configurations = names);
	}

	public AutoTrainOptions withSeed(long s) {
		return with(b -> b.seed = s);
	}

	public AutoTrainOptions withPlans(Plans p) {
		return with(b -> b.plans = p);
	}


	/** A copy with one change. */
	private AutoTrainOptions with(Consumer<Copy> change) {
		Copy copy = new Copy(this);
		change.accept(copy);
		return copy.build();
	}

	/** The options as mutable fields, so that each "with" names only what it changes. */
	private static final class Copy {

		int folds;
		double timeBudgetSeconds;
		MemoryBudget memory;
		NetworkSize networkSize;
		Architecture architecture;
		LabelMode labelMode;
		String classNames;
		String device;
		int maxEpochs;
		int iterationsPerEpoch;
		int maxBatchSize;
		double holdoutFraction;
		long seed;
		boolean hd95;
		List<String> configurations;
		String modelName;
		Plans plans;

		Copy(AutoTrainOptions o) {
			folds = o.folds;
			timeBudgetSeconds = o.timeBudgetSeconds;
			memory = o.memory;
			networkSize = o.networkSize;
			architecture = o.architecture;
			labelMode = o.labelMode;
			classNames = o.classNames;
			device = o.device;
			maxEpochs = o.maxEpochs;
			iterationsPerEpoch = o.iterationsPerEpoch;
			maxBatchSize = o.maxBatchSize;
			holdoutFraction = o.holdoutFraction;
			seed = o.seed;
			hd95 = o.hd95;
			configurations = o.configurations;
			modelName = o.modelName;
			plans = o.plans;
		}

		AutoTrainOptions build() {
			return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, labelMode,
				classNames, device, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed,
				hd95, configurations, modelName, plans);
		}
	}
}
