package io.segkit.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.DatasetJson;
import io.segkit.dataset.LabelKinds;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCases;
import io.segkit.dataset.TrainingFolder;
import io.segkit.files.Json;

/**
 * Plans a training folder in one call: reads the image/label pairs ({@link TrainingFolder}), computes
 * the fingerprint, takes the folder's {@code dataset.json} if it has one (else makes one from the
 * labels found), plans "2d" and (for 3D data) "3d_fullres" for the memory budget, and applies the
 * user's patch/batch changes. {@link Result#write} puts nnU-Net's three files into a folder.
 */
public final class FolderPlanning {

	public static final String FINGERPRINT_FILE = "dataset_fingerprint.json";
	public static final String DATASET_FILE = "dataset.json";
	public static final String PLANS_FILE = "nnUNetPlans.json";

	/** The files {@link Result#write} writes. */
	public static final List<String> OUTPUT_FILES = List.of(FINGERPRINT_FILE, DATASET_FILE, PLANS_FILE);

	/** Patch and batch sizes the user set; null = as planned. Patches in the plan's axis order. */
	public record Changes(int[] patch2d, Integer batch2d, int[] patch3d, Integer batch3d) {

		public static final Changes NONE = new Changes(null, null, null, null);
	}

	/** What planning a folder gives. */
	public record Result(TrainingFolder folder, LabelKinds.Detected meaning, Fingerprint fingerprint,
		DatasetJson dataset, Plans plans) {

		/**
		 * Writes dataset_fingerprint.json, dataset.json and nnUNetPlans.json into {@code outputFolder}
		 * (created if missing), each through a temporary file; existing files only with {@code overwrite}.
		 */
		public void write(Path outputFolder, boolean overwrite) {
			requireWritable(outputFolder, overwrite);
			String[] texts = { fingerprint.toJson(), dataset.toJson(), plans.toJson() };
			for (int i = 0; i < texts.length; i++) Json.write(outputFolder.resolve(OUTPUT_FILES.get(i)), texts[i],
				OUTPUT_FILES.get(i));
		}
	}

	private FolderPlanning() {}

	public static Result plan(Path datasetFolder, MemoryBudget budget, Changes changes, Progress progress) {
		if (datasetFolder == null || !Files.isDirectory(datasetFolder)) throw new SegKitException(
			"The training folder '" + datasetFolder + "' does not exist. Choose the folder that holds the images " +
				"and labels subfolders.");
		TrainingFolder folder = TrainingFolder.open(datasetFolder);
		LabelKinds.Detected meaning = LabelKinds.detect(folder.size(), folder::load); // as Auto-Train will decide
		Fingerprint fingerprint = new FingerprintExtractor().extract(folder.size(), i -> TrainingCases.asClasses(List
			.of(folder.load(i)), meaning.mode()).get(0), progress);
		DatasetJson dataset = datasetJson(folder, fingerprint, datasetFolder, meaning.mode());
		progress.checkCancelled();
		Plans plans = new Planner(budget).plan(fingerprint, dataset);
		Changes c = changes == null ? Changes.NONE : changes;
		int n = dataset.numTraining(), classes = dataset.numberOfLabels();
		plans = PlanOverrides.apply(plans, "2d", c.patch2d(), c.batch2d(), n, classes);
		plans = PlanOverrides.apply(plans, "3d_fullres", c.patch3d(), c.batch3d(), n, classes);
		return new Result(folder, meaning, fingerprint, dataset, plans);
	}

	/** The folder's own dataset.json if it has one, else one made from the fingerprint; named after the folder. */
	static DatasetJson datasetJson(TrainingFolder folder, Fingerprint fingerprint, Path datasetFolder,
			LabelMode meaning) {
		Path file = datasetFolder.resolve(DATASET_FILE);
		DatasetJson dataset = Files.isRegularFile(file) ? DatasetJson.read(file) : datasetJson(folder, fingerprint,
			meaning);
		Path name = datasetFolder.toAbsolutePath().normalize().getFileName();
		if (dataset.name() == null && name != null) dataset = dataset.withName(name.toString());
		return dataset;
	}

	/**
	 * A dataset.json for a folder: channels named "0", "1", ... (z-score normalization), labels "background" and
	 * "class_N" for every value found in the fingerprint's class counts.
	 */
	public static DatasetJson datasetJson(TrainingFolder folder, Fingerprint fingerprint) {
		return datasetJson(folder, fingerprint, LabelMode.CLASSES);
	}

	/** As {@link #datasetJson(TrainingFolder, Fingerprint)}; object labels name their classes as Auto-Train does. */
	static DatasetJson datasetJson(TrainingFolder folder, Fingerprint fingerprint, LabelMode meaning) {
		Map<String, String> channels = new LinkedHashMap<>();
		for (int c = 0; c < fingerprint.intensityPerChannel().size(); c++) channels.put(Integer.toString(c),
			"channel_" + c);
		Map<String, Integer> labelNames = new LinkedHashMap<>();
		labelNames.put("background", 0);
		long[] counts = fingerprint.classVoxelCounts();
		List<String> objectNames = TrainingCases.classNames("", 3, LabelMode.OBJECTS);
		for (int v = 1; v < counts.length; v++) {
			if (counts[v] > 0) labelNames.put(meaning == LabelMode.OBJECTS ? objectNames.get(v) : "class_" + v, v);
		}
		return new DatasetJson(channels, labelNames, folder.size(), folder.fileEnding());
	}

	/**
	 * Fails, before any work, if {@code outputFolder} is a file or already holds one of the output files
	 * and {@code overwrite} is off.
	 */
	public static void requireWritable(Path outputFolder, boolean overwrite) {
		if (Files.exists(outputFolder) && !Files.isDirectory(outputFolder)) throw new SegKitException("The output '" +
			outputFolder + "' is a file, not a folder. Choose a folder.");
		if (overwrite) return;
		List<String> existing = new ArrayList<>();
		for (String f : OUTPUT_FILES) if (Files.exists(outputFolder.resolve(f))) existing.add(f);
		if (!existing.isEmpty()) throw new SegKitException("The output folder '" + outputFolder + "' already has " +
			String.join(", ", existing) + ". Tick 'Overwrite' to replace them, or choose another folder.");
	}
}
