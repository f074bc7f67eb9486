package io.segkit.bench;

import java.nio.file.Path;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import io.segkit.Progress;
import io.segkit.infer.SegmentationJob;
import io.segkit.infer.SlidingWindowPredictor;

/**
 * GPU and CPU on the same weights (issue 13): segments each image with the model on two devices, through Segment
 * with Model's path (sliding window, mirroring off), and prints the largest difference of the class probabilities,
 * the share of voxels whose label differs and the time on each device. Exits 1 when a probability differs by more
 * than the tolerance (default 1e-3). Usage: {@code DeviceAgreement MODEL.zip IMAGE.tif [IMAGE.tif...]
 * [--devices cpu,gpu] [--tolerance 1e-3]}.
 */
public final class DeviceAgreement {

	private DeviceAgreement() {}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		String[] devices = {"cpu", "gpu"};
		double tolerance = 1e-3;
		java.util.List<String> images = new java.util.ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals("--devices")) devices = args[++i].split(",");
			else if (args[i].equals("--tolerance")) tolerance = Double.parseDouble(args[++i]);
			else images.add(args[i]);
		}
		if (args.length < 2 || images.isEmpty() || devices.length != 2) {
			System.err.println("Usage: DeviceAgreement MODEL.zip IMAGE.tif [IMAGE.tif...] [--devices cpu,gpu] "
				+ "[--tolerance 1e-3]");
			System.exit(2);
		}
		double worst = 0;
		for (String file : images) {
			ImagePlus image = IJ.openImage(file);
			SegmentationJob.Result[] results = new SegmentationJob.Result[2];
			double[] seconds = new double[2];
			for (int d = 0; d < 2; d++) {
				long start = System.nanoTime();
				try (SegmentationJob job = new SegmentationJob(Path.of(args[0]), devices[d], SlidingWindowPredictor.Options
					.defaults().withMirroring(false), SegmentationJob.Output.CLASSES, true, SegmentationJob.Cleanup.NONE,
					0)) {
					results[d] = job.segment(image, Progress.NONE);
				}
				seconds[d] = (System.nanoTime() - start) / 1e9;
			}
			double largest = largestDifference(results[0].probabilities().getStack(), results[1].probabilities()
				.getStack());
			double labelShare = differingShare(results[0].labels().getStack(), results[1].labels().getStack());
			worst = Math.max(worst, largest);
			System.out.printf(Locale.ROOT, "%s: largest probability difference %.3g, labels differing %.5f %%, %s %.2f s, "
				+ "%s %.2f s%n", Path.of(file).getFileName(), largest, 100 * labelShare, devices[0], seconds[0], devices[1],
				seconds[1]);
		}
		boolean agree = worst <= tolerance;
		System.out.printf(Locale.ROOT, "%s: largest difference %.3g (tolerance %.1g)%n", agree ? "AGREE" : "DISAGREE",
			worst, tolerance);
		System.exit(agree ? 0 : 1);
	}

	static double largestDifference(ImageStack a, ImageStack b) {
		double largest = 0;
		for (int s = 1; s <= a.getSize(); s++) {
			float[] x = (float[]) a.getPixels(s), y = (float[]) b.getPixels(s);
			for (int i = 0; i < x.length; i++) largest = Math.max(largest, Math.abs(x[i] - y[i]));
		}
		return largest;
	}

	static double differingShare(ImageStack a, ImageStack b) {
		long differ = 0, all = 0;
		for (int s = 1; s <= a.getSize(); s++) {
			var x = a.getProcessor(s);
			var y = b.getProcessor(s);
			for (int i = 0; i < x.getPixelCount(); i++) if (x.get(i) != y.get(i)) differ++;
			all += x.getPixelCount();
		}
		return (double) differ / all;
	}
}
