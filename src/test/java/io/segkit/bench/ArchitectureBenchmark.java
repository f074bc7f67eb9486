package io.segkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.ndarray.NDManager;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.dataset.DatasetJson;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.engine.Engines;
import io.segkit.eval.SegmentationScores;
import io.segkit.image.Labels;
import io.segkit.image.Volume;
import io.segkit.infer.SegmentationJob;
import io.segkit.infer.SlidingWindowPredictor;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.nn.Networks;
import io.segkit.plan.FingerprintExtractor;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.Plan;
import io.segkit.plan.Plans;
import io.segkit.plan.Planner;
import io.segkit.train.EpochRecord;
import io.segkit.train.ModelDesign;
import io.segkit.train.NetworkSize;
import io.segkit.train.PreparedCase;
import io.segkit.train.Trainer;
import io.segkit.train.TrainingResult;
import io.segkit.train.TrainingSettings;
import io.segkit.testdata.CrowdedDataset;

/**
 * The architecture shoot-out (issue 14): every network family trained on the same images with the same CPU time
 * budget, the planner's patch, batch and topology (half width, as Auto-Train's default) and the same seed, then
 * scored on held-out images it never saw. Usage:
 * {@code ArchitectureBenchmark [seconds per architecture [2d|3d|crowded [ARCH,ARCH,...]]]} (defaults 120, 2d, all
 * nine).
 * <p>
 * Data: test-images/2d (train nuclei2d-01, 03, 04, 05; held out 02 (touching pairs) and 06 (float, gradient));
 * test-images/3d (train nuclei3d-01, 02; held out 03); crowded: the 2D crowded-nuclei set of {@link CrowdedDataset}
 * (8 training images, 4 held out from other seeds, written to a temporary folder). Labels are objects (foreground = one class). Per
 * architecture it prints the held-out foreground Dice, the object F1 (IoU > 0.5 matching of connected components;
 * parts under {@value #MINIMUM_OBJECT_VOXELS} voxels removed first, the same for every network, so that a few
 * noise specks do not decide it),
 * the parameters, the mean seconds per epoch (iterations per epoch fixed), the epochs done and inference voxels/s
 * (Segment with Model's path, sliding window with mirroring off), then one Markdown table.
 */
public final class ArchitectureBenchmark {

	private static final List<Architecture> ALL = List.of(Architecture.PLAIN_UNET, Architecture.ATTENTION_UNET,
			Architecture.CE_NET, Architecture.FCN, Architecture.SEGNET, Architecture.UNET_PLUS_PLUS,
			Architecture.DEEPLAB_V3_PLUS, Architecture.PSPNET, Architecture.REFINENET);
	private static final int ITERATIONS_PER_EPOCH = 15;
	private static final int MAX_BATCH = 8;
	private static final long SEED = 2026;
	private static final int MINIMUM_OBJECT_VOXELS = 20;

	private ArchitectureBenchmark() {}

	record Row(Architecture architecture, double dice, double f1, long parameters, double secondsPerEpoch,
			int epochs, double voxelsPerSecond) {}

	/** Where the training and held-out cases of one data set are (each folder has images/ and labels/). */
	record Data(String name, boolean is3D, Path trainRoot, List<String> train, Path heldOutRoot, List<String> heldOut) {

		static Data of(String name) throws java.io.IOException {
			switch (name) {
				case "2d": {
					Path root = Path.of("test-images", "2d");
					return new Data(name, false, root, List.of("nuclei2d-01", "nuclei2d-03", "nuclei2d-04",
						"nuclei2d-05"), root, List.of("nuclei2d-02", "nuclei2d-06"));
				}
				case "3d": {
					Path root = Path.of("test-images", "3d");
					return new Data(name, true, root, List.of("nuclei3d-01", "nuclei3d-02"), root, List.of(
						"nuclei3d-03"));
				}
				case "crowded": {
					var folders = CrowdedDataset.write(Files.createTempDirectory("segkit-crowded"), false);
					return new Data(name, false, folders.train(), names(folders.train()), folders.heldOut(), names(
						folders.heldOut()));
				}
				default:
					throw new IllegalArgumentException("data must be 2d, 3d or crowded, not " + name);
			}
		}

