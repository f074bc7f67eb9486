package io.segkit.plan;

import io.segkit.SegKitException;
import io.segkit.files.Json;
import java.util.List;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;


/**
 * One configuration ("2d", "3d_fullres", "3d_lowres") of a plan: patch, batch, target spacing,
 * normalization, resampling and the U-Net layout. Immutable; arrays are copied in and out. Its JSON
 * is the configuration entry of nnU-Net v2's {@code nnUNetPlans.json}, key for key.
 * <p>
 * Axes are in the transposed order (the axis of the largest spacing first); a 2D configuration has
 * two axes (y, x after the transpose).
 */
public final class Plan {

	public static final String NETWORK_CLASS = "dynamic_network_architectures.architectures.unet.PlainConvUNet";

	private final String configuration;
	private final int batchSize;
	private final int[] patchSize;
	private final double[] medianImageSize;
	private final double[] spacing;
	private final List<String> normalizationSchemes;
	private final boolean[] useMaskForNorm;
	private final int[] featuresPerStage;
	private final int[][] kernelSizes;
	private final int[][] strides;
	private final int[] convsPerStage;
	private final int[] convsPerStageDecoder;
	private final boolean batchDice;
	private final String nextStage;
	private final long estimatedFeatureMapElements;

	public Plan(String configuration, int batchSize, int[] patchSize, double[] medianImageSize, double[] spacing,
		List<String> normalizationSchemes, boolean[] useMaskForNorm, int[] featuresPerStage, int[][] kernelSizes,
		int[][] strides, int[] convsPerStage, int[] convsPerStageDecoder, boolean batchDice, String nextStage,
		long estimatedFeatureMapElements)
	{
		int stages = featuresPerStage.length;
		if (kernelSizes.length != stages || strides.length != stages || convsPerStage.length != stages ||
			convsPerStageDecoder.length != stages - 1) throw new IllegalArgumentException(
				"Inconsistent number of stages");
		if (patchSize.length != spacing.length) throw new IllegalArgumentException("Patch and spacing differ in axes");
		this.configuration = configuration;
		this.batchSize = batchSize;
		this.patchSize = patchSize.clone();
		this.medianImageSize = medianImageSize.clone();
		this.spacing = spacing.clone();
		this.normalizationSchemes = List.copyOf(normalizationSchemes);
		this.useMaskForNorm = useMaskForNorm.clone();
		this.featuresPerStage = featuresPerStage.clone();
		this.kernelSizes = deepCopy(kernelSizes);
		this.strides = deepCopy(strides);
		this.convsPerStage = convsPerStage.clone();
		this.convsPerStageDecoder = convsPerStageDecoder.clone();
		this.batchDice = batchDice;
		this.nextStage = nextStage;
		this.estimatedFeatureMapElements = estimatedFeatureMapElements;
	}

	public String configuration() {
		return configuration;
	}

	/** "nnUNetPlans_" + configuration, the name of nnU-Net's preprocessed data folder. */
	public String dataIdentifier() {
		return "nnUNetPlans_" + configuration;
	}

	public int batchSize() {
		return batchSize;
	}

	public int[] patchSize() {
		return patchSize.clone();
	}

	public double[] medianImageSize() {
		return medianImageSize.clone();
	}

	public double[] spacing() {
		return spacing.clone();
	}

	public int dimensions() {
		return spacing.length;
	}

	public List<String> normalizationSchemes() {
		return normalizationSchemes;
	}

	public boolean[] useMaskForNorm() {
		return useMaskForNorm.clone();
	}

	public int stages() {
		return featuresPerStage.length;
	}

	public int[] featuresPerStage() {
		return featuresPerStage.clone();
	}

	public int[][] kernelSizes() {
		return deepCopy(kernelSizes);
	}

	public int[][] strides() {
		return deepCopy(strides);
	}

	public int[] convsPerStage() {
		return convsPerStage.clone();
	}

	public int[] convsPerStageDecoder() {
		return convsPerStageDecoder.clone();
	}

	public boolean batchDice() {
		return batchDice;
	}

	/** "3d_cascade_fullres" for a low-resolution configuration that feeds a cascade, else null. */
	public String nextStage() {
		return nextStage;
	}

	/** Output elements of all convolutions, transposed convolutions and the head for one sample. */
	public long estimatedFeatureMapElements() {
		return estimatedFeatureMapElements;
	}

	/** Image resampling: cubic (3); nnU-Net's "order". */
	public int resamplingOrderData() {
		return 3;
	}

	/** Label resampling: linear on one-hot (1). */
	public int resamplingOrderSeg() {
		return 1;
	}

	/** Order along the coarse axis when the spacing ratio exceeds 3: nearest neighbour (0). */
	public int resamplingOrderZ() {
		return 0;
	}

	// ---- JSON: nnU-Net's configuration entry

