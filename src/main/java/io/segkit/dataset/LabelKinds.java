package io.segkit.dataset;

import java.util.ArrayList;
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
 * <li>objects too when every image numbers its single-part values alike (1 to 48 in each, say) but a value does not
 * keep its place and size from image to image ({@link #keepTheirPlaces});</li>
 * <li>otherwise classes: the same few values in every image, each usually in several parts or in its own place (an
 * organ in every scan), as classes are.</li>
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
		List<Map<Float, double[]>> places = new ArrayList<>();
		for (int k = 0; k < count; k++) {
			Volume labels = loader.apply(k).labels();
			float[] voxels = labels.toFloatArray();
			Map<Float, Integer> parts = partsPerValue(labels, voxels);
			if (parts.size() <= 255) places.add(placePerValue(labels, voxels));
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
		boolean numberedAlike = single && !differ && count > 1 && !keepTheirPlaces(places);
		if (most > 255 || single && (differ || numberedAlike)) return new Detected(LabelMode.OBJECTS, String.format(
			java.util.Locale.ROOT, "each value is one object (%d objects in %d image%s)%s", values, count, count == 1 ? ""
				: "s", numberedAlike ? "; the images number their objects alike, but a value's place and size vary "
					+ "between images, as object numbers do and classes do not" : ""));
		return new Detected(LabelMode.CLASSES, "the same values recur as classes (" + all.size() + " classes)");
	}

	/** The agreement ({@link #agreement}) from which a value's place and size count as kept between images. */
	static final double KEPT_AGREEMENT = 0.5;

	/**
	 * Whether every value keeps its place and size from image to image, as classes do (an organ sits where it sits
	 * in every scan), unlike object numbers (nucleus 5 of one image has nothing to do with nucleus 5 of another,
	 * though a numbering in scan order may keep one coordinate): the agreement of every measure (the logarithm of the
	 * size, each coordinate of the centre) is at least {@link #KEPT_AGREEMENT}.
	 */
	static boolean keepTheirPlaces(List<Map<Float, double[]>> places) {
		if (places.size() < 2) return true;
		int measures = places.get(0).values().iterator().next().length;
		for (int m = 0; m < measures; m++) {
			List<double[]> byValue = new ArrayList<>();
			for (Float value : places.get(0).keySet()) {
				double[] perImage = new double[places.size()];
				for (int i = 0; i < places.size(); i++) {
					double[] place = places.get(i).get(value);
					if (place == null) return true; // not the same values in every image: not this question
					perImage[i] = place[m];
				}
				byValue.add(perImage);
			}
			if (agreement(byValue) < KEPT_AGREEMENT) return false;
		}
		return true;
	}

	/**
	 * The one-way intraclass correlation of a measure taken for every value in every image: 1 when each value has
	 * its own measure in every image, about 0 when the values are interchangeable; 1 when the measure does not vary.
	 */
	static double agreement(List<double[]> byValue) {
		int values = byValue.size(), images = byValue.get(0).length;
		if (values < 2) return 1;
		double grand = 0;
		for (double[] v : byValue) for (double x : v) grand += x;
		grand /= values * images;
		double between = 0, within = 0;
		for (double[] v : byValue) {
			double mean = java.util.Arrays.stream(v).average().orElse(0);
			between += images * (mean - grand) * (mean - grand);
			for (double x : v) within += (x - mean) * (x - mean);
		}
		double msb = between / (values - 1), msw = within / (values * (images - 1));
		if (msb + msw <= 1e-12) return 1;
		return (msb - msw) / (msb + (images - 1) * msw);
	}

	/**
	 * For every value above 0 (not the "not annotated" value) of {@code labels}, whose values {@code v} holds as
	 * floats: the logarithm of its voxel count and its centre as a fraction of the image's width, height and depth
	 * (one slice: 0.5).
	 */
	static Map<Float, double[]> placePerValue(Volume labels, float[] v) {
		float notAnnotated = LabelMode.notAnnotatedValue(labels);
		int w = labels.width(), h = labels.height(), d = labels.depth();
		Map<Float, double[]> sums = new HashMap<>();
		for (int i = 0; i < v.length; i++) {
			if (v[i] == 0 || v[i] == notAnnotated || Float.isNaN(v[i])) continue;
			double[] s = sums.computeIfAbsent(v[i], k -> new double[4]);
			s[0]++;
			s[1] += i % w;
			s[2] += (i / w) % h;
			s[3] += i / (w * h);
		}
		Map<Float, double[]> out = new HashMap<>();
		sums.forEach((value, s) -> out.put(value, new double[] {Math.log(s[0]), (s[1] / s[0] + 0.5) / w, (s[2] / s[0]
			+ 0.5) / h, (s[3] / s[0] + 0.5) / d}));
		return out;
	}

	/** For every value above 0 (not the "not annotated" value), the number of its 8/26-connected parts. */
	static Map<Float, Integer> partsPerValue(Volume labels) {
		return partsPerValue(labels, labels.toFloatArray());
	}

	/** As {@link #partsPerValue(Volume)}, with the label values {@code v} already read as floats. */
	private static Map<Float, Integer> partsPerValue(Volume labels, float[] v) {
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
