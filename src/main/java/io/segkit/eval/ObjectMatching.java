package io.segkit.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Labels;

/**
 * One-to-one matching of predicted objects to true objects by IoU, at the IoU thresholds 0.5, 0.55, ..., 0.9
 * ({@link #THRESHOLDS}); the scores are in {@link ObjectScores}.
 * <p>
 * An object is a label value above 0 (values 0 and below are background); the IoU of a predicted and a true
 * object is the voxels they share over the voxels of either. They match at threshold {@code t} when
 * {@code IoU >= t} (StarDist's convention), compared exactly on the voxel counts. From 0.5 on a match is
 * unique: an object can only have a second candidate when it is the exact union of two equal halves, each
 * at IoU exactly 0.5, and then one of the two is matched (TP and the IoU sum are the same either way, as
 * with StarDist's optimal assignment).
 * <p>
 * The voxels are read once, in parallel chunks; the shared voxels of each (predicted, true) pair are
 * counted in a hash table of the pairs that occur, so the cost grows with the voxels and the touching pairs,
 * not with the product of the object counts.
 */
public final class ObjectMatching {

	/** The IoU thresholds in percent. */
	private static final int[] PERCENTS = {50, 55, 60, 65, 70, 75, 80, 85, 90};

	/** The IoU thresholds scored: 0.5, 0.55, ..., 0.9. */
	public static final List<Double> THRESHOLDS = IntStream.of(PERCENTS).mapToObj(p -> p / 100.0).toList();

	/** Voxels per chunk of the counting pass: enough to be worth a task, few enough to cancel quickly. */
	private static final int MIN_CHUNK = 1 << 16, MAX_CHUNK = 1 << 22;

	private ObjectMatching() {}

	/** Matches the objects of {@code predicted} to those of {@code truth} (images of the same size). */
	public static ObjectScores match(Labels predicted, Labels truth, Progress progress) {
		requireSameShape(predicted, truth);
		return scores(overlaps(predicted.data(), truth.data(), progress));
	}

	/** As {@link #match(Labels, Labels, Progress)} on flat label arrays of the same length. */
	public static ObjectScores match(int[] predicted, int[] truth, Progress progress) {
		if (predicted.length != truth.length) throw new IllegalArgumentException("Label arrays of " + predicted.length
			+ " and " + truth.length + " voxels");
		return scores(overlaps(predicted, truth, progress));
	}

	/**
	 * What one pass over two label images gives: the foreground voxel counts (for Dice and IoU), the object
	 * counts, and the shared and union voxels of each pair matched at IoU 0.5.
	 */
	record Overlaps(long predictedVoxels, long trueVoxels, long sharedVoxels, int predictedObjects, int trueObjects,
		long[] matchedShared, long[] matchedUnion)
	{}

	static Overlaps overlaps(int[] predicted, int[] truth, Progress progress) {
		LongCounts pairs = countPairs(predicted, truth, progress);
		LongCounts predictedSizes = new LongCounts(), trueSizes = new LongCounts();
		long inPredicted = 0, inTruth = 0, shared = 0;
		for (int s = 0; s < pairs.capacity(); s++) {
			long key = pairs.keyAt(s), n = pairs.countAt(s);
			if (key == 0) continue;
			int p = predictedLabel(key), t = trueLabel(key);
			if (p > 0) {
				predictedSizes.add(p, n);
				inPredicted += n;
			}
			if (t > 0) {
				trueSizes.add(t, n);
				inTruth += n;
			}
			if (p > 0 && t > 0) shared += n;
		}
		progress.checkCancelled();
		List<long[]> matches = matchAtHalf(pairs, predictedSizes, trueSizes);
		long[] matchedShared = new long[matches.size()], matchedUnion = new long[matches.size()];
		for (int m = 0; m < matches.size(); m++) {
			matchedShared[m] = matches.get(m)[0];
			matchedUnion[m] = matches.get(m)[1];
		}
		return new Overlaps(inPredicted, inTruth, shared, predictedSizes.size(), trueSizes.size(), matchedShared,
			matchedUnion);
	}

