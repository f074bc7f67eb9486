package io.segkit.classic.cluster;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.ImageChecks;
import io.segkit.image.Volume;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * K-means clustering of voxel intensities, one feature per channel.
 * <ul>
 * <li><b>Features.</b> A voxel's feature vector holds its values in the chosen channels. Each channel is
 * standardised over the clustered voxels, (v - mean) / standard deviation, so every channel weighs the
 * same whatever its units or bit depth; a channel with one value everywhere is left out of the
 * distances.</li>
 * <li><b>Voxels.</b> Those inside the optional mask whose values are all finite (not NaN or infinite);
 * the others get label 0.</li>
 * <li><b>Start.</b> Greedy k-means++ (2 + ln k candidates per centre, as scikit-learn) from a
 * {@link Random} seeded with the given seed, on at most {@value #INIT_SAMPLE} points (a seeded
 * subsample on big volumes).</li>
 * <li><b>Iterations.</b> Lloyd's algorithm until no centre moves more than the tolerance (in standard
 * deviations) or the iteration limit; an emptied cluster restarts at the point farthest from its centre.
 * Sums are combined in a fixed order, so results do not depend on the number of threads.</li>
 * <li><b>Labels.</b> 1..k in ascending order of the class mean of the first chosen channel (ties: next
 * channels), so the darkest class is 1.</li>
 * <li><b>Fast path.</b> One channel of 8- or 16-bit data is clustered as its histogram (distinct values
 * weighted by their counts): from the same starting centres it gives the same partition as clustering
 * every voxel, much faster.</li>
 * </ul>
 */
public final class KMeans {

	static final int INIT_SAMPLE = 100_000;
	private static final int CHUNK = 1 << 16;

	private KMeans() {}

	/** Number of classes k, the random seed, the iteration limit and the convergence tolerance. */
	public record Settings(int classes, long seed, int maxIterations, double tolerance) {

		/** k classes, seed 1, at most 100 iterations, tolerance 1e-4. */
		public static Settings of(int classes) {
			return new Settings(classes, 1, 100, 1e-4);
		}

		public Settings withSeed(long value) {
			return new Settings(classes, value, maxIterations, tolerance);
		}

		public Settings withMaxIterations(int value) {
			return new Settings(classes, seed, value, tolerance);
		}

		public Settings withTolerance(double value) {
			return new Settings(classes, seed, maxIterations, value);
		}
	}

	/**
	 * Labels (0 = not clustered, 1..k), the class centres in the channels' own units
	 * ({@code centres[label - 1][channel]}), the voxel count per class, iterations run and whether the
	 * centres settled within the tolerance.
	 */
	public record Result(int[] labels, double[][] centres, long[] sizes, int iterations, boolean converged) {}

	/**
	 * Clusters the voxels of {@code channels} (same size, never modified) into k classes.
	 *
	 * @param mask optional (null = every voxel); non-zero = cluster this voxel
	 */
	public static Result cluster(List<Volume> channels, byte[] mask, Settings settings, Progress progress) {
		validate(channels, mask, settings);
		Volume first = channels.get(0);
		int size = first.size();
		int dims = channels.size();
		float[][] values = new float[dims][];
		for (int c = 0; c < dims; c++) values[c] = channels.get(c).toFloatArray();
		boolean[] selected = new boolean[size];
		long n = 0;
		for (int i = 0; i < size; i++) {
			boolean ok = mask == null || mask[i] != 0;
			for (int c = 0; ok && c < dims; c++) ok = Float.isFinite(values[c][i]);
			selected[i] = ok;
			if (ok) n++;
		}
		if (n == 0) throw new SegKitException("Nothing to cluster: " + (mask != null ? "the mask is empty or "
			: "") + "every voxel is NaN (not-a-number) or infinite. Check the image, the channels and the mask.");
		requireEnoughDistinctValues(values, selected, settings.classes());
		progress.checkCancelled();

		double[] mean = new double[dims], scale = new double[dims];
		standardisation(values, selected, n, mean, scale);
		Points points = first.isIntegerType() && dims == 1 ? Points.histogram(values[0], selected, mean[0], scale[0])
			: Points.voxels(values, selected, (int) n, mean, scale);

		Random random = new Random(settings.seed());
		double[] centres = initialCentres(points, settings.classes(), random, progress);
		int k = settings.classes();
		int[] assignment = new int[points.count];
		int iterations = 0;
		boolean converged = false;
		while (iterations < settings.maxIterations()) {
			progress.checkCancelled();
			assign(points, centres, k, assignment);
			double[] updated = updateCentres(points, centres, k, assignment);
			iterations++;
			double shift = maxShift(centres, updated, k, points.dims);
			centres = updated;
			progress.update("K-means", iterations, settings.maxIterations());
			if (shift <= settings.tolerance()) {
				converged = true;
				break;
			}
		}
		assign(points, centres, k, assignment);
		return labelVoxels(points, assignment, values, selected, k, size, iterations, converged);
	}

