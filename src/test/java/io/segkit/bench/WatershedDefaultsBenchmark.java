package io.segkit.bench;

import ij.IJ;
import ij.process.AutoThresholder;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.classic.threshold.AutoThreshold;
import io.segkit.classic.watershed.Watershed;
import io.segkit.eval.SegmentationScores;
import io.segkit.image.Labels;
import io.segkit.image.Volume;
import io.segkit.testdata.SyntheticImage;
import io.segkit.testdata.SyntheticNuclei;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Object F1 (IoU >= 0.5) of Distance Watershed on ground-truth masks (labels > 0, so touching nuclei are merged):
 * the former default dynamic (1 µm), the shipped macros' 0.5 µm, and the automatic dynamic at several shares of the
 * typical radius. Images: test-images/ and held-out synthetic nuclei (seeds no test image uses, other sizes and
 * voxel sizes). Run: {@code java -cp "target/classes:target/test-classes:target/deps/*"
 * io.segkit.bench.WatershedDefaultsBenchmark test-images [otsu]}.
 */
public final class WatershedDefaultsBenchmark {

	private static final double[] SHARES = {0.05, 0.075, 0.1, 0.15, 0.2, 0.3};

	private WatershedDefaultsBenchmark() {}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		File root = new File(args.length > 0 ? args[0] : "test-images");
		boolean otsu = args.length > 1 && args[1].equals("otsu");
		Map<String, Labels> cases = new LinkedHashMap<>();
		Map<String, Volume> masks = new LinkedHashMap<>();
		for (String dim : new String[] {"2d", "3d"}) {
			File[] files = new File(root, dim + "/labels").listFiles((d, n) -> n.endsWith(".tif"));
			java.util.Arrays.sort(files);
			for (File f : files) {
				String name = f.getName().replace(".tif", "");
				cases.put(name, Labels.read(Volume.of(IJ.openImage(f.getPath()))));
				masks.put(name, Volume.of(IJ.openImage(new File(root, dim + "/images/" + f.getName()).getPath())));
			}
		}
		heldOut().forEach((name, image) -> {
			cases.put(name, image.labels());
			masks.put(name, Volume.of(image.image(name)));
		});
		if (otsu) masks.replaceAll((name, image) -> otsu(image));
		else masks.replaceAll((name, image) -> mask(cases.get(name)));
		System.out.println("masks: " + (otsu ? "Otsu threshold of the images" : "ground truth (labels > 0)"));
		System.out.printf(Locale.ROOT, "%-22s %7s %7s %7s", "image", "radius", "dyn=1", "dyn=0.5");
		for (double s : SHARES) System.out.printf(Locale.ROOT, " auto%.2f", s);
		System.out.println();
		Map<String, List<Double>> means = new LinkedHashMap<>();
		cases.forEach((name, truth) -> row(name, masks.get(name), truth, means));
		means.forEach((group, f1) -> System.out.printf(Locale.ROOT, "mean %-17s %s%n", group, f1.stream().skip(1)
			.map(v -> String.format(Locale.ROOT, "%7.3f", v / f1.get(0))).toList()));
	}

	/** Anisotropic 3D nuclei (and 2D ones) of seeds and settings no test image uses. */
	static Map<String, SyntheticImage> heldOut() {
		Map<String, SyntheticImage> images = new LinkedHashMap<>();
		images.put("held-3d-a (0.4/1.6)", SyntheticNuclei.generate(SyntheticNuclei.builder().size(120, 120, 30).spacing(0.4, 0.4, 1.6, "µm")
			.radius(3, 5).minGap(1.0).blur(0.4, 1.2).count(30).touchingFraction(0.4).seed(9301).build()));
		images.put("held-3d-b (0.25/1.0)", SyntheticNuclei.generate(SyntheticNuclei.builder().size(128, 128, 32).spacing(0.25, 0.25, 1.0,
			"µm").radius(2.5, 4).minGap(0.8).blur(0.3, 1.0).count(25).touchingFraction(0.5).seed(9302).build()));
		images.put("held-3d-c (0.5/2.0)", SyntheticNuclei.generate(SyntheticNuclei.builder().size(96, 96, 32).spacing(0.5, 0.5, 2.0, "µm")
			.radius(3, 5).minGap(1.0).blur(0.4, 1.2).count(30).touchingFraction(0.5).seed(9303).build()));
		images.put("held-2d-a (0.3)", SyntheticNuclei.generate(SyntheticNuclei.builder().size(256, 256).spacing(0.3, 0.3, 1, "µm")
			.radius(3, 5).minGap(1.0).count(40).touchingFraction(0.4).seed(9311).build()));
		return images;
	}

	private static void row(String name, Volume mask, Labels truth, Map<String, List<Double>> means) {
		Connectivity c = truth.depth() > 1 ? Connectivity.C26 : Connectivity.C8;
		double radius = Watershed.typicalRadius(mask, c, Progress.NONE);
		List<Double> f1 = new ArrayList<>();
		f1.add(f1(mask, 1, Connectivity.C26, truth));
		f1.add(f1(mask, 0.5, c, truth));
		for (double s : SHARES) f1.add(f1(mask, s * radius, c, truth));
		System.out.printf(Locale.ROOT, "%-22s %7.2f %s%n", name, radius, f1.stream().map(v -> String.format(Locale.ROOT,
			"%7.3f", v)).reduce("", (a, b) -> a + " " + b));
		String group = truth.depth() > 1 ? "3D" : "2D";
		add(means, group, f1, name.startsWith("held") ? 1 : 0);
		add(means, "all", f1, 0);
	}

	private static void add(Map<String, List<Double>> means, String group, List<Double> f1, int heldOut) {
		if (heldOut == 1) group = group + " held-out";
		List<Double> sums = means.computeIfAbsent(group, k -> new ArrayList<>(java.util.Collections.nCopies(
			f1.size() + 1, 0.0)));
		sums.set(0, sums.get(0) + 1);
		for (int i = 0; i < f1.size(); i++) sums.set(i + 1, sums.get(i + 1) + f1.get(i));
	}

	private static double f1(Volume mask, double dynamic, Connectivity c, Labels truth) {
		Labels split = Watershed.splitObjects(mask, dynamic, false, c, Progress.NONE);
		return SegmentationScores.compare(split, truth).f1();
	}

	private static Volume otsu(Volume image) {
		byte[] inside = AutoThreshold.apply(image, AutoThresholder.Method.Otsu, true, true, Progress.NONE).mask();
		return Volume.ofBytes(inside, image.width(), image.height(), image.depth(), image.spacing());
	}

	private static Volume mask(Labels truth) {
		byte[] inside = new byte[truth.data().length];
		for (int i = 0; i < inside.length; i++) inside[i] = (byte) (truth.data()[i] > 0 ? 255 : 0);
		return Volume.ofBytes(inside, truth.width(), truth.height(), truth.depth(), truth.spacing());
	}
}