	/** The scores at every threshold from the pairs matched at 0.5 (a higher threshold keeps a subset of them). */
	static ObjectScores scores(Overlaps o) {
		List<ObjectScores.AtThreshold> byThreshold = new ArrayList<>();
		for (int percent : PERCENTS) {
			int tp = 0;
			for (int m = 0; m < o.matchedShared().length; m++) {
				if (100 * o.matchedShared()[m] >= percent * o.matchedUnion()[m]) tp++;
			}
			byThreshold.add(new ObjectScores.AtThreshold(percent / 100.0, tp, o.predictedObjects() - tp, o
				.trueObjects() - tp));
		}
		double iouSum = 0;
		for (int m = 0; m < o.matchedShared().length; m++) iouSum += (double) o.matchedShared()[m] / o
			.matchedUnion()[m];
		return new ObjectScores(o.predictedObjects(), o.trueObjects(), byThreshold, iouSum);
	}

	/**
	 * {shared, union} of each matched pair at IoU >= 0.5, each object in at most one pair. Taking candidates in
	 * any order and skipping those whose object is taken already finds a largest matching: the only conflicts
	 * are an object split into two equal halves, where either half gives the same TP and IoU sum.
	 */
	private static List<long[]> matchAtHalf(LongCounts pairs, LongCounts predictedSizes, LongCounts trueSizes) {
		List<long[]> matches = new ArrayList<>();
		LongCounts predictedTaken = new LongCounts(), trueTaken = new LongCounts();
		for (int s = 0; s < pairs.capacity(); s++) {
			long key = pairs.keyAt(s);
			int p = predictedLabel(key), t = trueLabel(key);
			if (p == 0 || t == 0) continue;
			long shared = pairs.countAt(s);
			long union = predictedSizes.get(p) + trueSizes.get(t) - shared;
			if (2 * shared < union || predictedTaken.get(p) != 0 || trueTaken.get(t) != 0) continue;
			predictedTaken.add(p, 1);
			trueTaken.add(t, 1);
			matches.add(new long[] {shared, union});
		}
		return matches;
	}

	/** The voxel count of every (predicted, true) label pair other than (0, 0), in parallel chunks. */
	private static LongCounts countPairs(int[] predicted, int[] truth, Progress progress) {
		int n = predicted.length;
		int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
		int chunk = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, (n + 2L * threads - 1) / (2L * threads)));
		int chunks = (int) ((n + (long) chunk - 1) / chunk);
		LongCounts[] parts = new LongCounts[chunks];
		IntStream.range(0, chunks).parallel().forEach(c -> {
			progress.checkCancelled();
			parts[c] = countRange(predicted, truth, c * chunk, (int) Math.min(n, (long) (c + 1) * chunk));
		});
		LongCounts all = new LongCounts();
		for (LongCounts part : parts) all.addAll(part);
		return all;
	}

	/** Counts runs of equal pairs first (neighbouring voxels mostly share both labels): one table update a run. */
	private static LongCounts countRange(int[] predicted, int[] truth, int from, int to) {
		LongCounts counts = new LongCounts();
		if (from >= to) return counts;
		long pair = key(predicted[from], truth[from]);
		long run = 0;
		for (int i = from; i < to; i++) {
			long next = key(predicted[i], truth[i]);
			if (next != pair) {
				if (pair != 0) counts.add(pair, run);
				pair = next;
				run = 0;
			}
			run++;
		}
		if (pair != 0) counts.add(pair, run);
		return counts;
	}

	/** The two labels in one long (predicted high, true low); values below 0 count as background. */
	private static long key(int predicted, int truth) {
		return ((long) Math.max(predicted, 0) << 32) | Math.max(truth, 0);
	}

	private static int predictedLabel(long key) {
		return (int) (key >>> 32);
	}

	private static int trueLabel(long key) {
		return (int) key;
	}

	static void requireSameShape(Labels predicted, Labels truth) {
		if (predicted.width() != truth.width() || predicted.height() != truth.height() || predicted.depth() != truth
			.depth()) throw new SegKitException("The label image and the ground truth differ in size (" + predicted
				.width() + "x" + predicted.height() + "x" + predicted.depth() + " vs " + truth.width() + "x" + truth
					.height() + "x" + truth.depth() + "): compare images of the same size.");
	}
}