	private static void validate(List<Volume> channels, byte[] mask, Settings s) {
		if (channels == null || channels.isEmpty()) throw new SegKitException("Choose at least one channel to cluster.");
		Volume first = channels.get(0);
		for (Volume v : channels) {
			if (v.width() != first.width() || v.height() != first.height() || v.depth() != first.depth())
				throw new SegKitException("All channels must have the same size.");
		}
		if (mask != null && mask.length != first.size()) throw new SegKitException("The mask must have the same " +
			"size as the image (" + first.width() + " x " + first.height() + " x " + first.depth() + ").");
		if (s.classes() < 2) throw new SegKitException("K-means needs at least 2 classes, not " + s.classes() +
			": set the number of classes to 2 or more.");
		if (s.maxIterations() < 1) throw new SegKitException("The maximum number of iterations must be at least 1.");
		if (!(s.tolerance() >= 0) || Double.isInfinite(s.tolerance())) throw new SegKitException(
			"The tolerance must be 0 or a small positive number (for example 0.0001).");
		int dims = channels.size();
		ImageChecks.requireMemory((long) first.size() * (4L * dims + 1 + 4 + 4L * dims + 8), "K-means");
	}

	/** Refuses k above the number of distinct feature vectors (scans only until k are found). */
	private static void requireEnoughDistinctValues(float[][] values, boolean[] selected, int k) {
		Set<FloatVector> seen = new HashSet<>();
		float[] last = null;
		for (int i = 0; i < selected.length && seen.size() < k; i++) {
			if (!selected[i]) continue;
			float[] v = new float[values.length];
			for (int c = 0; c < values.length; c++) v[c] = values[c][i];
			if (last != null && Arrays.equals(v, last)) continue;
			last = v;
			seen.add(new FloatVector(v));
		}
		if (seen.size() < k) throw new SegKitException("Cannot make " + k + " classes: the " + (values.length > 1
			? "voxels have only " + seen.size() + " different combinations of values" : "image has only " + seen
				.size() + " different value" + (seen.size() == 1 ? "" : "s")) + (seen.size() == 1
					? ", so there is nothing to cluster" : "") + ". Use at most " + Math.max(2, seen.size()) +
			" classes, or check the image, channels and mask.");
	}

	private record FloatVector(float[] v) {

		@Override
		public boolean equals(Object o) {
			return o instanceof FloatVector f && Arrays.equals(v, f.v);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(v);
		}
	}

	/** Mean and 1/standard deviation per channel over the selected voxels (0 for a constant channel). */
	private static void standardisation(float[][] values, boolean[] selected, long n, double[] mean,
		double[] scale)
	{
		for (int c = 0; c < values.length; c++) {
			double sum = 0;
			for (int i = 0; i < selected.length; i++) if (selected[i]) sum += values[c][i];
			double m = sum / n, ss = 0;
			for (int i = 0; i < selected.length; i++) if (selected[i]) {
				double d = values[c][i] - m;
				ss += d * d;
			}
			double std = Math.sqrt(ss / n);
			mean[c] = m;
			scale[c] = std > 0 ? 1 / std : 0;
		}
	}

	/** Points in standardised units, with weights (1 per voxel, or histogram counts). */
	static final class Points {

		final int count, dims;
		final float[] coords; // count * dims
		final double[] weight; // null = all 1
		final int[] histogramValue; // fast path: the raw value of each point; else null

		private Points(int count, int dims, float[] coords, double[] weight, int[] histogramValue) {
			this.count = count;
			this.dims = dims;
			this.coords = coords;
			this.weight = weight;
			this.histogramValue = histogramValue;
		}

		double weight(int p) {
			return weight == null ? 1 : weight[p];
		}

