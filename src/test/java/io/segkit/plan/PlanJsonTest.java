package io.segkit.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.segkit.SegKitException;
import io.segkit.cli.SegKitCli;
import io.segkit.dataset.DatasetJson;

/** Plans in nnU-Net's nnUNetPlans.json layout: round trips, key names, and the command line. */
class PlanJsonTest {

	private static Plans lungPlans() {
		return new Planner(MemoryBudget.gpu(8), true).plan(PlannerTest.oneCase(new double[] { 1.244979977607727,
			0.78515625, 0.78515625 }, new int[] { 252, 512, 512 }), PlannerTest.dataset("CT", 2, 63).withName(
				"Dataset006_Lung"));
	}

	@Test
	void plansRoundTripThroughJson(@TempDir Path dir) {
		Plans plans = lungPlans();
		Path file = dir.resolve("nnUNetPlans.json");
		plans.write(file);
		Plans back = Plans.read(file);
		assertEquals(plans.toJson(), back.toJson());
		assertEquals(plans.configurations().keySet(), back.configurations().keySet());
		Plan p = back.configuration("3d_fullres");
		assertArrayEquals(new int[] { 80, 192, 160 }, p.patchSize());
		assertEquals(plans.configuration("3d_fullres").estimatedFeatureMapElements(), p.estimatedFeatureMapElements());
		assertEquals(MemoryBudget.gpu(8), back.budget());
	}

	@Test
	void singlePlanRoundTrip() {
		Plan p = lungPlans().configuration("2d");
		Plan back = Plan.fromJson("2d", p.toJson());
		assertEquals(p.toJson(), back.toJson());
		assertArrayEquals(p.kernelSizes(), back.kernelSizes());
		assertArrayEquals(p.strides(), back.strides());
	}

	@Test
	void usesNnUNetKeyNames() {
		JsonObject o = JsonParser.parseString(lungPlans().toJson()).getAsJsonObject();
		for (String key : new String[] { "dataset_name", "plans_name", "original_median_spacing_after_transp",
			"original_median_shape_after_transp", "image_reader_writer", "transpose_forward", "transpose_backward",
			"configurations", "experiment_planner_used", "label_manager", "foreground_intensity_properties_per_channel" })
		{
			assertTrue(o.has(key), key);
		}
		JsonObject full = o.getAsJsonObject("configurations").getAsJsonObject("3d_fullres");
		for (String key : new String[] { "data_identifier", "preprocessor_name", "batch_size", "patch_size",
			"median_image_size_in_voxels", "spacing", "normalization_schemes", "use_mask_for_norm", "resampling_fn_data",
			"resampling_fn_seg", "resampling_fn_data_kwargs", "resampling_fn_seg_kwargs",
			"resampling_fn_probabilities", "resampling_fn_probabilities_kwargs", "architecture", "batch_dice" })
		{
			assertTrue(full.has(key), key);
		}
		JsonObject kwargs = full.getAsJsonObject("architecture").getAsJsonObject("arch_kwargs");
		for (String key : new String[] { "n_stages", "features_per_stage", "conv_op", "kernel_sizes", "strides",
			"n_conv_per_stage", "n_conv_per_stage_decoder", "conv_bias", "norm_op", "norm_op_kwargs", "dropout_op",
			"nonlin", "nonlin_kwargs" })
		{
			assertTrue(kwargs.has(key), key);
		}
		assertEquals("torch.nn.modules.conv.Conv3d", kwargs.get("conv_op").getAsString());
		assertTrue(full.getAsJsonObject("resampling_fn_data_kwargs").get("force_separate_z").isJsonNull());
		assertEquals(3, full.getAsJsonObject("resampling_fn_data_kwargs").get("order").getAsInt());
		assertEquals(1, full.getAsJsonObject("resampling_fn_seg_kwargs").get("order").getAsInt());
		assertEquals("3d_lowres", o.getAsJsonObject("configurations").getAsJsonObject("3d_cascade_fullres").get(
			"previous_stage").getAsString());
	}

