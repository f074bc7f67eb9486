/**
 * Training a {@link io.segkit.nn.SegmentationNetwork} by nnU-Net's recipe (nnunet-rules.md section 3), on prepared
 * cases ({@link io.segkit.train.PreparedCase}, made by {@link io.segkit.model.Preprocessor}).
 * <p>
 * What is trained is a {@link io.segkit.model.ModelSpec}, made by {@link io.segkit.train.ModelDesign} (from a plan or
 * from Train Segmentation Model's choices) and trained exactly as described; {@link io.segkit.train.TrainingSettings}
 * say only how to optimise. Entry points: {@link io.segkit.train.TrainingJob} for the commands (model file,
 * checkpoints, resume, save), {@link io.segkit.train.Trainer#train} and {@link io.segkit.train.Trainer#resume}
 * underneath. Decisions worth knowing:
 * <ul>
 * <li><b>Sampling</b> ({@code PatchSampler}): cases uniformly; the last {@code batch - round(0.67 batch)} samples of
 * each batch are forced onto foreground (nnU-Net's {@code get_do_oversample}; batch 1 forces none); patch corners
 * as nnU-Net's {@code get_bbox}. Rotation, scaling and mirroring are applied while cropping ({@code
 * SpatialTransform}: the patch grid is mapped into the case; images linear, labels nearest; outside = 0 /
 * background), so no larger crop is needed. nnU-Net interpolates images with order 3; linear here.</li>
 * <li><b>Determinism</b>: batch k comes from a random stream seeded by (seed, k) only, made one or two batches
 * ahead on a background thread; the network is initialised from the seed; the optimiser state is saved. So a run
 * cancelled and resumed ends with bit-identical weights to an uninterrupted one (CPU, same thread count).</li>
 * <li><b>Validation</b>: {@link io.segkit.train.PatchValidator} (default) sums TP/FP/FN over a fixed set of
 * validation patches (nnU-Net's pseudo-Dice); {@link io.segkit.train.WholeCaseValidator} predicts whole cases with
 * the sliding window. "Best" follows the moving average 0.9 old + 0.1 new, as nnU-Net.</li>
 * <li><b>Cancel</b> returns (does not throw) a result with stop reason CANCELLED; the last checkpoint holds the
 * last finished epoch (epoch 0 = initial weights, written before the first epoch), the partial epoch is dropped.</li>
 * <li><b>Time budget</b>: checked before every iteration against the iteration's and the validation's duration, so
 * it is kept to within about one iteration; an epoch cut short is validated and saved; per call (a resumed run gets
 * the budget anew).</li>
 * <li>Not done (nnU-Net does): 2D augmentation of anisotropic 3D data ("dummy 2D"), the larger initial patch
 * (not needed here), probabilistic oversampling.</li>
 * </ul>
 */
package io.segkit.train;