		static Points voxels(float[][] values, boolean[] selected, int n, double[] mean, double[] scale) {
			int dims = values.length;
			float[] coords = new float[n * dims];
			int p = 0;
			for (int i = 0; i < selected.length; i++) {
				if (!selected[i]) continue;
				for (int c = 0; c < dims; c++) coords[p * dims + c] = (float) ((values[c][i] - mean[c]) * scale[c]);
				p++;
			}
			return new Points(n, dims, coords, null, null);
		}

		static Points histogram(float[] values, boolean[] selected, double mean, double scale) {
			long[] counts = new long[65536];
			for (int i = 0; i < values.length; i++) if (selected[i]) counts[(int) values[i]]++;
			int distinct = 0;
			for (long c : counts) if (c > 0) distinct++;
			float[] coords = new float[distinct];
			double[] weight = new double[distinct];
			int[] value = new int[distinct];
			int p = 0;
			for (int v = 0; v < counts.length; v++) {
				if (counts[v] == 0) continue;
				coords[p] = (float) ((v - mean) * scale);
				weight[p] = counts[v];
				value[p++] = v;
			}
			return new Points(distinct, 1, coords, weight, value);
		}
	}

	private static double distance2(Points points, int p, double[] centres, int c) {
		int d = points.dims;
		double sum = 0;
		for (int j = 0; j < d; j++) {
			double diff = points.coords[p * d + j] - centres[c * d + j];
			sum += diff * diff;
		}
		return sum;
	}

	private static int nearest(Points points, int p, double[] centres, int k) {
		int best = 0;
		double bestD = Double.POSITIVE_INFINITY;
		for (int c = 0; c < k; c++) {
			double d = distance2(points, p, centres, c);
			if (d < bestD) {
				bestD = d;
				best = c;
			}
		}
		return best;
	}

	/** Greedy k-means++ on at most INIT_SAMPLE points. */
	static double[] initialCentres(Points points, int k, Random random, Progress progress) {
		int[] sample;
		if (points.count <= INIT_SAMPLE) sample = IntStream.range(0, points.count).toArray();
		else {
			sample = new int[INIT_SAMPLE];
			for (int i = 0; i < INIT_SAMPLE; i++) sample[i] = random.nextInt(points.count);
		}
		int d = points.dims, m = sample.length;
		double[] w = new double[m];
		for (int i = 0; i < m; i++) w[i] = points.weight(sample[i]);
		double[] centres = new double[k * d];
		setCentre(centres, 0, points, sample[draw(w, null, random)]);
		double[] closest = new double[m];
		for (int i = 0; i < m; i++) closest[i] = distance2(points, sample[i], centres, 0);
		int trials = 2 + (int) Math.log(k);
		double[] candidateCentre = new double[d];
		for (int c = 1; c < k; c++) {
			progress.checkCancelled();
			int bestCandidate = -1;
			double bestPotential = Double.POSITIVE_INFINITY;
			double[] bestClosest = null;
			for (int t = 0; t < trials; t++) {
				int candidate = sample[draw(w, closest, random)];
				for (int j = 0; j < d; j++) candidateCentre[j] = points.coords[candidate * d + j];
				double[] next = new double[m];
				double potential = 0;
				for (int i = 0; i < m; i++) {
					next[i] = Math.min(closest[i], distance2(points, sample[i], candidateCentre, 0));
					potential += w[i] * next[i];
				}
				if (potential < bestPotential) {
					bestPotential = potential;
					bestCandidate = candidate;
					bestClosest = next;
				}
			}
			setCentre(centres, c, points, bestCandidate);
			closest = bestClosest;
		}
		return centres;
	}

	/** Index i drawn with probability proportional to w[i] * (d2 == null ? 1 : d2[i]). */
	private static int draw(double[] w, double[] d2, Random random) {
		double total = 0;
		for (int i = 0; i < w.length; i++) total += w[i] * (d2 == null ? 1 : d2[i]);
		if (!(total > 0)) return random.nextInt(w.length);
		double target = random.nextDouble() * total, running = 0;
		for (int i = 0; i < w.length; i++) {
			running += w[i] * (d2 == null ? 1 : d2[i]);
			if (running > target) return i;
		}
		return w.length - 1;
	}

	private static void setCentre(double[] centres, int c, Points points, int p) {
		for (int j = 0; j < points.dims; j++) centres[c * points.dims + j] = points.coords[p * points.dims + j];
	}

	private static void assign(Points points, double[] centres, int k, int[] assignment) {
		int chunks = (points.count + CHUNK - 1) / CHUNK;
		IntStream.range(0, chunks).parallel().forEach(ch -> {
			int to = Math.min(points.count, (ch + 1) * CHUNK);
			for (int p = ch * CHUNK; p < to; p++) assignment[p] = nearest(points, p, centres, k);
		});
	}

