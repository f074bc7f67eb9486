package io.segkit.dataset;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.segkit.image.Volume;

/**
 * Tells object labels from class maps, so that a user who drops nuclei annotations (one value per nucleus) into a
 * training folder gets an instance model without knowing the word, and a class map stays a class map:
 * <ul>
 * <li>one value above 0 in every label image (a mask, 1 or 255): {@link LabelMode#FOREGROUND};</li>
 * <li>objects ({@link LabelMode#OBJECTS}) when nearly every value (90%) is a single connected part and the values
 * differ between the label images (or there is one image with at least 3 values), or when there are more values than
 * a class map can hold (255);</li>
 * <li>otherwise classes: the same few values in every image, each usually in several parts, as classes are.</li>
 * </ul>
 */
public final class LabelKinds {

	/** Share of values that must each be one connected part for the labels to be objects. */
	static final double SINGLE_PART_SHARE = 0.9;

	private LabelKinds() {}

	/** What the cases' label images hold, with a sentence for the Log. */
	public record Detected(LabelMode mode, String reason) {}

	/** {@code asked}, or when it is {@link LabelMode#AUTOMATIC} what the label images hold. */
	public static Detected resolve(LabelMode asked, List<TrainingCase> cases) {
		return asked == LabelMode.AUTOMATIC ? detect(cases) : new Detected(asked, "as chosen");
	}

	/** The Log line that says what was detected and how to choose otherwise. */
	public static String describe(Detected d) {
		String what = switch (d.mode()) {
			case OBJECTS -> "objects: " + d.reason() + "; training object interiors and boundaries, so that touching "
				+ "objects come out separated";
			case FOREGROUND -> "one foreground class: " + d.reason();
			default -> "classes: " + d.reason();
		};
		return "The label images hold " + what + " (choose the label meaning to decide otherwise).";
	}

	public static Detected detect(List<TrainingCase> cases) {
		return detect(cases.size(), cases::get);
	}

	/** As {@link #detect(List)}, loading one case at a time (a folder too large to hold). */
	public static Detected detect(int count, java.util.function.IntFunction<TrainingCase> loader) {
		Set<Set<Float>> valueSets = new HashSet<>();
		int values = 0, singleParts = 0, most = 0;
		Set<Float> all = new HashSet<>();
		for (int k = 0; k < count; k++) {
			Map<Float, Integer> parts = partsPerValue(loader.apply(k).labels());
			valueSets.add(parts.keySet());
			all.addAll(parts.keySet());
			most = Math.max(most, parts.size());
			values += parts.size();
			for (int n : parts.values()) if (n == 1) singleParts++;
		}
		if (all.size() <= 1) return new Detected(LabelMode.FOREGROUND, "every label image holds one value above 0 "
			+ "(a mask)");
		boolean single = singleParts >= SINGLE_PART_SHARE * values;
		boolean differ = valueSets.size() > 1 || count == 1 && most >= 3;
		if (most > 255 || single && differ) return new Detected(LabelMode.OBJECTS, String.format(java.util.Locale.ROOT,
			"each value is one object (%d objects in %d image%s)", values, count, count == 1 ? "" : "s"));
		return new Detected(LabelMode.CLASSES, "the same values recur as classes (" + all.size() + " classes)");
	}

	/** For every value above 0 (not the "not annotated" value), the number of its 8/26-connected parts. */
	static Map<Float, Integer> partsPerValue(Volume labels) {
		float[] v = labels.toFloatArray();
		float notAnnotated = LabelMode.notAnnotatedValue(labels);
		int w = labels.width(), h = labels.height(), d = labels.depth();
		boolean[] seen = new boolean[v.length];
		Map<Float, Integer> parts = new HashMap<>();
		int[] stack = new int[1024]; // voxels of the current part still to visit (unboxed: label volumes are large)
		for (int start = 0; start < v.length; start++) {
			float value = v[start];
			if (seen[start] || value == 0 || value == notAnnotated || Float.isNaN(value)) continue;
			parts.merge(value, 1, Integer::sum);
			seen[start] = true;
			stack[0] = start;
			int top = 1;
			while (top > 0) {
				int i = stack[--top];
				int x = i % w, y = (i / w) % h, z = i / (w * h);
				for (int dz = d > 1 ? -1 : 0; dz <= (d > 1 ? 1 : 0); dz++) {
					for (int dy = -1; dy <= 1; dy++) {
						for (int dx = -1; dx <= 1; dx++) {
							int nx = x + dx, ny = y + dy, nz = z + dz;
							if (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= d) continue;
							int j = (nz * h + ny) * w + nx;
							if (seen[j] || v[j] != value) continue;
							seen[j] = true;
							if (top == stack.length) stack = java.util.Arrays.copyOf(stack, 2 * top);
							stack[top++] = j;
						}
					}
				}
			}
		}
		return parts;
	}
}