	@Test
	void readsAPlansFileWrittenByNnUNet() {
		// a trimmed nnUNetPlans.json in nnU-Net v2's layout (Python's json: 1e-05, no SegKit keys)
		String text = """
			{"dataset_name": "Dataset004_Hippocampus", "plans_name": "nnUNetPlans",
			 "original_median_spacing_after_transp": [1.0, 1.0, 1.0],
			 "original_median_shape_after_transp": [36, 50, 35], "image_reader_writer": "SimpleITKIO",
			 "transpose_forward": [0, 1, 2], "transpose_backward": [0, 1, 2],
			 "configurations": {"3d_fullres": {"data_identifier": "nnUNetPlans_3d_fullres",
			   "preprocessor_name": "DefaultPreprocessor", "batch_size": 9, "patch_size": [40, 56, 40],
			   "median_image_size_in_voxels": [36.0, 50.0, 35.0], "spacing": [1.0, 1.0, 1.0],
			   "normalization_schemes": ["ZScoreNormalization"], "use_mask_for_norm": [false],
			   "architecture": {"network_class_name": "dynamic_network_architectures.architectures.unet.PlainConvUNet",
			     "arch_kwargs": {"n_stages": 4, "features_per_stage": [32, 64, 128, 256],
			       "conv_op": "torch.nn.modules.conv.Conv3d",
			       "kernel_sizes": [[3, 3, 3], [3, 3, 3], [3, 3, 3], [3, 3, 3]],
			       "strides": [[1, 1, 1], [2, 2, 2], [2, 2, 2], [2, 2, 2]],
			       "n_conv_per_stage": [2, 2, 2, 2], "n_conv_per_stage_decoder": [2, 2, 2], "conv_bias": true,
			       "norm_op_kwargs": {"eps": 1e-05, "affine": true}}},
			   "batch_dice": false}},
			 "experiment_planner_used": "ExperimentPlanner", "label_manager": "LabelManager",
			 "foreground_intensity_properties_per_channel": {"0": {"max": 486420.2, "mean": 22360.3,
			   "median": 362.0, "min": 0.0, "percentile_00_5": 28.0, "percentile_99_5": 277682.0, "std": 60656.1}}}
			""";
		Plans plans = Plans.fromJson(text);
		Plan p = plans.configuration("3d_fullres");
		assertEquals(9, p.batchSize());
		assertArrayEquals(new int[] { 40, 56, 40 }, p.patchSize());
		assertEquals(4, p.stages());
		assertEquals(-1, p.estimatedFeatureMapElements());
		assertEquals(null, plans.budget());
		assertEquals(277682.0, plans.foregroundIntensityPerChannel().get(0).percentile99_5(), 0);
	}

	@Test
	void otherNetworksAreRefused() {
		String plan = lungPlans().configuration("2d").toJson().replace("unet.PlainConvUNet",
			"residual_unet.ResidualEncoderUNet");
		SegKitException e = assertThrows(SegKitException.class, () -> Plan.fromJson("2d", plan));
		assertTrue(e.getMessage().contains("ResidualEncoderUNet"), e.getMessage());
	}

	// ---- segkit plan (the command line; formerly PlanCli)

