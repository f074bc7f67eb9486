package io.segkit.eval;

import java.util.List;

/** The metrics of one validation case, one entry per evaluated class (in the order asked for). */
public record CaseMetrics(String caseName, List<ClassMetrics> classes) {

	public CaseMetrics {
		classes = List.copyOf(classes);
	}

	/** The metrics of class {@code label}, or null if it was not evaluated. */
	public ClassMetrics of(int label) {
		for (ClassMetrics c : classes) if (c.label() == label) return c;
		return null;
	}

	/** Mean Dice over the classes present in prediction or reference (NaN if none is). */
	public double meanDice() {
		return Means.nanMean(classes.stream().mapToDouble(ClassMetrics::dice).toArray());
	}
}
