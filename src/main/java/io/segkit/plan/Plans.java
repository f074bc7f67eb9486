package io.segkit.plan;

import io.segkit.SegKitException;
import io.segkit.files.Json;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;


/**
 * All configurations planned for one dataset plus what they share (transpose, median spacing/shape,
 * foreground intensities): nnU-Net v2's {@code nnUNetPlans.json}. SegKit adds the memory budget and
 * notes on where it deviates from nnU-Net, under keys nnU-Net ignores.
 */
public final class Plans {

	private final String datasetName;
	private final double[] originalMedianSpacingAfterTransp;
	private final int[] originalMedianShapeAfterTransp;
	private final String imageReaderWriter;
	private final int[] transposeForward;
	private final int[] transposeBackward;
	private final Map<String, Plan> configurations;
	private final List<IntensityStats> foregroundIntensityPerChannel;
	private final MemoryBudget budget;
	private final List<String> notes;

	public Plans(String datasetName, double[] originalMedianSpacingAfterTransp, int[] originalMedianShapeAfterTransp,
		String imageReaderWriter, int[] transposeForward, int[] transposeBackward, Map<String, Plan> configurations,
		List<IntensityStats> foregroundIntensityPerChannel, MemoryBudget budget, List<String> notes)
	{
		this.datasetName = datasetName;
		this.originalMedianSpacingAfterTransp = originalMedianSpacingAfterTransp.clone();
		this.originalMedianShapeAfterTransp = originalMedianShapeAfterTransp.clone();
		this.imageReaderWriter = imageReaderWriter;
		this.transposeForward = transposeForward.clone();
		this.transposeBackward = transposeBackward.clone();
		this.configurations = Collections.unmodifiableMap(new LinkedHashMap<>(configurations));
		this.foregroundIntensityPerChannel = List.copyOf(foregroundIntensityPerChannel);
		this.budget = budget;
		this.notes = List.copyOf(notes);
	}

	public String datasetName() {
		return datasetName;
	}

	public double[] originalMedianSpacingAfterTransp() {
		return originalMedianSpacingAfterTransp.clone();
	}

	public int[] originalMedianShapeAfterTransp() {
		return originalMedianShapeAfterTransp.clone();
	}

	public String imageReaderWriter() {
		return imageReaderWriter;
	}

	/** Axis order used by the plans: internal axis transposeForward[i] becomes axis i. */
	public int[] transposeForward() {
		return transposeForward.clone();
	}

	public int[] transposeBackward() {
		return transposeBackward.clone();
	}

	/** "2d", then "3d_lowres" if planned, then "3d_fullres" if the data are 3D. */
	public Map<String, Plan> configurations() {
		return configurations;
	}

	/** The named configuration, or null. */
	public Plan configuration(String name) {
		return configurations.get(name);
	}

	public List<IntensityStats> foregroundIntensityPerChannel() {
		return foregroundIntensityPerChannel;
	}

	/** The budget planned for; null for plans read from an nnU-Net file. */
	public MemoryBudget budget() {
		return budget;
	}

	/** Where SegKit deviates from nnU-Net's defaults, in words. */
	public List<String> notes() {
		return notes;
	}

	// ---- JSON: nnU-Net's nnUNetPlans.json

	public String toJson() {
		JsonObject o = new JsonObject();
		o.addProperty("dataset_name", datasetName);
		o.addProperty("plans_name", "nnUNetPlans");
		o.add("original_median_spacing_after_transp", Json.doubles(originalMedianSpacingAfterTransp));
		o.add("original_median_shape_after_transp", Json.ints(originalMedianShapeAfterTransp));
		o.addProperty("image_reader_writer", imageReaderWriter);
		o.add("transpose_forward", Json.ints(transposeForward));
		o.add("transpose_backward", Json.ints(transposeBackward));
		JsonObject configs = new JsonObject();
		configurations.forEach((name, plan) -> configs.add(name, plan.toJsonObject()));
		Plan lowres = configurations.get("3d_lowres");
		if (lowres != null && "3d_cascade_fullres".equals(lowres.nextStage()) && configurations.containsKey(
			"3d_fullres"))
		{
			JsonObject cascade = new JsonObject();
			cascade.addProperty("inherits_from", "3d_fullres");
			cascade.addProperty("previous_stage", "3d_lowres");
			configs.add("3d_cascade_fullres", cascade);
		}
		o.add("configurations", configs);
		o.addProperty("experiment_planner_used", "ExperimentPlanner");
		o.addProperty("label_manager", "LabelManager");
		o.add("foreground_intensity_properties_per_channel", Fingerprint.intensityJson(
			foregroundIntensityPerChannel));
		if (budget != null) {
			JsonObject b = new JsonObject();
			b.addProperty("gigabytes", budget.gigabytes());
			b.addProperty("device", budget.device().name());
			o.add("segkit_memory_budget", b);
		}
		if (!notes.isEmpty()) o.add("segkit_notes", Json.strings(notes));
		return Json.format(o);
	}

	public static Plans fromJson(String text) {
		String what = "plans file";
		JsonObject o = Json.parseObject(text, what);
		Map<String, Plan> configs = new LinkedHashMap<>();
		for (Map.Entry<String, JsonElement> e : Json.required(o, "configurations", what).getAsJsonObject()
			.entrySet())
		{
			JsonObject c = e.getValue().getAsJsonObject();
			if (c.has("inherits_from")) continue; // the cascade entry is derived, not stored
			configs.put(e.getKey(), Plan.fromJsonObject(e.getKey(), c));
		}
		MemoryBudget budget = null;
		if (o.has("segkit_memory_budget")) {
			JsonObject b = o.getAsJsonObject("segkit_memory_budget");
			budget = new MemoryBudget(b.get("gigabytes").getAsDouble(), MemoryBudget.Device.valueOf(b.get("device")
				.getAsString()));
		}
		List<String> notes = o.has("segkit_notes") ? Json.toStrings(o.get("segkit_notes")) : List.of();
		if (configs.isEmpty()) throw new SegKitException("The plans file has no configuration.");
		return new Plans(o.has("dataset_name") ? o.get("dataset_name").getAsString() : "", Json.toDoubles(Json
			.required(o, "original_median_spacing_after_transp", what)), Json.toInts(Json.required(o,
				"original_median_shape_after_transp", what)), o.has("image_reader_writer") ? o.get(
					"image_reader_writer").getAsString() : "", Json.toInts(Json.required(o, "transpose_forward", what)),
			Json.toInts(Json.required(o, "transpose_backward", what)), configs, Fingerprint.intensityFromJson(Json
				.required(o, "foreground_intensity_properties_per_channel", what).getAsJsonObject()), budget, notes);
	}

	public static Plans read(Path file) {
		return fromJson(Json.read(file, "plans file"));
	}

	/**
	 * A plans file to train with (Auto-Train's plans file): a JSON file with missing or mistyped entries is
	 * refused with a message that says what to do.
	 */
	public static Plans readForTraining(Path file) {
		try {
			return read(file);
		}
		catch (SegKitException e) {
			throw e;
		}
		catch (RuntimeException e) {
			throw new SegKitException("'" + file.getFileName() + "' is not a usable nnU-Net plans file (" + e
				.getMessage() + "). Write one with Plan Segmentation (or segkit plan), or leave the plans file "
				+ "empty.", e);
		}
	}

	public void write(Path file) {
		Json.write(file, toJson(), "plans file");
	}
}
