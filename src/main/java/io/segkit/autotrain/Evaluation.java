package io.segkit.autotrain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.segkit.Progress;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.eval.CaseMetrics;
import io.segkit.eval.SegmentationMetrics;
import io.segkit.eval.ValidationReport;
import io.segkit.image.Labels;
import io.segkit.image.Volume;
import io.segkit.infer.Predictions;

/**
 * Turning cross-validation probabilities into class maps and scoring them against the cases' labels. Sparse labels
 * are scored on their annotated voxels only: a reference voxel holding {@link LabelMode#IGNORE} (not annotated), a
 * value no Auto-Train class has, counts for no class.
 */
final class Evaluation {

	private Evaluation() {}

	/** The reference value of voxels nobody annotated, unless it is one of {@code classes}. */
	static int notAnnotated(int[] classes) {
		for (int c : classes) if (c == LabelMode.IGNORE) return SegmentationMetrics.NONE;
		return LabelMode.IGNORE;
	}

	static int[] foregroundClasses(int classCount) {
		return IntStream.range(1, classCount).toArray();
	}

	/**
	 * The arg-max class map of the first {@code classCount} rows of {@code probabilities} (a distance head's map
	 * follows them), with the geometry of {@code like}.
	 */
	static Labels labels(float[][] probabilities, int classCount, Volume like) {
		byte[] classes = Predictions.labelsAsBytes(Predictions.classRows(probabilities, classCount));
		int[] data = new int[classes.length];
		for (int i = 0; i < data.length; i++) data[i] = classes[i] & 0xFF;
		return Labels.of(data, like);
	}

	/** The case's label image as classes (the cases given to Auto-Train already hold classes). */
	static Labels reference(TrainingCase c) {
		byte[] classes = LabelMode.CLASSES.classesOf(c.labels());
		int[] data = new int[classes.length];
		for (int i = 0; i < data.length; i++) data[i] = classes[i] & 0xFF;
		return Labels.of(data, c.labels());
	}

	static CaseMetrics metrics(String name, Labels predicted, Labels reference, int[] classes, boolean hd95,
			Progress progress) {
		int notAnnotated = notAnnotated(classes);
		int[] truth = reference.data();
		boolean sparse = false;
		for (int i = 0; i < truth.length && !sparse; i++) sparse = truth[i] == notAnnotated;
		if (!sparse) return SegmentationMetrics.evaluate(name, predicted, reference, classes, hd95, progress);
		int[] p = predicted.data().clone(), r = truth.clone();
		for (int i = 0; i < r.length; i++) if (r[i] == notAnnotated) p[i] = r[i] = 0;
		return SegmentationMetrics.evaluate(name, predicted.withData(p), reference.withData(r), classes, hd95,
			progress);
	}

	/** Per-case metrics of class maps against the references, in the order of {@code predicted}. */
	static ValidationReport report(Map<String, Labels> predicted, Map<String, Labels> references, int[] classes,
			boolean hd95, String unit, Progress progress) {
		List<CaseMetrics> rows = new ArrayList<>();
		for (var e : predicted.entrySet()) {
			rows.add(metrics(e.getKey(), e.getValue(), references.get(e.getKey()), classes, hd95, progress));
		}
		return new ValidationReport(classes, rows, unit);
	}

	/** The voxel-wise mean of probability maps of one case (an ensemble of configurations). */
	static float[][] mean(List<float[][]> maps) {
		float[][] out = new float[maps.get(0).length][];
		for (int c = 0; c < out.length; c++) out[c] = maps.get(0)[c].clone();
		for (float[][] m : maps.subList(1, maps.size())) Predictions.addInto(out, m);
		Predictions.scale(out, 1f / maps.size());
		return out;
	}
}
