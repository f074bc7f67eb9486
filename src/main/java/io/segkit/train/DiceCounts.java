package io.segkit.train;

/**
 * True positives, false positives and false negatives per class, summed over predictions, and the mean
 * foreground Dice from them (nnU-Net's pseudo-Dice when summed over validation patches).
 */
final class DiceCounts {

	private final int ignoreLabel;
	private final long[][] counts; // class -> tp, fp, fn

	DiceCounts(int classes, int ignoreLabel) {
		this.ignoreLabel = ignoreLabel;
		counts = new long[classes][3];
	}

	/** Adds a prediction (class per voxel) against its truth; voxels with the ignore value are skipped. */
	void add(byte[] predicted, byte[] truth) {
		for (int i = 0; i < predicted.length; i++) add(predicted[i] & 0xFF, truth[i] & 0xFF);
	}

	void add(int[] predicted, byte[] truth) {
		for (int i = 0; i < predicted.length; i++) add(predicted[i], truth[i] & 0xFF);
	}

	private void add(int p, int t) {
		if (t == ignoreLabel) return;
		if (p == t) counts[t][0]++;
		else {
			counts[p][1]++;
			if (t < counts.length) counts[t][2]++;
		}
	}

	/** Mean over foreground classes of 2 TP / (2 TP + FP + FN), classes absent from truth and prediction left out;
	 * NaN when no class is left. */
	double meanForegroundDice() {
		double sum = 0;
		int n = 0;
		for (int c = 1; c < counts.length; c++) {
			long denominator = 2 * counts[c][0] + counts[c][1] + counts[c][2];
			if (denominator == 0) continue;
			sum += 2.0 * counts[c][0] / denominator;
			n++;
		}
		return n == 0 ? Double.NaN : sum / n;
	}
}
