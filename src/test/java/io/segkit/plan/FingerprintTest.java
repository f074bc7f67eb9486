package io.segkit.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.DatasetJson;
import io.segkit.dataset.TrainingCase;
import io.segkit.dataset.TrainingFolder;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

class FingerprintTest {

	private static final double EPS = 1e-9;

	/**
	 * 10 x 8 x 6 (w, h, d) image, spacing x 0.5, y 0.25, z 2; nonzero block x 2..6, y 1..4, z 1..3 (a
	 * 5 x 4 x 3 box) with value 100, foreground (label 1) on x 3..4 of that block with value 100 too, and
	 * label 2 at one voxel whose image value is 40.
	 */
	private static TrainingCase blockCase(String name) {
		int w = 10, h = 8, d = 6;
		float[] image = new float[w * h * d];
		byte[] label = new byte[w * h * d];
		for (int z = 1; z <= 3; z++) {
			for (int y = 1; y <= 4; y++) {
				for (int x = 2; x <= 6; x++) {
					int i = z * w * h + y * w + x;
					image[i] = 100;
					if (x == 3 || x == 4) label[i] = 1;
				}
			}
		}
		int special = 2 * w * h + 2 * w + 6;
		image[special] = 40;
		label[special] = 2;
		Spacing s = new Spacing(0.5, 0.25, 2, "mm");
		return new TrainingCase(name, List.of(Volume.ofFloats(image, w, h, d, s)), Volume.ofBytes(label, w, h, d, s));
	}

	@Test
	void cropsToTheNonzeroBoxAndRecordsSpacingInZyx() {
		Fingerprint f = new FingerprintExtractor(10_000, 1234).extract(List.of(blockCase("a")), Progress.NONE);
		CaseFingerprint c = f.cases().get(0);
		assertArrayEquals(new double[] { 2, 0.25, 0.5 }, c.spacing(), EPS);
		assertArrayEquals(new int[] { 3, 4, 5 }, c.shapeAfterCrop());
		assertEquals(60.0 / 480, c.relativeSizeAfterCrop(), EPS);
		assertEquals(60.0 / 480, f.medianRelativeSizeAfterCropping(), EPS);
		// inside the box: 3 x 4 x 5 = 60 voxels: 3 x 4 x 2 = 24 of label 1, 1 of label 2, 35 background
		assertArrayEquals(new long[] { 35, 24, 1 }, f.classVoxelCounts());
		assertArrayEquals(new double[] { 35 / 60.0, 24 / 60.0, 1 / 60.0 }, f.classFrequencies(), EPS);
	}

	@Test
	void pooledForegroundStatisticsOfTheSample() {
		// foreground values: 24 x 100 and 1 x 40; 100000 draws with replacement: min 40, max 100,
		// median and both percentiles... p0.5 is 40 only if more than 0.5% are 40 (expected 4%: yes).
		Fingerprint f = new FingerprintExtractor(100_000, 1234).extract(List.of(blockCase("a")), Progress.NONE);
		IntensityStats s = f.intensityPerChannel().get(0);
		assertEquals(40, s.min(), EPS);
		assertEquals(100, s.max(), EPS);
		assertEquals(100, s.median(), EPS);
		assertEquals(100, s.percentile99_5(), EPS);
		assertEquals(40, s.percentile00_5(), EPS);
		// expected mean 100 - 60/25 = 97.6, std 60 x sqrt(0.04 x 0.96) = 11.76
		assertEquals(97.6, s.mean(), 0.2);
		assertEquals(11.76, s.std(), 0.3);
		// seeded: the same numbers every time
		assertEquals(s, new FingerprintExtractor(100_000, 1234).extract(List.of(blockCase("a")), Progress.NONE)
			.intensityPerChannel().get(0));
	}

	@Test
	void statisticsAreNumpysOnAKnownSample() {
		// numpy: np.percentile([1,2,3,4], [0.5, 50, 99.5]) = [1.015, 2.5, 3.985]; mean 2.5; std 1.118034
		IntensityStats s = IntensityStats.of(new float[] { 4, 1, 3, 2 });
		assertEquals(1.015, s.percentile00_5(), 1e-12);
		assertEquals(2.5, s.median(), 1e-12);
		assertEquals(3.985, s.percentile99_5(), 1e-12);
		assertEquals(2.5, s.mean(), 1e-12);
		assertEquals(Math.sqrt(1.25), s.std(), 1e-12);
		assertEquals(1, s.min(), 0);
		assertEquals(4, s.max(), 0);
	}

	@Test
	void twoDimensionalImagesGetSpacing999OnZ() {
		short[] image = new short[16];
		byte[] label = new byte[16];
		for (int i = 5; i < 11; i++) {
			image[i] = 7;
			label[i] = 1;
		}
		Spacing s = new Spacing(0.3, 0.3, 1, "um");
		TrainingCase c = new TrainingCase("flat", List.of(Volume.ofShorts(image, 4, 4, 1, s)), Volume.ofBytes(label, 4,
			4, 1, s));
		CaseFingerprint fp = new FingerprintExtractor(10_000, 1234).extract(List.of(c), Progress.NONE).cases().get(0);
		assertArrayEquals(new double[] { 999, 0.3, 0.3 }, fp.spacing(), EPS);
		// nonzero indices 5..10 -> rows 1..2, columns 0..3
		assertArrayEquals(new int[] { 1, 2, 4 }, fp.shapeAfterCrop());
	}

