package io.segkit.train;

import java.util.List;
import java.util.function.Consumer;

import io.segkit.Progress;
import io.segkit.dataset.Dimensions;
import io.segkit.dataset.LabelKinds;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.dataset.TrainingCases;
import io.segkit.instances.InstanceTraining;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.plan.PlanOverrides;

/**
 * Everything "train one network with the settings I choose" asks for (Train Segmentation Model, {@code segkit
 * train}), and the one way those choices become a model description and training settings and are trained.
 *
 * @param dims 0 = automatic ({@link Dimensions}), 2 or 3
 * @param classNames comma-separated, background first; empty or null = automatic
 * @param patchSize e.g. "128,128" or "32,64,64" (z,y,x); empty or null = automatic
 * @param batchSize 0 = automatic (4 in 2D, 2 in 3D)
 * @param timeBudgetMinutes 0 = no limit
 * @param device "auto", "cpu", "gpu" or "gpu:N"
 */
public record TrainingChoices(LabelMode mode, String classNames, int dims, Architecture architecture,
		int baseFeatures, int stages, String patchSize, int batchSize, int epochs, int iterationsPerEpoch,
		double timeBudgetMinutes, TrainingSettings.OptimizerKind optimizer, double validationFraction,
		boolean augmentation, String device, long seed) {

	/**
	 * Designs the model ({@link ModelDesign#fromChoices}; a resumed job keeps its checkpoint's model) and trains
	 * it with {@code job}.
	 */
	public TrainingResult train(TrainingJob job, List<TrainingCase> cases, TrainingListener listener, Consumer<String> log, Progress progress) {
		int ignore = TrainingCases.ignoreLabel(cases); // sparse annotation: unannotated voxels teach nothing
		LabelMode resolved = resolveMode(cases, log);
		List<String> names = TrainingCases.classNames(classNames == null ? "" : classNames, TrainingCases
			.classCount(cases, resolved, ignore), resolved);
		int resolvedDims = Dimensions.resolve(dims, cases);
		int[] patch = PlanOverrides.parsePatch(patchSize == null ? "" : patchSize, resolvedDims, "The patch size");
		ModelSpec spec = job.resumes() ? null : ModelDesign.fromChoices(job.modelName(), cases, names,
			new ModelDesign.Choices(resolvedDims, architecture, baseFeatures, stages, patch));
		if (spec != null && resolved == LabelMode.OBJECTS) spec = spec.withInstances(InstanceTraining.defaults(cases));
		if (ignore >= 0) log.accept("The label images are sparse: voxels marked as not annotated are left out "
			+ "of training and validation.");
		return job.run(cases, resolved, spec, settings(resolvedDims).toBuilder().ignoreLabel(ignore).build(), listener,
			log, progress);
	}

	/** The label meaning asked for, or the one the label images show ({@link LabelKinds}), said in the Log. */
	private LabelMode resolveMode(List<TrainingCase> cases, Consumer<String> log) {
		LabelKinds.Detected d = LabelKinds.resolve(mode, cases);
		if (mode == LabelMode.AUTOMATIC) log.accept(LabelKinds.describe(d));
		return d.mode();
	}

	/** How to optimise; the network and patch are the model description's. */
	TrainingSettings settings(int resolvedDims) {
		return TrainingSettings.defaults().toBuilder().batchSize(batchSize > 0 ? batchSize : TrainingSettings
			.automaticBatchSize(resolvedDims)).epochs(epochs).iterationsPerEpoch(iterationsPerEpoch)
			.timeBudgetSeconds(timeBudgetMinutes * 60).seed(seed).validationFraction(validationFraction)
			.augmentation(augmentation).device(device).optimizer(optimizer).build();
	}
}
