package io.segkit.plan;

import io.segkit.SegKitException;
import io.segkit.files.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;


/**
 * The dataset fingerprint (nnunet-rules.md section 1): per case spacing and shape after cropping,
 * pooled foreground intensity statistics per channel, the median cropped/original size ratio and
 * (SegKit only) the voxel count of every label value. Reads and writes nnU-Net v2's
 * {@code dataset_fingerprint.json}; the class counts go under an extra key nnU-Net ignores.
 * <p>
 * Axis order is (z, y, x) as in nnU-Net's "spacings" and "shapes_after_crop".
 */
public final class Fingerprint {

	static final String CLASS_COUNTS_KEY = "segkit_class_voxel_counts";

	private final List<CaseFingerprint> cases;
	private final List<IntensityStats> intensityPerChannel;
	private final double medianRelativeSizeAfterCropping;
	private final long[] classVoxelCounts;

	/**
	 * @param classVoxelCounts voxels per label value (index = value) over the cropped cases; empty if
	 *        unknown (nnU-Net's own files do not have them)
	 */
	public Fingerprint(List<CaseFingerprint> cases, List<IntensityStats> intensityPerChannel,
		double medianRelativeSizeAfterCropping, long[] classVoxelCounts)
	{
		if (cases.isEmpty()) throw new SegKitException(
			"The dataset has no training cases: add image/label pairs and try again.");
		int axes = cases.get(0).spacing().length;
		for (CaseFingerprint c : cases) {
			if (c.spacing().length != axes) throw new SegKitException(
				"All cases need the same number of axes (found " + axes + " and " + c.spacing().length + ").");
		}
		this.cases = List.copyOf(cases);
		this.intensityPerChannel = List.copyOf(intensityPerChannel);
		this.medianRelativeSizeAfterCropping = medianRelativeSizeAfterCropping;
		this.classVoxelCounts = classVoxelCounts.clone();
	}

	public List<CaseFingerprint> cases() {
		return cases;
	}

	public int numberOfCases() {
		return cases.size();
	}

	public List<double[]> spacings() {
		List<double[]> out = new ArrayList<>();
		for (CaseFingerprint c : cases) out.add(c.spacing());
		return out;
	}

	public List<int[]> shapesAfterCrop() {
		List<int[]> out = new ArrayList<>();
		for (CaseFingerprint c : cases) out.add(c.shapeAfterCrop());
		return out;
	}

	/** Per-axis median of the case spacings (z, y, x). */
	public double[] medianSpacing() {
		return medianPerAxis(spacings().stream().map(double[]::clone).toList());
	}

	/** Per-axis median of the cropped case shapes (z, y, x). */
	public double[] medianShapeAfterCrop() {
		return medianPerAxis(shapesAfterCrop().stream().map(s -> Arrays.stream(s).asDoubleStream().toArray())
			.toList());
	}

	private static double[] medianPerAxis(List<double[]> rows) {
		double[] out = new double[rows.get(0).length];
		for (int a = 0; a < out.length; a++) {
			double[] column = new double[rows.size()];
			for (int i = 0; i < column.length; i++) column[i] = rows.get(i)[a];
			out[a] = Stats.median(column);
		}
		return out;
	}

	public List<IntensityStats> intensityPerChannel() {
		return intensityPerChannel;
	}

	public double medianRelativeSizeAfterCropping() {
		return medianRelativeSizeAfterCropping;
	}

	/** Voxels per label value (index = value); empty if the fingerprint came from nnU-Net. */
	public long[] classVoxelCounts() {
		return classVoxelCounts.clone();
	}

	/** Fraction of all (cropped) voxels per label value; empty if the counts are unknown. */
	public double[] classFrequencies() {
		long total = Arrays.stream(classVoxelCounts).sum();
		double[] out = new double[classVoxelCounts.length];
		for (int i = 0; i < out.length; i++) out[i] = total == 0 ? 0 : classVoxelCounts[i] / (double) total;
		return out;
	}

	// ---- nnU-Net's dataset_fingerprint.json

	public String toJson() {
		JsonObject o = new JsonObject();
		JsonArray spacings = new JsonArray();
		JsonArray shapes = new JsonArray();
		for (CaseFingerprint c : cases) {
			spacings.add(Json.doubles(c.spacing()));
			shapes.add(Json.ints(c.shapeAfterCrop()));
		}
		o.add("spacings", spacings);
		o.add("shapes_after_crop", shapes);
		o.add("foreground_intensity_properties_per_channel", intensityJson(intensityPerChannel));
		o.addProperty("median_relative_size_after_cropping", medianRelativeSizeAfterCropping);
		if (classVoxelCounts.length > 0) {
			JsonObject counts = new JsonObject();
			for (int i = 0; i < classVoxelCounts.length; i++) counts.addProperty(Integer.toString(i),
				classVoxelCounts[i]);
			o.add(CLASS_COUNTS_KEY, counts);
		}
		return Json.format(o);
	}

	static JsonObject intensityJson(List<IntensityStats> perChannel) {
		JsonObject channels = new JsonObject();
		for (int c = 0; c < perChannel.size(); c++) channels.add(Integer.toString(c), perChannel.get(c).toJson());
		return channels;
	}

	static List<IntensityStats> intensityFromJson(JsonObject channels) {
		List<IntensityStats> out = new ArrayList<>();
		for (int c = 0; channels.has(Integer.toString(c)); c++) {
			out.add(IntensityStats.fromJson(channels.getAsJsonObject(Integer.toString(c))));
		}
		if (out.size() != channels.size()) throw new SegKitException(
			"The channels in \"foreground_intensity_properties_per_channel\" must be numbered 0, 1, 2, ...");
		return out;
	}

	public static Fingerprint fromJson(String text) {
		String what = "dataset fingerprint";
		JsonObject o = Json.parseObject(text, what);
		JsonArray spacings = Json.required(o, "spacings", what).getAsJsonArray();
		JsonArray shapes = Json.required(o, "shapes_after_crop", what).getAsJsonArray();
		if (spacings.size() != shapes.size()) throw new SegKitException("The dataset fingerprint lists " +
			spacings.size() + " spacings but " + shapes.size() + " shapes; it must have one of each per case.");
		List<CaseFingerprint> cases = new ArrayList<>();
		for (int i = 0; i < spacings.size(); i++) {
			cases.add(new CaseFingerprint(Json.toDoubles(spacings.get(i)), Json.toInts(shapes.get(i)), Double.NaN));
		}
		List<IntensityStats> intensities = intensityFromJson(Json.required(o,
			"foreground_intensity_properties_per_channel", what).getAsJsonObject());
		double medianRelative = Json.toDouble(Json.required(o, "median_relative_size_after_cropping", what));
		long[] counts = new long[0];
		if (o.has(CLASS_COUNTS_KEY)) {
			JsonObject c = o.getAsJsonObject(CLASS_COUNTS_KEY);
			int max = -1;
			for (Map.Entry<String, JsonElement> e : c.entrySet()) max = Math.max(max, Integer.parseInt(e.getKey()));
			counts = new long[max + 1];
			for (Map.Entry<String, JsonElement> e : c.entrySet()) counts[Integer.parseInt(e.getKey())] = e
				.getValue().getAsLong();
		}
		return new Fingerprint(cases, intensities, medianRelative, counts);
	}

	public static Fingerprint read(Path file) {
		return fromJson(Json.read(file, "dataset fingerprint"));
	}

	public void write(Path file) {
		Json.write(file, toJson(), "dataset fingerprint");
	}
}
