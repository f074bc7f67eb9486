package io.segkit.eval;

import java.util.List;

/**
 * How well the objects of a predicted label image match the true objects, from {@link ObjectMatching}: the
 * one-to-one matches at each IoU threshold and the quality of the matches at IoU 0.5.
 * <p>
 * A predicted and a true object match at threshold {@code t} when their IoU (shared voxels over the voxels of
 * either) is at least {@code t}, StarDist's {@code iou >= thresh}. Precision is TP / (TP + FP), recall
 * TP / (TP + FN), F1 2 TP / (2 TP + FP + FN).
 * <p>
 * Empty images: when neither image has an object every score is 1 (nothing to find and nothing found wrongly);
 * when exactly one has none, every score is 0. Otherwise a ratio whose denominator is 0 is 0 (precision with no
 * predicted object, recall with no true object, mean matched IoU with no match), as in StarDist. StarDist differs
 * only for two empty images, where it gives 0.
 *
 * @param predictedObjects the objects (distinct labels above 0) of the prediction
 * @param trueObjects the objects of the ground truth
 * @param byThreshold the counts at each threshold, lowest first; the first threshold is 0.5
 * @param matchedIoUSum the sum of the IoU of the objects matched at IoU 0.5
 */
public record ObjectScores(int predictedObjects, int trueObjects, List<AtThreshold> byThreshold,
	double matchedIoUSum)
{

	public ObjectScores {
		byThreshold = List.copyOf(byThreshold);
		if (byThreshold.isEmpty() || byThreshold.get(0).threshold() != 0.5) throw new IllegalArgumentException(
			"The first threshold must be 0.5");
	}

	/**
	 * The matches at one IoU threshold.
	 *
	 * @param threshold the lowest IoU of a match
	 * @param truePositives the matched pairs
	 * @param falsePositives the predicted objects left unmatched
	 * @param falseNegatives the true objects left unmatched
	 */
	public record AtThreshold(double threshold, int truePositives, int falsePositives, int falseNegatives) {

		public double precision() {
			return ratio(truePositives, truePositives + falsePositives);
		}

		public double recall() {
			return ratio(truePositives, truePositives + falseNegatives);
		}

		public double f1() {
			return ratio(2.0 * truePositives, 2.0 * truePositives + falsePositives + falseNegatives);
		}

		/** True when neither image has an object. */
		boolean bothEmpty() {
			return truePositives + falsePositives + falseNegatives == 0;
		}

		/** {@code part / whole}; 0 when the whole is 0, except 1 when neither image has an object. */
		private double ratio(double part, double whole) {
			return whole == 0 ? (bothEmpty() ? 1 : 0) : part / whole;
		}
	}

	/** The counts at {@code threshold}, one of {@link #byThreshold}'s. */
	public AtThreshold at(double threshold) {
		for (AtThreshold a : byThreshold) if (a.threshold() == threshold) return a;
		throw new IllegalArgumentException("No scores at IoU " + threshold + "; the thresholds are " + byThreshold
			.stream().map(a -> String.valueOf(a.threshold())).toList());
	}

	/** The scores at IoU 0.5. */
	public AtThreshold atHalf() {
		return byThreshold.get(0);
	}

	/** The objects matched at IoU 0.5. */
	public int matched() {
		return atHalf().truePositives();
	}

	/** Precision at IoU 0.5. */
	public double precision() {
		return atHalf().precision();
	}

	/** Recall at IoU 0.5. */
	public double recall() {
		return atHalf().recall();
	}

	/** F1 at IoU 0.5. */
	public double f1() {
		return atHalf().f1();
	}

	/** The mean of F1 over the thresholds (0.5, 0.55, ..., 0.9 from {@link ObjectMatching}). */
	public double meanF1() {
		return byThreshold.stream().mapToDouble(AtThreshold::f1).average().orElseThrow();
	}

	/** The mean IoU of the objects matched at IoU 0.5 (0 when none is, 1 when both images are empty). */
	public double meanMatchedIoU() {
		int tp = matched();
		return tp == 0 ? (atHalf().bothEmpty() ? 1 : 0) : matchedIoUSum / tp;
	}

	/** Panoptic quality's segmentation quality (SQ): the mean matched IoU. */
	public double segmentationQuality() {
		return meanMatchedIoU();
	}

	/** Panoptic quality's recognition quality (RQ): TP / (TP + FP/2 + FN/2) at IoU 0.5, the same as F1. */
	public double recognitionQuality() {
		return f1();
	}

	/**
	 * Panoptic quality (Kirillov et al. 2019) at IoU 0.5: the sum of the matched IoU over TP + FP/2 + FN/2, which
	 * is SQ x RQ.
	 */
	public double panopticQuality() {
		AtThreshold a = atHalf();
		double whole = a.truePositives() + a.falsePositives() / 2.0 + a.falseNegatives() / 2.0;
		return whole == 0 ? 1 : matchedIoUSum / whole;
	}
}
