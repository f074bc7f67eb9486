package io.segkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every macro in macros/ in a real, headless ImageJ 1.x with the built jar as a plugin, on
 * the bundled test-images, and checks what they produce against the ground truth.
 */
class MacrosIT {

	@TempDir
	static Path work;
	static HeadlessImageJ imagej;

	private static final Pattern DICE = Pattern.compile("RESULT .*?dice=([0-9.]+)");
	private static final Pattern F1 = Pattern.compile("RESULT .*?f1=([0-9.]+)");

	@BeforeAll
	static void install() throws IOException {
		imagej = new HeadlessImageJ(work.resolve("imagej"));
	}

	private static HeadlessImageJ.Run run(String macro, Path output) throws Exception {
		Files.createDirectories(output);
		Path root = HeadlessImageJ.projectRoot();
		String argument = "input=[" + root.resolve("test-images") + "] output=[" + output + "]";
		HeadlessImageJ.Run run = imagej.runMacro(root.resolve("macros").resolve(macro), argument, 1200);
		assertEquals(0, run.exitCode(), run.output());
		assertFalse(run.output().contains("Exception"), run.output());
		return run;
	}

	private static List<Double> values(Pattern pattern, String output) {
		List<Double> values = new ArrayList<>();
		Matcher m = pattern.matcher(output);
		while (m.find()) values.add(Double.parseDouble(m.group(1)));
		return values;
	}