		private static List<String> names(Path folder) throws java.io.IOException {
			try (var files = Files.list(folder.resolve("images"))) {
				return files.map(f -> f.getFileName().toString().replaceFirst("\\.tif$", "")).sorted().toList();
			}
		}
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 120;
		Data data = Data.of(args.length > 1 ? args[1] : "2d");
		List<Architecture> architectures = args.length > 2 ? parse(args[2]) : ALL;
		List<TrainingCase> cases = new ArrayList<>();
		for (String name : data.train()) cases.add(load(data.trainRoot(), name));
		String configuration = data.is3D() ? "3d_fullres" : "2d";
		Plans plans = plan(cases);
		Plan plan = plans.configuration(configuration);
		System.out.printf(Locale.ROOT, "%s: %d training and %d held-out images; plan patch %s, batch %d, %d stages, "
			+ "kernels %s, strides %s; %.0f s per architecture%n", data.name(), data.train().size(), data.heldOut()
				.size(), java.util.Arrays.toString(plan.patchSize()), plan.batchSize(), plan.stages(), java.util.Arrays
						.deepToString(plan.kernelSizes()), java.util.Arrays.deepToString(plan.strides()), seconds);
		Path dir = Files.createTempDirectory("segkit-architecture-bench");
		List<Row> rows = new ArrayList<>();
		for (Architecture a : architectures) {
			rows.add(run(a, plans, configuration, cases, data, seconds, dir));
			System.out.println(format(rows.get(rows.size() - 1)));
			System.out.println(csv(data.name(), rows.get(rows.size() - 1)));
		}
		System.out.println();
		System.out.println("| architecture | held-out Dice | vs U-Net | object F1 | parameters | s/epoch | epochs | "
				+ "inference voxels/s |");
		System.out.println("|---|---|---|---|---|---|---|---|");
		double unet = rows.stream().filter(r -> r.architecture() == Architecture.PLAIN_UNET).mapToDouble(Row::dice)
				.findFirst().orElse(Double.NaN);
		for (Row r : rows) {
			System.out.printf(Locale.ROOT, "| %s | %.4f | %.2f | %.3f | %,d | %.1f | %d | %,.0f |%n", r.architecture(),
					r.dice(), r.dice() / unet, r.f1(), r.parameters(), r.secondsPerEpoch(), r.epochs(), r
							.voxelsPerSecond());
		}
	}

	/**
	 * One result as a line {@code csv,DATA,ARCHITECTURE,dice,f1,parameters,secondsPerEpoch,epochs,voxelsPerSecond},
	 * which {@link ShootOutPlot} reads back from the benchmark's output.
	 */
	static String csv(String data, Row r) {
		return String.format(Locale.ROOT, "csv,%s,%s,%.4f,%.4f,%d,%.2f,%d,%.0f", data, r.architecture(), r.dice(), r
			.f1(), r.parameters(), r.secondsPerEpoch(), r.epochs(), r.voxelsPerSecond());
	}

	private static List<Architecture> parse(String list) {
		List<Architecture> out = new ArrayList<>();
		for (String s : list.split(",")) out.add(Architecture.valueOf(s.trim().toUpperCase(Locale.ROOT)));
		return out;
	}

	private static String format(Row r) {
		return String.format(Locale.ROOT, "%s: Dice %.4f, object F1 %.3f, %,d parameters, %.1f s/epoch x %d, %,.0f "
				+ "voxels/s", r.architecture(), r.dice(), r.f1(), r.parameters(), r.secondsPerEpoch(), r.epochs(), r
						.voxelsPerSecond());
	}

	private static TrainingCase load(Path root, String name) {
		ImagePlus image = IJ.openImage(root.resolve("images").resolve(name + ".tif").toString());
		ImagePlus labels = IJ.openImage(root.resolve("labels").resolve(name + ".tif").toString());
		return new TrainingCase(name, List.of(Volume.of(image, 1, 1)), Volume.of(labels, 1, 1));
	}

	/** nnU-Net's plans for the training cases (as Auto-Train makes them). */
	private static Plans plan(List<TrainingCase> cases) {
		var fingerprint = new FingerprintExtractor().extract(cases, Progress.NONE);
		Map<String, Integer> labels = new LinkedHashMap<>();
		labels.put("background", 0);
		labels.put("nucleus", 1);
		DatasetJson dataset = new DatasetJson(Map.of("0", "channel_0"), labels, cases.size(), ".tif").withName(
				"shoot-out");
		return new Planner(MemoryBudget.automaticCpu()).plan(fingerprint, dataset);
	}