	JsonObject toJsonObject() {
		JsonObject o = new JsonObject();
		o.addProperty("data_identifier", dataIdentifier());
		o.addProperty("preprocessor_name", "DefaultPreprocessor");
		o.addProperty("batch_size", batchSize);
		o.add("patch_size", Json.ints(patchSize));
		o.add("median_image_size_in_voxels", Json.doubles(medianImageSize));
		o.add("spacing", Json.doubles(spacing));
		o.add("normalization_schemes", Json.strings(normalizationSchemes));
		o.add("use_mask_for_norm", Json.booleans(useMaskForNorm));
		o.addProperty("resampling_fn_data", "resample_data_or_seg_to_shape");
		o.addProperty("resampling_fn_seg", "resample_data_or_seg_to_shape");
		o.add("resampling_fn_data_kwargs", resamplingKwargs(false, resamplingOrderData()));
		o.add("resampling_fn_seg_kwargs", resamplingKwargs(true, resamplingOrderSeg()));
		o.addProperty("resampling_fn_probabilities", "resample_data_or_seg_to_shape");
		o.add("resampling_fn_probabilities_kwargs", resamplingKwargs(false, 1));
		o.add("architecture", architectureJson());
		o.addProperty("batch_dice", batchDice);
		if (nextStage != null) o.addProperty("next_stage", nextStage);
		o.addProperty("segkit_estimated_feature_map_elements", estimatedFeatureMapElements);
		return o;
	}

	private JsonObject resamplingKwargs(boolean isSeg, int order) {
		JsonObject k = new JsonObject();
		k.addProperty("is_seg", isSeg);
		k.addProperty("order", order);
		k.addProperty("order_z", resamplingOrderZ());
		k.add("force_separate_z", JsonNull.INSTANCE);
		return k;
	}

	private JsonObject architectureJson() {
		String d = dimensions() + "d";
		JsonObject kwargs = new JsonObject();
		kwargs.addProperty("n_stages", stages());
		kwargs.add("features_per_stage", Json.ints(featuresPerStage));
		kwargs.addProperty("conv_op", "torch.nn.modules.conv.Conv" + d);
		kwargs.add("kernel_sizes", Json.ints(kernelSizes));
		kwargs.add("strides", Json.ints(strides));
		kwargs.add("n_conv_per_stage", Json.ints(convsPerStage));
		kwargs.add("n_conv_per_stage_decoder", Json.ints(convsPerStageDecoder));
		kwargs.addProperty("conv_bias", true);
		kwargs.addProperty("norm_op", "torch.nn.modules.instancenorm.InstanceNorm" + d);
		JsonObject norm = new JsonObject();
		norm.addProperty("eps", 1e-5);
		norm.addProperty("affine", true);
		kwargs.add("norm_op_kwargs", norm);
		kwargs.add("dropout_op", JsonNull.INSTANCE);
		kwargs.add("dropout_op_kwargs", JsonNull.INSTANCE);
		kwargs.addProperty("nonlin", "torch.nn.LeakyReLU");
		JsonObject nonlin = new JsonObject();
		nonlin.addProperty("inplace", true);
		kwargs.add("nonlin_kwargs", nonlin);
		JsonObject architecture = new JsonObject();
		architecture.addProperty("network_class_name", NETWORK_CLASS);
		architecture.add("arch_kwargs", kwargs);
		architecture.add("_kw_requires_import", Json.strings(List.of("conv_op", "norm_op", "dropout_op", "nonlin")));
		return architecture;
	}

	public String toJson() {
		return Json.format(toJsonObject());
	}

	public static Plan fromJson(String configuration, String text) {
		return fromJsonObject(configuration, Json.parseObject(text, "plan"));
	}

	static Plan fromJsonObject(String configuration, JsonObject o) {
		String what = "plan configuration '" + configuration + "'";
		JsonObject architecture = Json.required(o, "architecture", what).getAsJsonObject();
		String networkClass = architecture.has("network_class_name") ? architecture.get("network_class_name")
			.getAsString() : "";
		if (!networkClass.endsWith("PlainConvUNet")) throw new SegKitException("The " + what + " uses the network " +
			networkClass + "; SegKit plans only the plain U-Net (PlainConvUNet).");
		JsonObject kwargs = Json.required(architecture, "arch_kwargs", what).getAsJsonObject();
		long estimate = o.has("segkit_estimated_feature_map_elements") ? o.get(
			"segkit_estimated_feature_map_elements").getAsLong() : -1;
		int batchSize = Json.required(o, "batch_size", what).getAsInt();
		int[] patch = Json.toInts(Json.required(o, "patch_size", what));
		double[] median = Json.toDoubles(Json.required(o, "median_image_size_in_voxels", what));
		double[] spacing = Json.toDoubles(Json.required(o, "spacing", what));
		List<String> schemes = Json.toStrings(Json.required(o, "normalization_schemes", what));
		boolean[] mask = Json.toBooleans(Json.required(o, "use_mask_for_norm", what));
		int[] features = Json.toInts(Json.required(kwargs, "features_per_stage", what));
		int[][] kernels = Json.toIntMatrix(Json.required(kwargs, "kernel_sizes", what));
		int[][] strides = Json.toIntMatrix(Json.required(kwargs, "strides", what));
		int[] convs = Json.toInts(Json.required(kwargs, "n_conv_per_stage", what));
		int[] convsDecoder = Json.toInts(Json.required(kwargs, "n_conv_per_stage_decoder", what));
		boolean batchDice = o.has("batch_dice") && o.get("batch_dice").getAsBoolean();
		String next = o.has("next_stage") ? o.get("next_stage").getAsString() : null;
		return new Plan(configuration, batchSize, patch, median, spacing, schemes, mask, features, kernels, strides,
			convs, convsDecoder, batchDice, next, estimate);
	}

	@Override
	public String toString() {
		return configuration + ": patch " + java.util.Arrays.toString(patchSize) + ", batch " + batchSize + ", " +
			stages() + " stages";
	}

	private static int[][] deepCopy(int[][] a) {
		int[][] out = new int[a.length][];
		for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
		return out;
	}
}