	private static List<Roi> readRoiSet(Path zip) throws IOException {
		List<Roi> rois = new ArrayList<>();
		try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				rois.add(new ij.io.RoiDecoder(in.readAllBytes(), entry.getName()).getRoi());
			}
		}
		return rois;
	}

	@Test
	void everyWorkflowMacroIsCovered() throws IOException {
		List<String> macros = new ArrayList<>();
		try (var files = Files.list(HeadlessImageJ.projectRoot().resolve("macros"))) {
			files.forEach(f -> macros.add(f.getFileName().toString()));
		}
		assertTrue(macros.containsAll(List.of("nuclei-2d.ijm", "nuclei-3d-watershed.ijm",
			"region-growing-points.ijm", "kmeans-and-local-threshold.ijm", "train-and-segment.ijm")), macros
			.toString());
		assertEquals(5, macros.size(), "a new macro needs its checks here: " + macros);
	}

	@Test
	void nuclei3dSplitsTouchingNucleiAndWritesCalibratedLabelsRoisAndTables() throws Exception {
		Path out = work.resolve("nuclei-3d");
		HeadlessImageJ.Run run = run("nuclei-3d-watershed.ijm", out);
		List<Double> dice = values(DICE, run.output());
		assertEquals(3, dice.size(), run.output());
		for (double d : dice) assertTrue(d > 0.9, "Dice " + d + "\n" + run.output());
		List<Double> f1 = values(F1, run.output());
		assertEquals(3, f1.size(), run.output());
		for (double f : f1) assertTrue(f > 0.9, "object F1 " + f + "\n" + run.output());
		ImagePlus labels = IJ.openImage(out.resolve("nuclei3d-01-labels.tif").toString());
		ImagePlus input = IJ.openImage(HeadlessImageJ.projectRoot().resolve("test-images/3d/images/nuclei3d-01.tif")
			.toString());
		assertEquals(16, labels.getBitDepth());
		assertEquals(input.getNSlices(), labels.getNSlices());
		assertEquals(input.getCalibration().pixelDepth, labels.getCalibration().pixelDepth, 1e-9);
		assertEquals(input.getCalibration().pixelWidth, labels.getCalibration().pixelWidth, 1e-9);
		List<Roi> rois = readRoiSet(out.resolve("nuclei3d-01-rois.zip"));
		assertTrue(rois.size() > 20, "one ROI per label and slice");
		for (Roi roi : rois) assertTrue(roi.getZPosition() > 0 || roi.getPosition() > 0, "3D ROIs carry their slice");
		String table = Files.readString(out.resolve("nuclei3d-01-measurements.csv"));
		assertTrue(table.contains("Volume"), table);
	}

	/** Trains a 2D and a 3D network headless through the macro commands and scores them on held-out images. */
	@Test
	void trainedNetworksSegmentHeldOutImages() throws Exception {
		Path out = work.resolve("train-and-segment");
		HeadlessImageJ.Run run = run("train-and-segment.ijm", out);
		List<Double> dice = values(DICE, run.output());
		assertEquals(3, dice.size(), run.output());
		assertTrue(dice.get(0) > 0.85 && dice.get(1) > 0.85, "2D held-out Dice " + dice + "\n" + run.output());
		assertTrue(dice.get(2) > 0.7, "3D held-out Dice " + dice.get(2) + "\n" + run.output());
		double meanF1 = values(F1, run.output()).stream().mapToDouble(Double::doubleValue).average().orElse(0);
		assertTrue(meanF1 > 0.7, "mean object F1 of the instance models " + meanF1 + "\n" + run.output());
		ImagePlus labels = IJ.openImage(out.resolve("nuclei3d-03-labels.tif").toString());
		assertEquals(32, labels.getNSlices());
		assertEquals(96, labels.getWidth());
		assertTrue(io.segkit.model.ModelBundle.readSpec(out.resolve("nuclei-3d.zip")).dims() == 3);
		assertTrue(readRoiSet(out.resolve("nuclei2d-05-rois.zip")).size() > 5);
	}

	@Test
	void nuclei2dReachesTheGroundTruth() throws Exception {
		HeadlessImageJ.Run run = run("nuclei-2d.ijm", work.resolve("nuclei-2d"));
		List<Double> dice = values(DICE, run.output());
		assertEquals(6, dice.size(), run.output());
		for (double d : dice) assertTrue(d > 0.9, "Dice " + d + "\n" + run.output());
		double meanF1 = values(F1, run.output()).stream().mapToDouble(Double::doubleValue).average().orElse(0);
		assertTrue(meanF1 > 0.85, "mean object F1 " + meanF1);
	}

	@Test
	void regionGrowingFromPointsFindsEveryNucleus() throws Exception {
		HeadlessImageJ.Run run = run("region-growing-points.ijm", work.resolve("region-growing"));
		assertTrue(values(DICE, run.output()).get(0) > 0.9, run.output());
		assertEquals(1.0, values(F1, run.output()).get(0), 1e-9, run.output());
	}

	@Test
	void kmeansAndLocalThresholdFindTheNuclei() throws Exception {
		HeadlessImageJ.Run run = run("kmeans-and-local-threshold.ijm", work.resolve("kmeans"));
		List<Double> dice = values(DICE, run.output());
		assertEquals(2, dice.size(), run.output());
		assertTrue(dice.get(0) > 0.9, "k-means " + run.output());
		assertTrue(dice.get(1) > 0.85, "local threshold " + run.output());
	}

	@Test
	void badInputStopsTheMacroWithTheMessageAndLeavesTheFileAlone() throws Exception {
		Path rgb = work.resolve("rgb.tif");
		IJ.saveAsTiff(IJ.createImage("rgb", "RGB ramp", 32, 32, 1), rgb.toString());
		byte[] before = Files.readAllBytes(rgb);
		Path macro = work.resolve("bad.ijm");
		Files.writeString(macro, "setBatchMode(true);\nopen(getArgument());\n" +
			"run(\"Auto Threshold\", \"method=Otsu\");\nprint(\"NOT REACHED\");\n");
		HeadlessImageJ.Run run = imagej.runMacro(macro, rgb.toString(), 120);
		assertEquals(1, run.exitCode(), run.output());
		assertTrue(run.output().contains("RGB image"), run.output());
		assertFalse(run.output().contains("NOT REACHED"), run.output());
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(rgb)));
	}
}