	@Test
	void badLabelsAreRefused() {
		float[] labels = new float[8];
		labels[3] = 1.5f;
		float[] image = new float[8];
		java.util.Arrays.fill(image, 1);
		TrainingCase c = new TrainingCase("odd", List.of(Volume.ofFloats(image, 2, 2, 2, Spacing.UNIT)), Volume
			.ofFloats(labels, 2, 2, 2, Spacing.UNIT));
		SegKitException e = assertThrows(SegKitException.class, () -> new FingerprintExtractor().extract(List.of(c),
			Progress.NONE));
		assertTrue(e.getMessage().contains("'odd'") && e.getMessage().contains("1.5"), e.getMessage());
		assertEquals(1.5f, labels[3]); // input untouched
	}

	@Test
	void noForegroundAnywhereIsRefused() {
		float[] image = new float[8];
		java.util.Arrays.fill(image, 1);
		TrainingCase c = new TrainingCase("empty", List.of(Volume.ofFloats(image, 2, 2, 2, Spacing.UNIT)), Volume
			.ofFloats(new float[8], 2, 2, 2, Spacing.UNIT));
		SegKitException e = assertThrows(SegKitException.class, () -> new FingerprintExtractor().extract(List.of(c),
			Progress.NONE));
		assertTrue(e.getMessage().contains("foreground"), e.getMessage());
	}

	@Test
	void imageAndLabelMustHaveTheSameSize() {
		SegKitException e = assertThrows(SegKitException.class, () -> new TrainingCase("x", List.of(Volume.ofFloats(
			new float[8], 2, 2, 2, Spacing.UNIT)), Volume.ofFloats(new float[4], 2, 2, 1, Spacing.UNIT)));
		assertTrue(e.getMessage().contains("same size"), e.getMessage());
	}

	// ---- nnU-Net's JSON files

	/** An excerpt in nnU-Net's own layout (keys sorted, as its save_json writes the fingerprint). */
	static final String NNUNET_FINGERPRINT = """
		{
		    "foreground_intensity_properties_per_channel": {
		        "0": {"max": 344.85, "mean": 5.58, "median": 4.02, "min": 0.093,
		              "percentile_00_5": 1.05, "percentile_99_5": 30.87, "std": 5.02},
		        "1": {"max": 3412.2, "mean": 0.91, "median": 52.5, "min": -1329.3,
		              "percentile_00_5": -852.5, "percentile_99_5": 619.06, "std": 227.6}
		    },
		    "median_relative_size_after_cropping": 1.0,
		    "shapes_after_crop": [[326, 400, 400], [305, 400, 400], [341, 400, 400]],
		    "spacings": [[3.0, 2.0364201068878174, 2.0364201068878174], [3.0, 2.0364201068878174,
		        2.0364201068878174], [3.0, 2.0364201068878174, 2.0364201068878174]]
		}
		""";

	@Test
	void readsNnUNetFingerprints() {
		Fingerprint f = Fingerprint.fromJson(NNUNET_FINGERPRINT);
		assertEquals(3, f.numberOfCases());
		assertArrayEquals(new int[] { 305, 400, 400 }, f.shapesAfterCrop().get(1));
		assertArrayEquals(new double[] { 3, 2.0364201068878174, 2.0364201068878174 }, f.spacings().get(2), 0);
		assertEquals(2, f.intensityPerChannel().size());
		assertEquals(-852.5, f.intensityPerChannel().get(1).percentile00_5(), 0);
		assertEquals(619.06, f.intensityPerChannel().get(1).percentile99_5(), 0);
		assertEquals(1.0, f.medianRelativeSizeAfterCropping(), 0);
		assertEquals(0, f.classVoxelCounts().length);
	}

	@Test
	void fingerprintJsonRoundTripUsesNnUNetKeys() {
		Fingerprint f = new FingerprintExtractor(1000, 1234).extract(List.of(blockCase("a"), blockCase("b")),
			Progress.NONE);
		String json = f.toJson();
		for (String key : List.of("\"spacings\"", "\"shapes_after_crop\"",
			"\"foreground_intensity_properties_per_channel\"", "\"median_relative_size_after_cropping\"", "\"mean\"",
			"\"median\"", "\"std\"", "\"min\"", "\"max\"", "\"percentile_99_5\"", "\"percentile_00_5\""))
		{
			assertTrue(json.contains(key), key);
		}
		Fingerprint back = Fingerprint.fromJson(json);
		assertEquals(json, back.toJson());
		assertArrayEquals(f.classVoxelCounts(), back.classVoxelCounts());
		assertEquals(f.intensityPerChannel(), back.intensityPerChannel());
	}

