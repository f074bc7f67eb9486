package io.segkit.classic.labels;

import ij.measure.ResultsTable;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.ImageChecks;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

/**
 * Per-label measurements, one row per label present (ascending label value), computed in one
 * pass over the volume into arrays indexed by label.
 * <ul>
 * <li>size: area (2D, units²) or volume (3D, units³) = voxel count x pixel area / voxel volume;</li>
 * <li>centroid in calibrated units, with voxel (x, y, z) centred at ((x+0.5)·sx, (y+0.5)·sy,
 * (z+0.5)·sz) as ImageJ's Analyze > Measure does (2D: z is 0);</li>
 * <li>bounding box in pixels (x, y, z of the first corner, width, height, depth);</li>
 * <li>with an intensity volume: mean, min, max and standard deviation (n-1 in the denominator, as
 * ImageJ's StdDev) of the intensities under each label; NaN intensities are skipped.</li>
 * </ul>
 * Arrays are shared, not copied: treat them as read-only.
 */
public record LabelMeasurements(Spacing spacing, boolean is3D, int[] label, long[] voxelCount, double[] size,
	double[] centroidX, double[] centroidY, double[] centroidZ, int[] boxX, int[] boxY, int[] boxZ, int[] boxWidth,
	int[] boxHeight, int[] boxDepth, double[] mean, double[] min, double[] max, double[] std)
{

	/** Number of labels measured (table rows). */
	public int rows() {
		return label.length;
	}

	public boolean hasIntensity() {
		return mean != null;
	}

	/**
	 * Measures every label of {@code labels}; {@code intensity} may be null, else it must have the
	 * same width, height and depth.
	 */
	public static LabelMeasurements measure(Labels labels, Volume intensity, Progress progress) {
		int[] data = labels.data();
		int plane = labels.planeSize();
		return measure(labels.width(), labels.height(), labels.depth(), labels.spacing(), labels.count(),
			(z, out) -> System.arraycopy(data, z * plane, out, 0, plane), intensity, progress);
	}

	/**
	 * Measures every label of a label image read plane by plane in place (8-, 16- or 32-bit), without a
	 * whole-volume int copy: the memory is the per-label sums only.
	 */
	public static LabelMeasurements measure(Volume labelImage, Volume intensity, Progress progress) {
		int plane = labelImage.planeSize();
		int[] row = new int[plane];
		int max = 0;
		for (int z = 0; z < labelImage.depth(); z++) {
			readLabels(labelImage, z, row);
			for (int v : row) if (v > max) max = v;
		}
		return measure(labelImage.width(), labelImage.height(), labelImage.depth(), labelImage.spacing(), max,
			(z, out) -> readLabels(labelImage, z, out), intensity, progress);
	}

	private static void readLabels(Volume labelImage, int z, int[] out) {
		Object raw = labelImage.rawPlane(z);
		if (raw instanceof short[] s) for (int i = 0; i < out.length; i++) out[i] = s[i] & 0xffff;
		else if (raw instanceof byte[] b) for (int i = 0; i < out.length; i++) out[i] = b[i] & 0xff;
		else {
			float[] f = (float[]) raw;
			for (int i = 0; i < out.length; i++) out[i] = f[i] > 0 ? (int) f[i] : 0;
		}
	}

	/** Copies the labels of plane z into a buffer. */
	private interface PlaneReader {

		void read(int z, int[] out);
	}

	private static LabelMeasurements measure(int w, int h, int d, Spacing spacing, int maxLabel, PlaneReader labels,
		Volume intensity, Progress progress)
	{
		if (intensity != null && (intensity.width() != w || intensity.height() != h || intensity.depth() != d))
			throw new SegKitException("The intensity image is " + intensity.width() + " x " + intensity.height() +
				" x " + intensity.depth() + " but the label image is " + w + " x " + h + " x " + d +
				". Choose an intensity image of the same size.");
		int n = maxLabel + 1;
		ImageChecks.requireMemory(n * (intensity != null ? 80L : 48L), "Measuring labels up to " + maxLabel);
		long[] count = new long[n];
		double[] sx = new double[n], sy = new double[n], sz = new double[n];
		int[] x0 = filled(n, Integer.MAX_VALUE), y0 = filled(n, Integer.MAX_VALUE), z0 = filled(n, Integer.MAX_VALUE);
		int[] x1 = new int[n], y1 = new int[n], z1 = new int[n];
		Intensities stats = intensity != null ? new Intensities(n) : null;
		int[] data = new int[w * h];
		float[] values = new float[w * h];
		for (int z = 0; z < d; z++) {
			progress.checkCancelled();
			labels.read(z, data);
			if (stats != null) intensity.copyPlane(z, values);
			for (int y = 0, p = 0; y < h; y++) {
				for (int x = 0; x < w; x++, p++) {
					int l = data[p];
					if (l == 0) continue;
					count[l]++;
					sx[l] += x;
					sy[l] += y;
					sz[l] += z;
					if (x < x0[l]) x0[l] = x;
					if (x > x1[l]) x1[l] = x;
					if (y < y0[l]) y0[l] = y;
					if (y > y1[l]) y1[l] = y;
					if (z < z0[l]) z0[l] = z;
					z1[l] = z; // z only grows
					if (stats != null) stats.add(l, values[p]);
				}
			}
			progress.update("Measuring labels", z + 1, d);
		}
		return collect(spacing, d > 1, count, sx, sy, sz, x0, y0, z0, x1, y1, z1, stats);
	}

	private static LabelMeasurements collect(Spacing s, boolean is3D, long[] count, double[] sx, double[] sy,
		double[] sz, int[] x0, int[] y0, int[] z0, int[] x1, int[] y1, int[] z1, Intensities stats)
	{
		int rows = 0;
		for (int l = 1; l < count.length; l++) if (count[l] > 0) rows++;
		int[] label = new int[rows], bx = new int[rows], by = new int[rows], bz = new int[rows];
		int[] bw = new int[rows], bh = new int[rows], bd = new int[rows];
		long[] voxels = new long[rows];
		double[] size = new double[rows], cx = new double[rows], cy = new double[rows], cz = new double[rows];
		double[] mean = stats != null ? new double[rows] : null, min = stats != null ? new double[rows] : null;
		double[] max = stats != null ? new double[rows] : null, std = stats != null ? new double[rows] : null;
		double voxelSize = is3D ? s.voxelVolume() : s.pixelArea();
		for (int l = 1, r = 0; l < count.length; l++) {
			long c = count[l];
			if (c == 0) continue;
			label[r] = l;
			voxels[r] = c;
			size[r] = c * voxelSize;
			cx[r] = (sx[l] / c + 0.5) * s.x();
			cy[r] = (sy[l] / c + 0.5) * s.y();
			cz[r] = is3D ? (sz[l] / c + 0.5) * s.z() : 0;
			bx[r] = x0[l];
			by[r] = y0[l];
			bz[r] = z0[l];
			bw[r] = x1[l] - x0[l] + 1;
			bh[r] = y1[l] - y0[l] + 1;
			bd[r] = z1[l] - z0[l] + 1;
			if (stats != null) stats.fill(l, r, mean, min, max, std);
			r++;
		}
		return new LabelMeasurements(s, is3D, label, voxels, size, cx, cy, cz, bx, by, bz, bw, bh, bd, mean, min,
			max, std);
	}

	private static int[] filled(int n, int value) {
		int[] a = new int[n];
		java.util.Arrays.fill(a, value);
		return a;
	}

	/**
	 * Running intensity sums per label, shifted by the label's first value so the variance stays
	 * accurate for bright, low-contrast objects.
	 */
	private static final class Intensities {

		final long[] n;
		final double[] shift, sum, sumSq;
		final float[] min, max;

		Intensities(int size) {
			n = new long[size];
			shift = new double[size];
			sum = new double[size];
			sumSq = new double[size];
			min = new float[size];
			max = new float[size];
		}

		void add(int l, float v) {
			if (Float.isNaN(v)) return;
			if (n[l] == 0) {
				shift[l] = v;
				min[l] = v;
				max[l] = v;
			} else {
				if (v < min[l]) min[l] = v;
				if (v > max[l]) max[l] = v;
			}
			n[l]++;
			double dv = v - shift[l];
			sum[l] += dv;
			sumSq[l] += dv * dv;
		}

		void fill(int l, int r, double[] mean, double[] mn, double[] mx, double[] std) {
			long c = n[l];
			if (c == 0) {
				mean[r] = mn[r] = mx[r] = std[r] = Double.NaN;
				return;
			}
			mean[r] = shift[l] + sum[l] / c;
			mn[r] = min[l];
			mx[r] = max[l];
			std[r] = c > 1 ? Math.sqrt(Math.max(0, (sumSq[l] - sum[l] * sum[l] / c) / (c - 1))) : 0;
		}
	}

	/**
	 * The measurements as an ImageJ table: columns Label, Voxels, Area (unit²) or Volume (unit³),
	 * Centroid X/Y[/Z] (unit), BBox X/Y[/Z], BBox Width/Height[/Depth] (pixels), and with an
	 * intensity image Mean, Min, Max, StdDev. Z columns only for 3D labels.
	 */
	public ResultsTable toResultsTable() {
		ResultsTable table = new ResultsTable();
		appendTo(table, 0);
		return table;
	}

	/** Appends the rows to {@code table}; a frame number above 0 adds a "Frame" column. */
	public void appendTo(ResultsTable table, int frame) {
		table.showRowNumbers(false);
		String u = spacing.unit();
		String sizeColumn = is3D ? "Volume (" + u + "³)" : "Area (" + u + "²)";
		if (rows() == 0) { // an empty table still names its columns
			for (String c : columnNames(sizeColumn, frame)) if (!table.columnExists(c)) table.getFreeColumn(c);
			return;
		}
		for (int r = 0; r < rows(); r++) {
			table.incrementCounter();
			if (frame > 0) table.addValue("Frame", frame);
			table.addValue("Label", label[r]);
			table.addValue("Voxels", voxelCount[r]);
			table.addValue(sizeColumn, size[r]);
			table.addValue("Centroid X (" + u + ")", centroidX[r]);
			table.addValue("Centroid Y (" + u + ")", centroidY[r]);
			if (is3D) table.addValue("Centroid Z (" + u + ")", centroidZ[r]);
			table.addValue("BBox X", boxX[r]);
			table.addValue("BBox Y", boxY[r]);
			if (is3D) table.addValue("BBox Z", boxZ[r]);
			table.addValue("BBox Width", boxWidth[r]);
			table.addValue("BBox Height", boxHeight[r]);
			if (is3D) table.addValue("BBox Depth", boxDepth[r]);
			if (hasIntensity()) {
				table.addValue("Mean", mean[r]);
				table.addValue("Min", min[r]);
				table.addValue("Max", max[r]);
				table.addValue("StdDev", std[r]);
			}
		}
	}

	private java.util.List<String> columnNames(String sizeColumn, int frame) {
		java.util.List<String> c = new java.util.ArrayList<>();
		String u = spacing.unit();
		if (frame > 0) c.add("Frame");
		c.addAll(java.util.List.of("Label", "Voxels", sizeColumn, "Centroid X (" + u + ")", "Centroid Y (" + u + ")"));
		if (is3D) c.add("Centroid Z (" + u + ")");
		c.addAll(java.util.List.of("BBox X", "BBox Y"));
		if (is3D) c.add("BBox Z");
		c.addAll(java.util.List.of("BBox Width", "BBox Height"));
		if (is3D) c.add("BBox Depth");
		if (hasIntensity()) c.addAll(java.util.List.of("Mean", "Min", "Max", "StdDev"));
		return c;
	}
}