	private static Row run(Architecture a, Plans plans, String configuration, List<TrainingCase> cases, Data data,
			double seconds, Path dir) {
		ModelSpec planned = ModelDesign.fromPlan(plans, configuration, a, NetworkSize.HALF, a.name(), List.of(
				"channel 1"), List.of("background", "nucleus"), cases.get(0).channels().get(0).spacing().unit());
		ModelSpec spec = Boolean.getBoolean(NO_DEEP_SUPERVISION) ? withoutDeepSupervision(planned) : planned;
		Plan plan = plans.configuration(configuration);
		List<PreparedCase> prepared = PreparedCase.prepareAll(cases, spec, LabelMode.FOREGROUND, -1, Progress.NONE);
		TrainingSettings defaults = TrainingSettings.defaults();
		TrainingSettings settings = defaults.toBuilder().batchSize(Math.min(plan.batchSize(), MAX_BATCH)).epochs(1000)
				.iterationsPerEpoch(ITERATIONS_PER_EPOCH).timeBudgetSeconds(seconds).seed(SEED).batchDice(plan
						.batchDice()).device("cpu").optimizer(TrainingSettings.OptimizerKind.valueOf(System.getProperty(
								OPTIMIZER, defaults.optimizer().name()))).learningRate(Double.parseDouble(System
										.getProperty(LEARNING_RATE, String.valueOf(defaults.learningRate())))).build();
		TrainingResult result = Trainer.train(prepared, spec, settings, dir.resolve(a.name()), (record, history) -> System
				.out.printf(Locale.ROOT, "  %s epoch %d: loss %.4f, validation Dice %.4f (smoothed %.4f)%s, %.1f s%n", a
						.name(), record.epoch(), record.trainingLoss(), record.validationDice(), record.smoothedDice(),
						record.best() ? ", best" : "", record.seconds()), Progress.NONE);
		double epochSeconds = result.history().stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
		double[] scores = new double[2];
		long voxels = 0;
		int heldOutCount = data.heldOut().size();
		long start = System.nanoTime();
		try (SegmentationJob job = new SegmentationJob(result.best(), "cpu", SlidingWindowPredictor.Options.defaults()
				.withMirroring(false), SegmentationJob.Output.OBJECTS, false, SegmentationJob.Cleanup.NONE,
				MINIMUM_OBJECT_VOXELS * voxelSize(cases.get(0)))) {
			List<String> heldOut = data.heldOut();
			for (String name : heldOut) {
				TrainingCase truth = load(data.heldOutRoot(), name);
				ImagePlus image = IJ.openImage(data.heldOutRoot().resolve("images").resolve(name + ".tif").toString());
				Labels predicted = Labels.read(Volume.of(job.segment(image, Progress.NONE).labels(), 1, 1));
				SegmentationScores s = SegmentationScores.compare(predicted, Labels.read(truth.labels()));
				scores[0] += s.foregroundDice() / heldOutCount;
				scores[1] += s.f1() / heldOutCount;
				voxels += (long) image.getWidth() * image.getHeight() * image.getStackSize();
			}
		}
		double inferenceSeconds = (System.nanoTime() - start) / 1e9;
		return new Row(a, scores[0], scores[1], parameters(spec), epochSeconds, result.epochs(), voxels
				/ inferenceSeconds);
	}

	/** Diagnostic switches: -Dsegkit.bench.optimizer=SGD|ADAM and -Dsegkit.bench.learningRate (nnU-Net's SGD, 0.01). */
	static final String OPTIMIZER = "segkit.bench.optimizer", LEARNING_RATE = "segkit.bench.learningRate";

	/** Diagnostic switch (-Dsegkit.bench.noDeepSupervision=true): train the full-resolution output alone. */
	static final String NO_DEEP_SUPERVISION = "segkit.bench.noDeepSupervision";

	private static ModelSpec withoutDeepSupervision(ModelSpec s) {
		var n = s.network();
		var net = new io.segkit.nn.NetworkConfig(n.architecture(), n.dims(), n.inChannels(), n.classes(), n.features(), n
				.kernelSizes(), n.strides(), false);
		return new ModelSpec(s.name(), net, s.channelNames(), s.classNames(), s.patchSize(), s.spacing(), s.unit(), s
				.normalization(), s.training(), s.segkitVersion());
	}

	/** Calibrated area or volume of one voxel. */
	private static double voxelSize(TrainingCase c) {
		var s = c.channels().get(0).spacing();
		return s.x() * s.y() * (c.channels().get(0).depth() > 1 ? s.z() : 1);
	}

	private static long parameters(ModelSpec spec) {
		try (NDManager m = Engines.call(() -> Engines.pytorch().newBaseManager(ai.djl.Device.cpu()))) {
			return Networks.parameterCount(Networks.createInitialized(spec.network(), m, 1));
		}
	}
}
