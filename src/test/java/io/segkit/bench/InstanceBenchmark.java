package io.segkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.process.AutoThresholder;

import io.segkit.Progress;
import io.segkit.autotrain.AutoTrainOptions;
import io.segkit.autotrain.AutoTrainResult;
import io.segkit.autotrain.AutoTrainer;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.threshold.AutoThreshold;
import io.segkit.command.Choices;
import io.segkit.command.ClassicOperations;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingFolder;
import io.segkit.image.LabelImages;
import io.segkit.eval.ObjectMatching;
import io.segkit.eval.ObjectScores;
import io.segkit.image.Labels;
import io.segkit.image.Volume;
import io.segkit.infer.ImageSegmenter;
import io.segkit.infer.SegmentationJob;
import io.segkit.infer.SlidingWindowPredictor;
import io.segkit.plan.MemoryBudget;
import io.segkit.testdata.CrowdedDataset;
import io.segkit.testdata.SyntheticImage;

/**
 * Instance segmentation on crowded nuclei (issue 11, part 5): the {@link CrowdedDataset} images, where nearly every
 * nucleus touches another, scored on held-out images from other seeds for each pipeline:
 * <ul>
 * <li>{@code classic}: Auto Threshold (Otsu, stack histogram, bright objects) + Distance Watershed with the automatic
 * dynamic, 26-connected (the command's defaults, through {@link ClassicOperations#splitTouching});</li>
 * <li>{@code semantic}: Auto-Train with label meaning "foreground" (foreground / background) and the Auto-Train
 * command's defaults (half-width U-Net, CPU memory budget, best configuration), the folds asked for and the time
 * budget, Segment with Model (classes, the model's postprocessing), then the predicted foreground split by the same
 * Distance Watershed;</li>
 * <li>{@code instance}: the instance mode: Auto-Train with label meaning "objects" (background / interior /
 * boundary, the decoding chosen on the folds), the same settings and budget, Segment with Model's objects
 * output, nothing after it.</li>
 * </ul>
 * Each pipeline also reports the connected components of its mask as a reference row (Otsu 26-connected; today's
 * "objects" output of Segment with Model, 4- / 6-connected). Scores: F1 at IoU 0.5 and the mean F1 over IoU 0.5,
 * 0.55, ..., 0.9 (one-to-one matching, counts pooled over the held-out images), object counts, and seconds
 * (training; segmenting all held-out images, loading the model included).
 * <p>
 * Usage: {@code InstanceBenchmark FOLDER [2d|3d|both [minutes [classic,semantic,instance|all [folds]]]]} (defaults
 * both, 10, all, 5). FOLDER receives the data ({@code FOLDER/2d/train}, {@code FOLDER/2d/heldout}, ...; rewritten on
 * every run, the same bytes each time) and the trained models ({@code FOLDER/2d/semantic-10min.zip}); each data set
 * gets the whole time budget. Build with {@code mvn -B -o package -DskipTests} (compiles the test classes and fills
 * target/deps), then:
 * <pre>
 * java -cp "target/test-classes:target/classes:target/deps/*" io.segkit.bench.InstanceBenchmark target/crowded both 10
 * </pre>
 * Adding a pipeline: write a method with the {@link Pipeline} signature (with {@link #autoTrain} and
 * {@link #segment} a learning one is a few lines) and put it in {@link #PIPELINES}. Data, numbers and what they
 * show: bench/README.md.
 */
public final class InstanceBenchmark {

	/** IoU thresholds of the mean F1: 0.5 to 0.9 in steps of 0.05. */
	static final double[] THRESHOLDS = { 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9 };

	/** What a run is asked for. */
	/** @param configurations what Auto-Train may choose from; empty = its default, the best of all */
	record Settings(Path folder, double minutes, int folds, List<String> configurations) {}

	/** One held-out image and its ground truth. */
	record HeldOut(String name, ImagePlus image, Labels truth) {}

	/** The labels a pipeline (or its reference variant) gave for every held-out image, in order. */
	record Output(String name, List<Labels> labels, double trainSeconds, double segmentSeconds, String note) {}

	/** A way to label the held-out images, training first on {@code data.train()} if it learns. */
	@FunctionalInterface
	interface Pipeline {
		List<Output> run(CrowdedDataset.Folders data, String dim, List<HeldOut> heldOut, Settings settings)
			throws Exception;
	}

	static final Map<String, Pipeline> PIPELINES = new LinkedHashMap<>();
	static {
		PIPELINES.put("classic", InstanceBenchmark::classic);
		PIPELINES.put("semantic", InstanceBenchmark::semantic);
		PIPELINES.put("instance", InstanceBenchmark::instance);
	}

