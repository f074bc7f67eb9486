package io.segkit.autotrain;

import java.util.List;

import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.nn.Architecture;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.Plans;
import io.segkit.train.NetworkSize;

/**
 * What Auto-Train does: cross-validation folds (1 = no cross-validation, a held-out fraction validates), the total
 * time budget (shared over configurations x folds as they come, predicting the validation cases included), the
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
		return new AutoTrainOptions(k, timeBudgetSeconds, memory, networkSize, architecture, labelMode, classNames,
			device, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed,
			hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withTimeBudgetSeconds(double s) {
		return new AutoTrainOptions(folds, s, memory, networkSize, architecture, labelMode, classNames, device,
			maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed, hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withMemory(MemoryBudget m) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, m, networkSize, architecture, labelMode, classNames,
			device, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed,
			hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withNetworkSize(NetworkSize n) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, n, architecture, labelMode, classNames, device,
			maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed, hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withArchitecture(Architecture a) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, a, labelMode, classNames, device,
			maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed, hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withLabelMode(LabelMode m) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, m, classNames, device,
			maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed, hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withClassNames(String names) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, labelMode, names,
			device, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed,
			hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withDevice(String d) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, labelMode, classNames,
			d, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed,
			hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withEpochs(int maxEpochs, int iterationsPerEpoch) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, labelMode, classNames,
			device, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed,
			hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withMaxBatchSize(int b) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, labelMode, classNames,
			device, maxEpochs, iterationsPerEpoch, b, holdoutFraction, seed, hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withHd95(boolean on) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, labelMode, classNames,
			device, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed, on,
			configurations, modelName, plans);
	}

	public AutoTrainOptions withConfigurations(List<String> names) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, labelMode, classNames,
			device, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed, hd95, names, modelName, plans);
	}

	public AutoTrainOptions withSeed(long s) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, labelMode, classNames,
			device, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, s,
			hd95, configurations, modelName, plans);
	}

	public AutoTrainOptions withPlans(Plans p) {
		return new AutoTrainOptions(folds, timeBudgetSeconds, memory, networkSize, architecture, labelMode, classNames,
			device, maxEpochs, iterationsPerEpoch, maxBatchSize, holdoutFraction, seed, hd95, configurations, modelName,
			p);
	}
}
