package io.segkit.eval;

import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.image.ImageChecks;
import io.segkit.image.Labels;
import io.segkit.image.Volume;

/**
 * How well a label image matches a ground truth (Compare to Ground Truth, {@code segkit evaluate}): foreground
 * Dice and IoU (every label against the background), and the object scores of {@link ObjectMatching}
 * (one-to-one matching at IoU >= 0.5 to 0.9: precision, recall, F1, mean F1, mean matched IoU, panoptic
 * quality). Both come from one pass over the voxels.
 * <p>
 * Foreground Dice and IoU are 1 when neither image has a foreground voxel.
 *
 * @param objects the object scores; the methods below give the ones at IoU 0.5
 */
public record SegmentationScores(double foregroundDice, double foregroundIoU, ObjectScores objects) {

	public int predictedObjects() {
		return objects.predictedObjects();
	}

	public int trueObjects() {
		return objects.trueObjects();
	}

	/** The objects matched at IoU 0.5. */
	public int matchedObjects() {
		return objects.matched();
	}

	/** Precision at IoU 0.5. */
	public double precision() {
		return objects.precision();
	}

	/** Recall at IoU 0.5. */
	public double recall() {
		return objects.recall();
	}

	/** F1 at IoU 0.5. */
	public double f1() {
		return objects.f1();
	}

	/** Mean F1 over IoU 0.5, 0.55, ..., 0.9. */
	public double meanF1() {
		return objects.meanF1();
	}

	/** Mean IoU of the objects matched at IoU 0.5. */
	public double meanMatchedIoU() {
		return objects.meanMatchedIoU();
	}

	/** Panoptic quality at IoU 0.5. */
	public double panopticQuality() {
		return objects.panopticQuality();
	}

	/**
	 * Scores a label image (or mask) against a ground-truth image of the same size; first channel and frame of
	 * each.
	 */
	public static SegmentationScores compare(ImagePlus predicted, ImagePlus truth) {
		return compare(predicted, truth, Progress.NONE);
	}

	public static SegmentationScores compare(ImagePlus predicted, ImagePlus truth, Progress progress) {
		ImageChecks.requireSameSize(predicted, truth, "ground truth");
		return compare(Labels.read(Volume.of(predicted)), Labels.read(Volume.of(truth)), progress);
	}

	public static SegmentationScores compare(Labels predicted, Labels truth) {
		return compare(predicted, truth, Progress.NONE);
	}

	public static SegmentationScores compare(Labels predicted, Labels truth, Progress progress) {
		ObjectMatching.requireSameShape(predicted, truth);
		ObjectMatching.Overlaps o = ObjectMatching.overlaps(predicted.data(), truth.data(), progress);
		long either = o.predictedVoxels() + o.trueVoxels();
		double dice = either == 0 ? 1 : 2.0 * o.sharedVoxels() / either;
		double iou = either == 0 ? 1 : (double) o.sharedVoxels() / (either - o.sharedVoxels());
		return new SegmentationScores(dice, iou, ObjectMatching.scores(o));
	}
}