	private InstanceBenchmark() {}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("Usage: InstanceBenchmark FOLDER [2d|3d|both [minutes [classic,semantic,instance|all "
				+ "[folds [best|2d|3d_fullres|2d+3d_fullres]]]]]");
			System.exit(2);
		}
		System.setProperty("java.awt.headless", "true");
		String dims = args.length > 1 ? args[1] : "both";
		Settings settings = new Settings(Path.of(args[0]), args.length > 2 ? Double.parseDouble(args[2]) : 10,
			args.length > 4 ? Integer.parseInt(args[4]) : AutoTrainOptions.DEFAULT_FOLDS, args.length > 5 && !args[5]
				.equals("best") ? List.of(args[5]) : List.of());
		List<String> pipelines = args.length > 3 && !args[3].equals("all") ? Arrays.asList(args[3].split(","))
			: List.copyOf(PIPELINES.keySet());
		for (String p : pipelines) if (!PIPELINES.containsKey(p)) throw new IllegalArgumentException("Unknown "
			+ "pipeline '" + p + "'; choose from " + PIPELINES.keySet());
		List<String> table = new ArrayList<>();
		for (String dim : List.of("2d", "3d")) {
			if (!dims.equals("both") && !dims.equals(dim)) continue;
			CrowdedDataset.Folders data = writeData(settings.folder(), dim);
			List<HeldOut> heldOut = load(data.heldOut());
			for (String name : pipelines) {
				System.out.printf(Locale.ROOT, "%n== %s %s%n", dim, name);
				List<Output> outputs = PIPELINES.get(name).run(data, dim, heldOut, settings);
				for (Output o : outputs) table.add(row(dim, o, heldOut));
			}
		}
		System.out.printf(Locale.ROOT, "%n| data | pipeline | images | true objects | predicted | F1 @0.5 | mean F1 "
			+ "0.5-0.9 | train s | segment s |%n|---|---|---|---|---|---|---|---|---|%n");
		table.forEach(System.out::println);
		System.out.printf(Locale.ROOT, "(budget %.1f min, %d folds; peak memory %d MB)%n", settings.minutes(), settings
			.folds(), AutoTrainBenchmark.peakMegabytes());
	}

	// --- the pipelines ---

	/** (i) Otsu + Distance Watershed (automatic dynamic); reference: Otsu + connected components. */
	static List<Output> classic(CrowdedDataset.Folders data, String dim, List<HeldOut> heldOut, Settings settings) {
		List<Labels> split = new ArrayList<>(), components = new ArrayList<>();
		List<Double> dynamics = new ArrayList<>();
		long start = System.nanoTime();
		for (HeldOut h : heldOut) {
			Volume image = Volume.of(h.image(), 1, 1);
			byte[] mask = AutoThreshold.apply(image, AutoThresholder.Method.Otsu, true, true, Progress.NONE).mask();
			ImagePlus maskImage = LabelImages.createMask(h.name() + "-mask", mask, image);
			ClassicOperations.Split s = distanceWatershed(maskImage);
			split.add(Labels.read(Volume.of(s.result())));
			dynamics.add(s.dynamics()[0]);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		for (HeldOut h : heldOut) components.add(otsuComponents(Volume.of(h.image(), 1, 1)));
		return List.of(new Output("classic: Otsu + Distance Watershed", split, 0, seconds, "automatic dynamic " + range(
			dynamics) + " µm"), new Output("reference: Otsu + connected components", components, 0, Double.NaN, ""));
	}

	/**
	 * (ii) Auto-Train (objects = foreground) for the budget, Segment with Model (classes), Distance Watershed on the
	 * predicted foreground; reference: Segment with Model's "objects" output (connected components).
	 */
	static List<Output> semantic(CrowdedDataset.Folders data, String dim, List<HeldOut> heldOut, Settings settings) {
		Trained trained = autoTrain(data, dim, "semantic", LabelMode.FOREGROUND, settings);
		Segmented segmented = segment(trained.model(), SegmentationJob.Output.CLASSES, heldOut);
		List<Labels> split = new ArrayList<>(), components = new ArrayList<>();
		List<Double> dynamics = new ArrayList<>();
		long start = System.nanoTime();
		for (ImagePlus classes : segmented.labels()) {
			ClassicOperations.Split s = distanceWatershed(classes);
			split.add(Labels.read(Volume.of(s.result())));
			dynamics.add(s.dynamics()[0]);
		}
		double splitSeconds = (System.nanoTime() - start) / 1e9;
		for (ImagePlus classes : segmented.labels()) components.add(objectsOutput(Labels.read(Volume.of(classes))));
		String note = "chose " + trained.result().chosen() + ", automatic dynamic " + range(dynamics) + " µm";
		return List.of(new Output("semantic (Auto-Train objects) + Distance Watershed", split, trained.seconds(),
			segmented.seconds() + splitSeconds, note), new Output("reference: semantic, Segment with Model objects "
				+ "output", components, trained.seconds(), segmented.seconds(), ""));
	}

	/**
	 * (iii) The instance mode: Auto-Train on the object labels (background / interior / boundary, the decoding
	 * chosen on the validation folds), Segment with Model's objects output; no watershed afterwards.
	 */
	static List<Output> instance(CrowdedDataset.Folders data, String dim, List<HeldOut> heldOut, Settings settings) {
		Trained trained = autoTrain(data, dim, "instance", LabelMode.OBJECTS, settings);
		Segmented segmented = segment(trained.model(), SegmentationJob.Output.OBJECTS, heldOut);
		List<Labels> objects = new ArrayList<>();
		for (ImagePlus l : segmented.labels()) objects.add(Labels.read(Volume.of(l)));
		AutoTrainResult.ObjectSummary o = trained.result().objects();
		return List.of(new Output("instance mode (Auto-Train objects, Segment with Model objects)", objects, trained
			.seconds(), segmented.seconds(), "chose " + trained.result().chosen() + "; " + o.decoding()));
	}

	// --- training and segmenting as the commands do ---

	/** A model Auto-Train wrote, its result and the seconds it took. */
	record Trained(Path model, AutoTrainResult result, double seconds) {}

	/** Label images of the held-out images, in order, and the seconds Segment with Model took for them all. */
	record Segmented(List<ImagePlus> labels, double seconds) {}

	/**
	 * Auto-Train on the training folder with the Auto-Train command's defaults (half-width U-Net, CPU memory budget,
	 * best configuration) and the budget and folds asked for; writes {@code FOLDER/<dim>/<name>-<minutes>min.zip}.
	 */
	static Trained autoTrain(CrowdedDataset.Folders data, String dim, String name, LabelMode labels,
		Settings settings)
	{
		Path model = settings.folder().resolve(dim).resolve(name + "-" + plain(settings.minutes()) + "min.zip");
		AutoTrainOptions options = AutoTrainOptions.defaults().withFolds(settings.folds()).withTimeBudgetSeconds(
			settings.minutes() * 60).withLabelMode(labels).withEpochs(1000, 50).withMemory(MemoryBudget
				.automaticCpu()).withConfigurations(settings.configurations());
		long start = System.nanoTime();
		AutoTrainResult result = AutoTrainer.train(TrainingFolder.open(data.train()), options, model, true,
			System.out::println, Progress.NONE);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.println(result.summary());
		return new Trained(model, result, seconds);
	}

	/**
	 * Segment with Model on each held-out image: the model's postprocessing, default tiling, mirroring only where the
	 * model chose it.
	 */
	static Segmented segment(Path model, SegmentationJob.Output output, List<HeldOut> heldOut) {
		List<ImagePlus> labels = new ArrayList<>();
		long start = System.nanoTime();
		try (SegmentationJob job = new SegmentationJob(model, "auto", SlidingWindowPredictor.Options.defaults(),
			output, false, SegmentationJob.Cleanup.MODEL, 0)) {
			for (HeldOut h : heldOut) labels.add(job.segment(h.image(), Progress.NONE).labels());
		}
		return new Segmented(labels, (System.nanoTime() - start) / 1e9);
	}

	/** The label images as label arrays. */
	static List<Labels> labels(Segmented segmented) {
		return segmented.labels().stream().map(imp -> Labels.read(Volume.of(imp))).toList();
	}

	/** Distance Watershed as the command runs it with its defaults: automatic dynamic, no lines, 26-connected. */
	private static ClassicOperations.Split distanceWatershed(ImagePlus mask) {
		return ClassicOperations.splitTouching(mask, ClassicOperations.AUTOMATIC_DYNAMIC, false,
			Choices.CONNECTIVITY_26, Progress.NONE);
	}

	/** Connected components (26-connected) of an Otsu mask of the image. */
	private static Labels otsuComponents(Volume image) {
		byte[] mask = AutoThreshold.apply(image, AutoThresholder.Method.Otsu, true, true, Progress.NONE).mask();
		return ConnectedComponents.label(Volume.ofBytes(mask, image.width(), image.height(), image.depth(), image
			.spacing()), Connectivity.C26, Progress.NONE);
	}

	/** Segment with Model's "objects" output from its class map: the class's connected parts (4 / 6 neighbours). */
	private static Labels objectsOutput(Labels classes) {
		Connectivity c = Connectivity.of(classes.depth() > 1 ? "6" : "4");
		int[] objects = ImageSegmenter.objects(classes.data(), 2, classes.width(), classes.height(), classes.depth(),
			classes.spacing(), c, Progress.NONE);
		return new Labels(objects, classes.width(), classes.height(), classes.depth(), classes.spacing(), Arrays
			.stream(objects).max().orElse(0));
	}

	// --- data ---

	private static CrowdedDataset.Folders writeData(Path folder, String dim) throws Exception {
		boolean is3D = dim.equals("3d");
		long start = System.nanoTime();
		List<SyntheticImage> train = CrowdedDataset.training(is3D), heldOut = CrowdedDataset.heldOut(is3D);
		double seconds = (System.nanoTime() - start) / 1e9;
		CrowdedDataset.Folders data = CrowdedDataset.write(folder, is3D, train, heldOut);
		SyntheticImage first = train.get(0);
		System.out.printf(Locale.ROOT, "%s data: %d training + %d held-out images of %dx%dx%d (%s x %s x %s %s), "
			+ "generated in %.3f s each%n", dim, train.size(), heldOut.size(), first.params().width(), first.params()
				.height(), first.params().depth(), plain(first.params().spacing().x()), plain(first.params().spacing()
					.y()), plain(first.params().spacing().z()), first.params().spacing().unit(), seconds / (train.size()
						+ heldOut.size()));
		describe("training", train);
		describe("held-out", heldOut);
		return data;
	}

	private static void describe(String set, List<SyntheticImage> images) {
		int nuclei = 0;
		double touching = 0;
		for (SyntheticImage s : images) {
			nuclei += s.count();
			touching += s.touchingShare() * s.count();
		}
		System.out.printf(Locale.ROOT, "  %s: %d nuclei (%.1f per image), %.1f %% touch another%n", set, nuclei,
			(double) nuclei / images.size(), 100 * touching / nuclei);
	}

	private static List<HeldOut> load(Path heldOutFolder) {
		TrainingFolder folder = TrainingFolder.open(heldOutFolder);
		List<HeldOut> out = new ArrayList<>();
		for (String name : folder.caseNames()) {
			ImagePlus image = IJ.openImage(folder.imagesFolder().resolve(name + ".tif").toString());
			ImagePlus labels = IJ.openImage(folder.labelsFolder().resolve(name + ".tif").toString());
			out.add(new HeldOut(name, image, Labels.read(Volume.of(labels))));
		}
		return out;
	}

	// --- scores ---

	private static String row(String dim, Output o, List<HeldOut> heldOut) {
		Matches m = new Matches();
		for (int i = 0; i < heldOut.size(); i++) m.add(o.labels().get(i), heldOut.get(i).truth());
		StringBuilder perThreshold = new StringBuilder();
		for (int k = 0; k < THRESHOLDS.length; k++) perThreshold.append(String.format(Locale.ROOT, " %.2f:%.3f",
			THRESHOLDS[k], m.f1(k)));
		System.out.printf(Locale.ROOT, "%s | %s: F1 at IoU%s; %d predicted for %d true objects%s%n", dim, o.name(),
			perThreshold, m.predicted, m.truth, o.note().isEmpty() ? "" : "; " + o.note());
		return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.3f | %.3f | %s | %s |", dim, o.name(), heldOut
			.size(), m.truth, m.predicted, m.f1(0), m.meanF1(), seconds(o.trainSeconds()), seconds(o
				.segmentSeconds()));
	}

	private static String seconds(double s) {
		return Double.isNaN(s) ? "" : s == 0 ? "-" : String.format(Locale.ROOT, "%.1f", s);
	}

	/**
	 * True positives at each IoU threshold, pooled over images (the objects of all held-out images together), from
	 * {@link ObjectMatching}, SegKit's one object matching.
	 */
	static final class Matches {

		final long[] matched = new long[THRESHOLDS.length];
		long predicted, truth;

		void add(Labels prediction, Labels groundTruth) {
			ObjectScores s = ObjectMatching.match(prediction, groundTruth, Progress.NONE);
			predicted += s.predictedObjects();
			truth += s.trueObjects();
			for (int k = 0; k < THRESHOLDS.length; k++) matched[k] += s.at(THRESHOLDS[k]).truePositives();
		}

		double f1(int k) {
			return predicted + truth == 0 ? 1 : 2.0 * matched[k] / (predicted + truth);
		}

		double meanF1() {
			double sum = 0;
			for (int k = 0; k < THRESHOLDS.length; k++) sum += f1(k);
			return sum / THRESHOLDS.length;
		}
	}

	// --- text ---

	private static String range(List<Double> values) {
		double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
		double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		return plain(min) + (max > min ? " to " + plain(max) : "");
	}

	/** Three significant digits, no exponent. */
	private static String plain(double v) {
		return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
	}
}