	@Test
	void nanStatisticsSurviveTheRoundTrip() {
		IntensityStats nan = new IntensityStats(Double.NaN, 1, 2, 3, 4, 5, 6);
		Fingerprint f = new Fingerprint(List.of(new CaseFingerprint(new double[] { 1, 1, 1 }, new int[] { 2, 2, 2 },
			1)), List.of(nan), 1, new long[0]);
		assertTrue(f.toJson().contains("NaN"));
		assertTrue(Double.isNaN(Fingerprint.fromJson(f.toJson()).intensityPerChannel().get(0).mean()));
	}

	@Test
	void readsAndWritesDatasetJson(@TempDir Path dir) {
		String text = """
			{ "channel_names": {"0": "CT", "1": "PET"},
			  "labels": {"background": 0, "lesion": 1, "region": [1, 2]},
			  "numTraining": 501, "file_ending": ".nii.gz", "licence": "CC-BY" }
			""";
		DatasetJson d = DatasetJson.fromJson(text);
		assertEquals(List.of("CT", "PET"), d.channelNameList());
		assertEquals(3, d.numberOfLabels());
		assertEquals(501, d.numTraining());
		assertEquals(".nii.gz", d.fileEnding());
		Path file = dir.resolve("dataset.json");
		d.write(file);
		DatasetJson back = DatasetJson.read(file);
		assertEquals(d.channelNames(), back.channelNames());
		assertEquals(501, back.numTraining());
		assertTrue(back.toJson().contains("\"licence\": \"CC-BY\""));
		// nnU-Net v1 name for the channels
		assertEquals(List.of("MRI"), DatasetJson.fromJson(
			"{\"modality\": {\"0\": \"MRI\"}, \"labels\": {\"background\": 0, \"a\": 1}, \"numTraining\": 3}")
			.channelNameList());
	}

	@Test
	void brokenJsonGivesAClearMessage() {
		SegKitException e = assertThrows(SegKitException.class, () -> Fingerprint.fromJson("{\"spacings\": [[1,1,1]]}"));
		assertTrue(e.getMessage().contains("shapes_after_crop"), e.getMessage());
		e = assertThrows(SegKitException.class, () -> DatasetJson.fromJson("not json {"));
		assertTrue(e.getMessage().contains("dataset.json"), e.getMessage());
	}

	// ---- TIFF folders

	static void saveStack(Path file, int w, int h, int d, double pixel, double depth, int[] values) {
		ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			short[] plane = new short[w * h];
			for (int i = 0; i < w * h; i++) plane[i] = (short) values[z * w * h + i];
			stack.addSlice(new ShortProcessor(w, h, plane, null));
		}
		ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
		imp.getCalibration().pixelWidth = pixel;
		imp.getCalibration().pixelHeight = pixel;
		imp.getCalibration().pixelDepth = depth;
		imp.getCalibration().setUnit("um");
		IJ.saveAsTiff(imp, file.toString());
	}

	@Test
	void loadsImageLabelPairsFromAFolder(@TempDir Path dir) throws Exception {
		Files.createDirectories(dir.resolve("imagesTr"));
		Files.createDirectories(dir.resolve("labelsTr"));
		int w = 6, h = 5, d = 4;
		int[] image = new int[w * h * d];
		int[] label = new int[w * h * d];
		for (int i = 0; i < image.length; i++) {
			image[i] = 10 + i % 7;
			label[i] = i % 3 == 0 ? 1 : 0;
		}
		for (String name : List.of("b", "a")) {
			saveStack(dir.resolve("imagesTr").resolve(name + "_0000.tif"), w, h, d, 0.2, 1.5, image);
			saveStack(dir.resolve("labelsTr").resolve(name + ".tif"), w, h, d, 0.2, 1.5, label);
		}
		TrainingFolder folder = TrainingFolder.open(dir);
		assertEquals(List.of("a", "b"), folder.caseNames());
		Fingerprint f = new FingerprintExtractor(10_000, 1234).extract(folder, Progress.NONE);
		assertEquals(2, f.numberOfCases());
		assertArrayEquals(new double[] { 1.5, 0.2, 0.2 }, f.spacings().get(0), 1e-6);
		assertArrayEquals(new int[] { 4, 5, 6 }, f.shapesAfterCrop().get(0));
		DatasetJson ds = FolderPlanning.datasetJson(folder, f);
		assertEquals(Map.of("background", 0, "class_1", 1), ds.labels());
		assertEquals(2, ds.numTraining());
		assertEquals(".tif", ds.fileEnding());
	}

	@Test
	void aLabelWithoutImageIsNamed(@TempDir Path dir) throws Exception {
		Files.createDirectories(dir.resolve("images"));
		Files.createDirectories(dir.resolve("labels"));
		saveStack(dir.resolve("labels").resolve("lonely.tif"), 2, 2, 1, 1, 1, new int[4]);
		SegKitException e = assertThrows(SegKitException.class, () -> TrainingFolder.open(dir));
		assertTrue(e.getMessage().contains("lonely"), e.getMessage());
		SegKitException missing = assertThrows(SegKitException.class, () -> TrainingFolder.open(dir.resolve("none")));
		assertTrue(missing.getMessage().contains("imagesTr"), missing.getMessage());
	}
}
