package io.segkit.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.TrainingCase;
import io.segkit.dataset.TrainingFolder;
import io.segkit.image.Volume;

/**
 * Computes the {@link Fingerprint} of a dataset (nnunet-rules.md section 1), one case at a time so
 * that only one case needs to be in memory.
 * <p>
 * Per case: crop to the bounding box of the voxels that are nonzero in any channel (holes inside do
 * not change a bounding box, so they need no filling here), record spacing, cropped shape and
 * cropped/original size. Foreground (label &gt; 0) intensities: like nnU-Net, every case contributes
 * the same number of values, drawn with replacement (seeded), so small and large cases weigh the same;
 * the statistics are computed on the pooled sample. A 2D image (depth 1) gets z spacing 999, the value
 * nnU-Net's 2D reader uses, so that the planner puts the flat axis first.
 */
public final class FingerprintExtractor {

	/**
	 * Pooled foreground samples per channel. nnU-Net takes 1e8; SegKit takes 1e7 by default (40 MB per
	 * channel instead of 400 MB inside Fiji), which estimates the same statistics to well under 1%.
	 */
	public static final long DEFAULT_SAMPLES = 10_000_000;

	/** nnU-Net's seed for the foreground sample. */
	public static final long DEFAULT_SEED = 1234;

	/** Spacing given to the missing z axis of 2D images (nnU-Net's NaturalImage2DIO uses 999). */
	public static final double SPACING_2D = 999;

	private final long totalSamples;
	private final long seed;

	public FingerprintExtractor() {
		this(DEFAULT_SAMPLES, DEFAULT_SEED);
	}

	public FingerprintExtractor(long totalSamples, long seed) {
		if (totalSamples < 1) throw new IllegalArgumentException("Need at least one sample");
		this.totalSamples = totalSamples;
		this.seed = seed;
	}

	public Fingerprint extract(List<TrainingCase> cases, Progress progress) {
		return extract(cases.size(), cases::get, progress);
	}

	/** The fingerprint of {@code count} cases, loading case i with {@code loader} when it is needed. */
	/** The fingerprint of every case of a training folder, read one at a time. */
	public Fingerprint extract(TrainingFolder folder, Progress progress) {
		return extract(folder.size(), folder::load, progress);
	}

