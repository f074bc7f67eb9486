package io.segkit.train;

import java.util.List;

import ai.djl.ndarray.NDManager;

import io.segkit.Progress;
import io.segkit.infer.Predictions;
import io.segkit.infer.SlidingWindowPredictor;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelSpec;
import io.segkit.nn.SegmentationNetwork;

/**
 * Validation on whole cases: each validation case is predicted with the sliding-window predictor (step 0.5, no
 * mirroring), as a user would, and TP/FP/FN are summed over all cases. Exact but costs a full prediction per
 * case and epoch; use it as a {@link Validator.Factory} ({@code WholeCaseValidator::new}) when cases are small.
 */
public final class WholeCaseValidator implements Validator {

	private final List<PreparedCase> cases;
	private final ModelSpec spec;
	private final int ignoreLabel;
	private final int batchSize;

	public WholeCaseValidator(List<PreparedCase> cases, ModelSpec spec, TrainingSettings settings) {
		this.cases = List.copyOf(cases);
		this.spec = spec;
		this.ignoreLabel = settings.ignoreLabel();
		this.batchSize = settings.batchSize();
	}

	@Override
	public double meanForegroundDice(SegmentationNetwork net, NDManager manager, Progress progress) {
		SlidingWindowPredictor predictor = new SlidingWindowPredictor(new LoadedModel(spec, List.of(net)), manager,
			SlidingWindowPredictor.Options.defaults().withBatchSize(batchSize));
		Progress cancelOnly = new Progress() {

			@Override
			public void update(String step, long done, long total) {
				progress.update("Validating", done, total);
			}

			@Override
			public boolean isCancelRequested() {
				return progress.isCancelRequested();
			}
		};
		DiceCounts counts = new DiceCounts(spec.classNames().size(), ignoreLabel);
		for (PreparedCase c : cases) {
			float[][] logits = predictor.predictLogits(c.channels(), c.shape(), cancelOnly);
			counts.add(Predictions.labelsAsBytes(Predictions.classRows(logits, spec.classNames().size())), c.labels());
		}
		return counts.meanForegroundDice();
	}
}
