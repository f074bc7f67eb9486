package io.segkit.eval;

import ij.ImagePlus;

import io.segkit.SegKitException;
import io.segkit.image.ImageChecks;
import io.segkit.image.Labels;
import io.segkit.image.Volume;

/**
 * How well a label image matches a ground truth: foreground Dice and IoU (all labels vs background),
 * and object-level matching (a predicted object matches a true object when their IoU exceeds 0.5,
 * which makes the matching unique) with precision, recall and F1.
 */
public record SegmentationScores(double foregroundDice, double foregroundIoU, int predictedObjects,
	int trueObjects, int matchedObjects, double meanMatchedIoU)
{

	public double precision() {
		return predictedObjects == 0 ? (trueObjects == 0 ? 1 : 0) : (double) matchedObjects / predictedObjects;
	}

	public double recall() {
		return trueObjects == 0 ? 1 : (double) matchedObjects / trueObjects;
	}

	public double f1() {
		double p = precision(), r = recall();
		return p + r == 0 ? 0 : 2 * p * r / (p + r);
	}

	/**
	 * Scores a label image (or mask) against a ground-truth image of the same size (Compare to Ground Truth,
	 * {@code segkit evaluate}); first channel and frame of each.
	 */
	public static SegmentationScores compare(ImagePlus predicted, ImagePlus truth) {
		ImageChecks.requireSameSize(predicted, truth, "ground truth");
		return compare(Labels.read(Volume.of(predicted)), Labels.read(Volume.of(truth)));
	}

	public static SegmentationScores compare(Labels predicted, Labels truth) {
		if (predicted.size() != truth.size() || predicted.width() != truth.width() || predicted.height() != truth
			.height()) throw new SegKitException("The label image and the ground truth differ in size (" +
				predicted.width() + "x" + predicted.height() + "x" + predicted.depth() + " vs " + truth.width() + "x" +
				truth.height() + "x" + truth.depth() + "): compare images of the same size.");
		int[] p = predicted.data(), t = truth.data();
		long both = 0, inP = 0, inT = 0;
		int np = predicted.count() + 1, nt = truth.count() + 1;
		long[] sizeP = new long[np], sizeT = new long[nt];
		// Overlaps only between the true object each predicted voxel falls in: sparse via a hash of pairs.
		java.util.HashMap<Long, long[]> overlap = new java.util.HashMap<>();
		for (int i = 0; i < p.length; i++) {
			int a = p[i], b = t[i];
			sizeP[a]++;
			sizeT[b]++;
			if (a > 0) inP++;
			if (b > 0) inT++;
			if (a > 0 && b > 0) {
				both++;
				overlap.computeIfAbsent(((long) a << 32) | b, k -> new long[1])[0]++;
			}
		}
		double dice = inP + inT == 0 ? 1 : 2.0 * both / (inP + inT);
		double iou = inP + inT - both == 0 ? 1 : (double) both / (inP + inT - both);
		int matched = 0;
		double iouSum = 0;
		for (var entry : overlap.entrySet()) {
			int a = (int) (entry.getKey() >>> 32), b = (int) (long) entry.getKey();
			long inter = entry.getValue()[0];
			double objectIoU = (double) inter / (sizeP[a] + sizeT[b] - inter);
			if (objectIoU > 0.5) {
				matched++;
				iouSum += objectIoU;
			}
		}
		return new SegmentationScores(dice, iou, countPresent(sizeP), countPresent(sizeT), matched, matched == 0 ? 0
			: iouSum / matched);
	}

	private static int countPresent(long[] sizes) {
		int n = 0;
		for (int i = 1; i < sizes.length; i++) if (sizes[i] > 0) n++;
		return n;
	}
}
