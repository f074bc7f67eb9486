package io.segkit.eval;

/**
 * How well one class of one case was segmented.
 *
 * @param label the class value
 * @param truePositives voxels of the class in both prediction and reference
 * @param falsePositives voxels predicted as the class that the reference does not have
 * @param falseNegatives reference voxels of the class that the prediction missed
 * @param dice 2 TP / (2 TP + FP + FN); NaN when the class is absent from both (nnU-Net's rule)
 * @param iou TP / (TP + FP + FN); NaN when the class is absent from both
 * @param hd95 symmetric 95th-percentile Hausdorff distance between the two surfaces in calibrated
 *        units; NaN when the class is absent from both or was not computed; the image diagonal when
 *        it is absent from exactly one (the worst distance the image allows)
 */
public record ClassMetrics(int label, long truePositives, long falsePositives, long falseNegatives, double dice,
	double iou, double hd95)
{

	/** Dice and IoU from the voxel counts, HD95 as given. */
	public static ClassMetrics of(int label, long tp, long fp, long fn, double hd95) {
		long union = tp + fp + fn;
		double dice = union == 0 ? Double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
		double iou = union == 0 ? Double.NaN : (double) tp / union;
		return new ClassMetrics(label, tp, fp, fn, dice, iou, hd95);
	}

	/** Reference voxels of the class. */
	public long referenceVoxels() {
		return truePositives + falseNegatives;
	}

	/** Predicted voxels of the class. */
	public long predictedVoxels() {
		return truePositives + falsePositives;
	}

	/** True when neither prediction nor reference contains the class. */
	public boolean bothEmpty() {
		return truePositives + falsePositives + falseNegatives == 0;
	}
}
