package io.segkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;

import io.segkit.train.NetworkSize;
import io.segkit.Progress;
import io.segkit.image.Volume;
import io.segkit.infer.SegmentationJob;
import io.segkit.infer.SlidingWindowPredictor;
import io.segkit.dataset.LabelMode;
import io.segkit.plan.MemoryBudget;
import io.segkit.dataset.TrainingCase;
import io.segkit.testdata.SyntheticImage;
import io.segkit.testdata.SyntheticNuclei;
import io.segkit.autotrain.AutoTrainOptions;
import io.segkit.autotrain.AutoTrainResult;
import io.segkit.autotrain.AutoTrainer;
import io.segkit.train.NetworkSize;

/**
 * Auto-Train on synthetic data, scored on held-out images it never saw: 2D nuclei and anisotropic 3D nuclei
 * volumes (z spacing 4x the in-plane spacing). Usage: {@code AutoTrainBenchmark [minutes [folds [network size
 * [2d|3d|both]]]]} (defaults 60, 5, half, both); each data set gets the whole budget (both run one after the other).
 * Prints the Auto-Train summary (time per epoch, Dice per fold, configuration chosen) and
 * {@code heldout_dice_2d=...} / {@code heldout_dice_3d=...}. The target for a one-hour CPU budget: 2D Dice
 * >= 0.90, 3D Dice >= 0.85.
 */
public final class AutoTrainBenchmark {

	private AutoTrainBenchmark() {}

	public static void main(String[] args) throws Exception {
		double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 60;
		int folds = args.length > 1 ? Integer.parseInt(args[1]) : AutoTrainOptions.DEFAULT_FOLDS;
		NetworkSize size = args.length > 2 ? NetworkSize.of(args[2]) : NetworkSize.HALF;
		String data = args.length > 3 ? args[3] : "both";
		AutoTrainOptions options = AutoTrainOptions.defaults().withFolds(folds).withNetworkSize(size)
			.withTimeBudgetSeconds(minutes * 60).withLabelMode(LabelMode.FOREGROUND).withEpochs(1000, 50)
			.withMemory(MemoryBudget.automaticCpu());
		Path dir = Files.createTempDirectory("segkit-autotrain-bench");
		StringBuilder result = new StringBuilder();
		if (!data.equals("3d")) result.append(String.format(Locale.ROOT, "heldout_dice_2d=%.4f ", run("2d", nuclei2D(
			0, 12), nuclei2D(1000, 4), options, dir)));
		if (!data.equals("2d")) result.append(String.format(Locale.ROOT, "heldout_dice_3d=%.4f ", run("3d", nuclei3D(
			0, 8), nuclei3D(1000, 3), options, dir)));
		System.out.printf(Locale.ROOT, "%sminutes=%.1f folds=%d size=%s%n", result, minutes, folds, size.label());
	}

	private static double run(String name, List<SyntheticImage> train, List<SyntheticImage> test,
			AutoTrainOptions options, Path dir) {
		long start = System.nanoTime();
		Path model = dir.resolve(name + ".zip");
		AutoTrainResult r = AutoTrainer.train(cases(name, train), options, model, true, line -> {
			System.out.println(line);
		}, Progress.NONE);
		System.out.println(r.summary());
		System.out.printf(Locale.ROOT, "%s: Auto-Train took %.1f s%n", name, (System.nanoTime() - start) / 1e9);
		double dice = heldOutDice(model, test);
		System.out.printf(Locale.ROOT, "%s: held-out foreground Dice %.4f over %d images (peak memory %d MB)%n", name,
			dice, test.size(), peakMegabytes());
		return dice;
	}

	private static List<TrainingCase> cases(String prefix, List<SyntheticImage> images) {
		List<TrainingCase> out = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			String name = prefix + "-" + i;
			out.add(new TrainingCase(name, List.of(Volume.of(images.get(i).image(name), 1, 1)), Volume.of(images.get(i)
				.labelImage(name + "-labels"), 1, 1)));
		}
		return out;
	}

	/** Peak resident memory of the process (libtorch included) from /proc, or the peak heap where there is none. */
	static long peakMegabytes() {
		long resident = MemoryProbe.resident("VmHWM");
		return (resident > 0 ? resident : MemoryProbe.peakHeap()) >> 20;
	}

	/** Mean foreground Dice of the model's class maps against the held-out masks. */
	static double heldOutDice(Path model, List<SyntheticImage> test) {
		double sum = 0;
		try (SegmentationJob job = new SegmentationJob(model, "auto", SlidingWindowPredictor.Options.defaults(),
			SegmentationJob.Output.CLASSES, false, SegmentationJob.Cleanup.MODEL, 0)) {
			for (SyntheticImage s : test) {
				ImagePlus labels = job.segment(s.image("test"), Progress.NONE).labels();
				sum += dice(Volume.of(labels, 1, 1), s.mask());
			}
		}
		return sum / test.size();
	}

	private static double dice(Volume predicted, byte[] mask) {
		long both = 0, p = 0, m = 0;
		for (int i = 0; i < mask.length; i++) {
			boolean a = predicted.get(i) > 0, b = mask[i] != 0;
			if (a) p++;
			if (b) m++;
			if (a && b) both++;
		}
		return p + m == 0 ? 1 : 2.0 * both / (p + m);
	}

	static List<SyntheticImage> nuclei2D(long seed, int n) {
		List<SyntheticImage> out = new ArrayList<>();
		for (int i = 0; i < n; i++) out.add(SyntheticNuclei.builder().size(128, 128).count(14).radius(5, 9)
			.touchingFraction(0.3).seed(seed + i).generate());
		return out;
	}

	/** Anisotropic volumes: 0.5 x 0.5 x 2 µm voxels. */
	static List<SyntheticImage> nuclei3D(long seed, int n) {
		List<SyntheticImage> out = new ArrayList<>();
		for (int i = 0; i < n; i++) out.add(SyntheticNuclei.builder().size(64, 64, 16).spacing(0.5, 0.5, 2, "µm")
			.count(10).radius(3, 5).touchingFraction(0.3).seed(seed + 500 + i).generate());
		return out;
	}
}
