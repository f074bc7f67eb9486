package io.segkit.instances;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.segkit.Progress;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.ObjectBoundaries;
import io.segkit.dataset.TrainingCase;
import io.segkit.eval.SegmentationScores;
import io.segkit.image.Labels;
import io.segkit.image.Volume;
import io.segkit.model.InstanceDecoding;

/**
 * The instance decoding a model is stored with: defaults from the training objects (Train Segmentation Model), or
 * chosen on the cross-validation predictions (Auto-Train), as nnU-Net chooses its postprocessing there.
 */
public final class InstanceTraining {

	/** The minimum object size by default: this share of the median training object's size. */
	public static final double MINIMUM_SIZE_PER_MEDIAN = 0.1;
	/** Seed thresholds, dynamic shares and minimum sizes (shares of the median object) Auto-Train tries. */
	static final double[] SEED_THRESHOLDS = {0.3, 0.5, 0.7};
	static final double[] DYNAMIC_SHARES = {0, 0.05, 0.1, 0.2};
	static final double[] MINIMUM_SIZE_SHARES = {0, 0.05, 0.1, 0.25};
	/** Dynamics (shares of the typical radius) of the predicted distance's maxima Auto-Train tries as seeds. */
	static final double[] DISTANCE_DYNAMICS = {0.05, 0.1, 0.2, 0.3, 0.4};
	/** Foreground thresholds Auto-Train tries once the seeds are chosen: where each object's outline lies. */
	static final double[] FOREGROUND_THRESHOLDS = {0.3, 0.4, 0.5, 0.6, 0.7};

	private InstanceTraining() {}

	/**
	 * The decoding a model trained on these object labels starts with: seeds from the interiors, and a distance
	 * head whose targets are divided by the median object's equivalent radius (circle in 2D, sphere in 3D).
	 */
	public static InstanceDecoding defaults(List<TrainingCase> cases) {
		double median = medianObjectSize(cases);
		double radius = ObjectBoundaries.equivalentRadius(median, cases.get(0).labels().depth() > 1);
		return new InstanceDecoding(boundaryWidth(cases), InstanceDecoding.DEFAULT_SEED_THRESHOLD,
			InstanceDecoding.DEFAULT_DYNAMIC_SHARE, MINIMUM_SIZE_PER_MEDIAN * median, false, radius > 0 ? radius : 0);
	}

	/** The boundary width of the first case, in calibrated units (the training targets use each case's own). */
	static double boundaryWidth(List<TrainingCase> cases) {
		Volume l = cases.get(0).labels();
		return ObjectBoundaries.width(l.toFloatArray(), LabelMode.notAnnotatedValue(l), l.depth(), l.spacing());
	}

	/** The median calibrated size (area in 2D, volume in 3D) of the objects of all cases. */
	public static double medianObjectSize(List<TrainingCase> cases) {
		List<Double> sizes = new ArrayList<>();
		for (TrainingCase c : cases) {
			Volume l = c.labels();
			double voxel = l.depth() > 1 ? l.spacing().voxelVolume() : l.spacing().pixelArea();
			for (int n : ObjectBoundaries.objectVoxelCounts(l.toFloatArray(), LabelMode.notAnnotatedValue(l))) sizes.add(
				n * voxel);
		}
		if (sizes.isEmpty()) return 0;
		double[] sorted = sizes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[sorted.length / 2];
	}

	/**
	 * One validation case: its cross-validation probabilities in its own grid, its true objects, and which voxels
	 * somebody annotated ({@code annotated[i] != 0}; null when all were).
	 */
	public record ValidationCase(String name, float[][] probabilities, Labels objects, byte[] annotated) {

		public ValidationCase(String name, float[][] probabilities, Labels objects) {
			this(name, probabilities, objects, null);
		}

		/** The same case with other probabilities (another candidate's predictions). */
		public ValidationCase withProbabilities(float[][] other) {
			return new ValidationCase(name, other, objects, annotated);
		}

		/** From the case's label image; its not-annotated voxels (sparse labels) are background outside the mask. */
		public static ValidationCase of(String name, float[][] probabilities, Volume labels) {
			if (!LabelMode.hasNotAnnotated(labels)) return new ValidationCase(name, probabilities, Labels.read(labels));
			float notAnnotated = LabelMode.notAnnotatedValue(labels);
			float[] values = labels.toFloatArray();
			int[] objects = new int[values.length];
			byte[] annotated = new byte[values.length];
			for (int i = 0; i < values.length; i++) {
				if (values[i] == notAnnotated) continue;
				annotated[i] = 1;
				objects[i] = (int) values[i];
			}
			return new ValidationCase(name, probabilities, Labels.of(objects, labels), annotated);
		}