	/** Weighted means of the assigned points; an empty class moves to the point farthest from its centre. */
	private static double[] updateCentres(Points points, double[] centres, int k, int[] assignment) {
		int d = points.dims;
		int chunks = (points.count + CHUNK - 1) / CHUNK;
		double[][] partial = new double[chunks][];
		IntStream.range(0, chunks).parallel().forEach(ch -> {
			double[] acc = new double[k * (d + 1)];
			int to = Math.min(points.count, (ch + 1) * CHUNK);
			for (int p = ch * CHUNK; p < to; p++) {
				int c = assignment[p];
				double w = points.weight(p);
				for (int j = 0; j < d; j++) acc[c * (d + 1) + j] += w * points.coords[p * d + j];
				acc[c * (d + 1) + d] += w;
			}
			partial[ch] = acc;
		});
		double[] total = new double[k * (d + 1)];
		for (double[] acc : partial) for (int i = 0; i < total.length; i++) total[i] += acc[i];
		double[] updated = new double[k * d];
		for (int c = 0; c < k; c++) {
			double w = total[c * (d + 1) + d];
			if (w > 0) for (int j = 0; j < d; j++) updated[c * d + j] = total[c * (d + 1) + j] / w;
			else {
				int far = farthestPoint(points, centres, assignment);
				setCentre(updated, c, points, far);
				assignment[far] = c;
			}
		}
		return updated;
	}

	private static int farthestPoint(Points points, double[] centres, int[] assignment) {
		int far = 0;
		double farD = -1;
		for (int p = 0; p < points.count; p++) {
			double dd = distance2(points, p, centres, assignment[p]);
			if (dd > farD) {
				farD = dd;
				far = p;
			}
		}
		return far;
	}

	private static double maxShift(double[] a, double[] b, int k, int d) {
		double max = 0;
		for (int c = 0; c < k; c++) {
			double sum = 0;
			for (int j = 0; j < d; j++) sum += (a[c * d + j] - b[c * d + j]) * (a[c * d + j] - b[c * d + j]);
			max = Math.max(max, Math.sqrt(sum));
		}
		return max;
	}

	/** Orders classes by their raw means and writes each voxel's label. */
	private static Result labelVoxels(Points points, int[] assignment, float[][] values, boolean[] selected, int k,
		int size, int iterations, boolean converged)
	{
		int dims = values.length;
		int[] classOf = new int[size];
		Arrays.fill(classOf, -1);
		if (points.histogramValue != null) {
			int[] byValue = new int[65536];
			for (int p = 0; p < points.count; p++) byValue[points.histogramValue[p]] = assignment[p];
			for (int i = 0; i < size; i++) if (selected[i]) classOf[i] = byValue[(int) values[0][i]];
		} else {
			for (int i = 0, p = 0; i < size; i++) if (selected[i]) classOf[i] = assignment[p++];
		}
		double[][] sums = new double[k][dims];
		long[] sizes = new long[k];
		for (int i = 0; i < size; i++) {
			int c = classOf[i];
			if (c < 0) continue;
			sizes[c]++;
			for (int j = 0; j < dims; j++) sums[c][j] += values[j][i];
		}
		double[][] rawCentres = new double[k][dims];
		for (int c = 0; c < k; c++) for (int j = 0; j < dims; j++) rawCentres[c][j] = sizes[c] > 0
			? sums[c][j] / sizes[c] : Double.NaN;
		Integer[] order = new Integer[k];
		for (int c = 0; c < k; c++) order[c] = c;
		Arrays.sort(order, (a, b) -> {
			for (int j = 0; j < dims; j++) {
				int cmp = Double.compare(rawCentres[a][j], rawCentres[b][j]);
				if (cmp != 0) return cmp;
			}
			return Integer.compare(a, b);
		});
		int[] rank = new int[k];
		double[][] centres = new double[k][];
		long[] orderedSizes = new long[k];
		for (int r = 0; r < k; r++) {
			rank[order[r]] = r;
			centres[r] = rawCentres[order[r]];
			orderedSizes[r] = sizes[order[r]];
		}
		int[] labels = new int[size];
		for (int i = 0; i < size; i++) if (classOf[i] >= 0) labels[i] = rank[classOf[i]] + 1;
		return new Result(labels, centres, orderedSizes, iterations, converged);
	}
}