	private static String[] run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		String[] withPlan = new String[args.length + 1];
		withPlan[0] = "plan";
		System.arraycopy(args, 0, withPlan, 1, args.length);
		int status = SegKitCli.run(withPlan, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8));
		return new String[] { Integer.toString(status), out.toString(StandardCharsets.UTF_8), err.toString(
			StandardCharsets.UTF_8) };
	}

	@Test
	void cliPrintsPlansForNnUNetFiles(@TempDir Path dir) throws Exception {
		Path datasetDir = Files.createDirectories(dir.resolve("Dataset102_PETCT"));
		Path fingerprint = datasetDir.resolve("dataset_fingerprint.json");
		Files.writeString(fingerprint, FingerprintTest.NNUNET_FINGERPRINT);
		Path dataset = datasetDir.resolve("dataset.json");
		Files.writeString(dataset, """
			{"channel_names": {"0": "PET", "1": "CT"}, "labels": {"background": 0, "lesion": 1},
			 "numTraining": 500, "file_ending": ".nii.gz"}""");
		Path output = dir.resolve("out").resolve("nnUNetPlans.json");
		String[] r = run(fingerprint.toString(), dataset.toString(), "--gpu-memory-gb", "8", "--output", output
			.getParent().toString());
		assertEquals("0", r[0], r[2]);
		Plans plans = Plans.fromJson(r[1]);
		assertEquals("Dataset102_PETCT", plans.datasetName());
		// median shape (326, 400, 400) at spacing (3, 2.036, 2.036): 128^3 like the published PET/CT plans
		assertArrayEquals(new int[] { 128, 128, 128 }, plans.configuration("3d_fullres").patchSize());
		assertEquals(java.util.List.of("ZScoreNormalization", "CTNormalization"), plans.configuration("3d_fullres")
			.normalizationSchemes());
		assertArrayEquals(new int[] { 448, 448 }, plans.configuration("2d").patchSize());
		assertEquals(r[1], Files.readString(output));
		// a smaller budget gives smaller patches
		String[] small = run(fingerprint.toString(), dataset.toString(), "--cpu-memory-gb", "2");
		assertEquals("0", small[0], small[2]);
		Plans cpu = Plans.fromJson(small[1]);
		assertTrue(cpu.configuration("3d_fullres").patchSize()[0] < 128);
		assertEquals(MemoryBudget.cpu(2), cpu.budget());
	}

	@Test
	void cliExtractsTheFingerprintOfATiffFolder(@TempDir Path dir) throws Exception {
		Path data = dir.resolve("nuclei");
		Files.createDirectories(data.resolve("images"));
		Files.createDirectories(data.resolve("labels"));
		int w = 40, h = 30;
		int[] image = new int[w * h];
		int[] label = new int[w * h];
		for (int i = 0; i < image.length; i++) {
			image[i] = 5 + i % 11;
			label[i] = (i / w) % 4 == 0 ? 1 : 0;
		}
		FingerprintTest.saveStack(data.resolve("images").resolve("cell.tif"), w, h, 1, 0.1, 1, image);
		FingerprintTest.saveStack(data.resolve("labels").resolve("cell.tif"), w, h, 1, 0.1, 1, label);
		String[] r = run("-i", data.toString(), "-o", data.toString());
		assertEquals("0", r[0], r[2]);
		Plans plans = Plans.fromJson(r[1]);
		assertEquals("nuclei", plans.datasetName());
		assertEquals(java.util.List.of("2d"), java.util.List.copyOf(plans.configurations().keySet()));
		// 30 x 40 pixels: 30 -> 15 -> 8 -> 4 and 40 -> 20 -> 10 -> 5: 3 pools, patch (32, 40)
		assertArrayEquals(new int[] { 32, 40 }, plans.configuration("2d").patchSize());
		assertTrue(Files.exists(data.resolve("dataset_fingerprint.json")));
		assertEquals(1, DatasetJson.read(data.resolve("dataset.json")).numTraining());
	}

	@Test
	void cliExplainsBadArgumentsAndBadFiles(@TempDir Path dir) throws Exception {
		String[] r = run("--gpu-memory-gb");
		assertEquals("2", r[0]);
		assertTrue(r[2].contains("segkit plan --help"), r[2]);
		r = run("a.json", "b.json", "--gpu-memory-gb", "lots");
		assertEquals("2", r[0]);
		assertTrue(r[2].contains("'lots' is not a double"), r[2]);
		r = run(dir.resolve("missing.json").toString(), dir.resolve("dataset.json").toString());
		assertEquals("2", r[0], "a file that is not there is a usage error: nothing was done");
		assertTrue(r[2].contains("does not exist"), r[2]);
		Files.writeString(dir.resolve("broken.json"), "{");
		Files.writeString(dir.resolve("dataset.json"), "{}");
		r = run(dir.resolve("broken.json").toString(), dir.resolve("dataset.json").toString());
		assertEquals("1", r[0], "a file that cannot be used is a problem with the data");
		assertTrue(r[1].isEmpty(), r[1]);
		r = run("--help");
		assertEquals("0", r[0]);
	}
}