		/**
		 * What the truth can judge of decoded objects: with sparse labels, their annotated voxels, and only the
		 * objects lying mostly in the annotated part (an object found where nobody looked is neither right nor wrong).
		 */
		public Labels judged(Labels decoded) {
			if (annotated == null) return decoded;
			int[] data = decoded.data().clone();
			int max = 0;
			for (int v : data) max = Math.max(max, v);
			int[] inside = new int[max + 1], all = new int[max + 1];
			for (int i = 0; i < data.length; i++) {
				all[data[i]]++;
				if (annotated[i] != 0) inside[data[i]]++;
			}
			for (int i = 0; i < data.length; i++) {
				if (annotated[i] == 0 || 2L * inside[data[i]] < all[data[i]]) data[i] = 0;
			}
			return decoded.withData(data);
		}
	}

	/**
	 * The decoding with the best mean object score ({@link #score}) over the validation cases: first the seeds (the
	 * interiors with each seed threshold and dynamic share, and with a distance head the distance maxima with each
	 * dynamic), then the foreground threshold (where the outlines lie), then the minimum size; ties keep the
	 * defaults. With {@code mirrored} (the same cases predicted with test-time mirroring; empty = not tried) the
	 * search runs on those too, and mirroring is kept only where its best decoding scores higher. Logs the defaults'
	 * score and the chosen one's.
	 */
	public static InstanceDecoding choose(InstanceDecoding start, double medianObjectSize, List<ValidationCase> cases,
			List<ValidationCase> mirrored, Consumer<String> log, Progress progress) {
		Search plain = search(start.withMirroring(false), medianObjectSize, cases, progress);
		Search best = plain;
		String mirrorNote = "";
		if (!mirrored.isEmpty()) {
			Search withMirroring = search(start.withMirroring(true), medianObjectSize, mirrored, progress);
			if (withMirroring.best().score() > plain.best().score() + 1e-9) best = withMirroring;
			mirrorNote = String.format(Locale.ROOT, "; best without mirroring %.4f, with mirroring %.4f", plain.best()
				.score(), withMirroring.best().score());
		}
		log.accept(String.format(Locale.ROOT, "Objects: %s (cross-validation mean object F1 over IoU 0.5-0.9: %.4f; "
			+ "with the defaults %.4f%s%s)", best.best().decoding(), best.best().score(), plain.startScore(), best
				.distanceNote(), mirrorNote));
		return best.best().decoding();
	}

	/** The outcome of one search: the best decoding, the defaults' score, and how the two kinds of seeds did. */
	private record Search(Best best, double startScore, String distanceNote) {}

	private static Search search(InstanceDecoding start, double medianObjectSize, List<ValidationCase> cases,
			Progress progress) {
		double startScore = score(start, cases, progress);
		Best interiors = new Best(start, startScore);
		for (double threshold : SEED_THRESHOLDS) {
			for (double share : DYNAMIC_SHARES) interiors = interiors.orBetter(start.withSeedThreshold(threshold)
				.withDynamicShare(share), cases, progress);
		}
		Best best = interiors;
		String distanceNote = "";
		if (start.hasDistanceHead()) {
			Best maxima = new Best(null, Double.NEGATIVE_INFINITY);
			for (double dynamic : DISTANCE_DYNAMICS) maxima = maxima.orBetter(start.withDistanceSeeds(true)
				.withDynamicShare(dynamic), cases, progress);
			if (maxima.score() > best.score() + 1e-9) best = maxima;
			distanceNote = String.format(Locale.ROOT, "; best with interior seeds %.4f, with distance maxima %.4f",
				interiors.score(), maxima.score());
		}
		InstanceDecoding seeded = best.decoding();
		for (double threshold : FOREGROUND_THRESHOLDS) best = best.orBetter(seeded.withForegroundThreshold(threshold),
			cases, progress);
		InstanceDecoding outlined = best.decoding();
		for (double share : MINIMUM_SIZE_SHARES) best = best.orBetter(outlined.withMinimumSize(share *
			medianObjectSize), cases, progress);
		return new Search(best, startScore, distanceNote);
	}

	private record Best(InstanceDecoding decoding, double score) {

		Best orBetter(InstanceDecoding candidate, List<ValidationCase> cases, Progress progress) {
			progress.checkCancelled();
			double s = InstanceTraining.score(candidate, cases, progress);
			return s > score + 1e-9 ? new Best(candidate, s) : this;
		}
	}

	/** The mean over the cases of the mean object F1 over IoU 0.5-0.9 (detection and outline together). */
	public static double score(InstanceDecoding decoding, List<ValidationCase> cases, Progress progress) {
		double sum = 0;
		for (ValidationCase c : cases) {
			Labels truth = c.objects();
			Labels predicted = InstanceDecoder.decode(c.probabilities(), truth.width(), truth.height(), truth.depth(),
				truth.spacing(), decoding, progress);
			sum += SegmentationScores.compare(c.judged(predicted), truth).meanF1();
		}
		return cases.isEmpty() ? Double.NaN : sum / cases.size();
	}
}