	public Fingerprint extract(int count, IntFunction<TrainingCase> loader, Progress progress) {
		if (count < 1) throw new SegKitException("The dataset has no training cases: add image/label pairs.");
		int samplesPerCase = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, totalSamples / count));
		List<CaseFingerprint> cases = new ArrayList<>();
		List<List<float[]>> samples = new ArrayList<>();
		long[] classCounts = new long[0];
		int channels = -1;
		for (int i = 0; i < count; i++) {
			progress.update("Dataset fingerprint", i, count);
			progress.checkCancelled();
			TrainingCase c = loader.apply(i);
			if (channels < 0) {
				channels = c.channels().size();
				for (int ch = 0; ch < channels; ch++) samples.add(new ArrayList<>());
			} else if (c.channels().size() != channels) {
				throw new SegKitException("Case '" + c.name() + "' has " + c.channels().size() +
					" channel(s) but the first case has " + channels + ". All cases need the same channels.");
			}
			CaseResult r = analyze(c, samplesPerCase, progress);
			cases.add(r.fingerprint);
			for (int ch = 0; ch < channels; ch++) {
				if (r.samples[ch].length > 0) samples.get(ch).add(r.samples[ch]);
			}
			classCounts = add(classCounts, r.classCounts);
		}
		progress.update("Dataset fingerprint", count, count);
		List<IntensityStats> stats = new ArrayList<>();
		for (int ch = 0; ch < channels; ch++) {
			float[] pooled = concatenate(samples.get(ch));
			if (pooled.length == 0) throw new SegKitException("No case has foreground (label > 0) voxels. " +
				"Label the structures to segment with values 1, 2, ... and try again.");
			stats.add(IntensityStats.of(pooled));
		}
		double[] relative = new double[cases.size()];
		for (int i = 0; i < relative.length; i++) relative[i] = cases.get(i).relativeSizeAfterCrop();
		return new Fingerprint(cases, stats, Stats.median(relative), classCounts);
	}

	private record CaseResult(CaseFingerprint fingerprint, float[][] samples, long[] classCounts) {}

	private CaseResult analyze(TrainingCase c, int samplesPerCase, Progress progress) {
		Volume first = c.channels().get(0);
		int w = first.width();
		int h = first.height();
		int d = first.depth();
		int[] box = nonzeroBoundingBox(c.channels(), progress); // z0, z1, y0, y1, x0, x1 (ends exclusive)
		int[] shape = { box[1] - box[0], box[3] - box[2], box[5] - box[4] };
		double relative = (double) shape[0] * shape[1] * shape[2] / ((double) w * h * d);

		long[] counts = new long[2];
		IntList foreground = new IntList();
		float[] plane = new float[w * h];
		for (int z = box[0]; z < box[1]; z++) {
			progress.checkCancelled();
			c.labels().copyPlane(z, plane);
			for (int y = box[2]; y < box[3]; y++) {
				for (int x = box[4]; x < box[5]; x++) {
					int index = y * w + x;
					int label = labelValue(plane[index], c.name());
					if (label >= counts.length) counts = java.util.Arrays.copyOf(counts, label + 1);
					counts[label]++;
					if (label > 0) foreground.add(z * w * h + index);
				}
			}
		}

		// nnU-Net draws for all channels from one generator seeded per case
		SplittableRandom random = new SplittableRandom(seed);
		float[][] samples = new float[c.channels().size()][];
		for (int ch = 0; ch < samples.length; ch++) {
			if (foreground.size() == 0) {
				samples[ch] = new float[0];
				continue;
			}
			Volume v = c.channels().get(ch);
			float[] s = new float[samplesPerCase];
			for (int k = 0; k < s.length; k++) s[k] = v.get(foreground.get(random.nextInt(foreground.size())));
			samples[ch] = s;
		}
		double[] spacing = first.spacing().zyx();
		if (d == 1) spacing[0] = SPACING_2D;
		return new CaseResult(new CaseFingerprint(spacing, shape, relative), samples, counts);
	}

	/**
	 * {z0, z1, y0, y1, x0, x1} (ends exclusive) of the voxels that are nonzero in any channel; the whole
	 * image if every voxel is zero.
	 */
	static int[] nonzeroBoundingBox(List<Volume> channels, Progress progress) {
		Volume first = channels.get(0);
		int w = first.width();
		int h = first.height();
		int d = first.depth();
		int z0 = d, z1 = -1, y0 = h, y1 = -1, x0 = w, x1 = -1;
		float[] plane = new float[w * h];
		for (int z = 0; z < d; z++) {
			progress.checkCancelled();
			for (Volume v : channels) {
				v.copyPlane(z, plane);
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						if (plane[y * w + x] != 0) { // NaN counts as nonzero, as in numpy
							z0 = Math.min(z0, z);
							z1 = Math.max(z1, z);
							y0 = Math.min(y0, y);
							y1 = Math.max(y1, y);
							x0 = Math.min(x0, x);
							x1 = Math.max(x1, x);
						}
					}
				}
			}
		}
		if (z1 < 0) return new int[] { 0, d, 0, h, 0, w };
		return new int[] { z0, z1 + 1, y0, y1 + 1, x0, x1 + 1 };
	}

	private static int labelValue(float value, String caseName) {
		if (!(value >= 0) || value != Math.rint(value) || value > 65535) throw new SegKitException(
			"The label image of case '" + caseName + "' contains the value " + value +
				". Labels must be whole numbers 0 (background), 1, 2, ...");
		return (int) value;
	}

	private static long[] add(long[] a, long[] b) {
		long[] out = java.util.Arrays.copyOf(a, Math.max(a.length, b.length));
		for (int i = 0; i < b.length; i++) out[i] += b[i];
		return out;
	}

	private static float[] concatenate(List<float[]> parts) {
		long n = 0;
		for (float[] p : parts) n += p.length;
		float[] out = new float[(int) n];
		int offset = 0;
		for (float[] p : parts) {
			System.arraycopy(p, 0, out, offset, p.length);
			offset += p.length;
		}
		return out;
	}

	/** A growable int array (foreground voxel indices). */
	private static final class IntList {

		private int[] values = new int[1024];
		private int size;

		void add(int v) {
			if (size == values.length) values = java.util.Arrays.copyOf(values, values.length * 2);
			values[size++] = v;
		}

		int get(int i) {
			return values[i];
		}

		int size() {
			return size;
		}
	}
}
