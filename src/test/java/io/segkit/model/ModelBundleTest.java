package io.segkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.segkit.SegKitException;
import io.segkit.engine.Engines;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.nn.Networks;
import io.segkit.nn.SegmentationNetwork;

class ModelBundleTest {

	@TempDir
	Path dir;

	static NetworkConfig smallNetwork(Architecture a, int channels) {
		return new NetworkConfig(a, 2, channels, 3, new int[] {4, 8, 8}, new int[][] {{3, 3}, {3, 3}, {3, 3}},
			new int[][] {{1, 1}, {2, 2}, {2, 2}}, true);
	}

	static ModelSpec spec(NetworkConfig net) {
		List<String> channels = net.inChannels() == 1 ? List.of("DAPI") : List.of("DAPI", "GFP");
		List<ChannelNormalization> norms = net.inChannels() == 1 ? List.of(ChannelNormalization.zScore())
			: List.of(ChannelNormalization.zScore(), ChannelNormalization.ct(10, 2, 0, 100));
		return new ModelSpec("nuclei", net, channels, List.of("background", "nucleus", "border"), new int[] {16, 16},
			new double[] {0.5, 0.25}, "micron", norms, new TrainingSummary(List.of("a", "b"), List.of("b"), 3,
				Double.NaN, "SGD", "cpu()", "2026-11-21T10:00:00Z"), ModelBundle.segkitVersion());
	}

	@Test
	void roundTripGivesIdenticalSpecAndPredictions() {
		for (Architecture a : Architecture.values()) { // every family stored by name and rebuilt from the file
			if (a == Architecture.UNET_2015) continue; // unpadded: its output is smaller than this spec's patch
			ModelSpec spec = spec(smallNetwork(a, 2));
			Path file = dir.resolve(a + ".zip");
			try (NDManager manager = manager()) {
				SegmentationNetwork net = Networks.createInitialized(spec.network(), manager, 42);
				float[] input = randomInput();
				float[] before = predict(net, manager, input);
				ModelBundle.write(file, spec, List.of(net, net), Map.of("history.csv", "1,2".getBytes()));
				LoadedModel loaded = ModelBundle.read(file, manager);
				assertEquals(spec, loaded.spec());
				assertEquals(2, loaded.members().size());
				assertArrayEquals(before, predict(loaded.members().get(1), manager, input), 0f);
				assertEquals("1,2", new String(ModelBundle.readExtras(file).get("history.csv")));
				assertEquals(spec, ModelBundle.readSpec(file));
			}
		}
	}

	/**
	 * An instance model with a distance head: the network gets the extra output when the decoding is set, the file
	 * keeps the head, the chosen distance seeds, foreground threshold and mirroring; an instance model written before the head
	 * existed (no distance or foreground-threshold fields in its JSON) reads as a model without one, with the
	 * default foreground threshold.
	 */
	@Test
	void anInstanceModelsDistanceHeadRoundTripsAndOlderInstanceModelsHaveNone() throws IOException {
		ModelSpec spec = spec(smallNetwork(Architecture.PLAIN_UNET, 1)).withInstances(new InstanceDecoding(0.5, 0.7,
			0.2, 3, true, 2.5, 0.4, true));
		assertEquals(4, spec.network().classes(), "three classes and the distance map");
		assertTrue(spec.hasDistanceHead());
		Path file = dir.resolve("instances.zip");
		try (NDManager manager = manager()) {
			SegmentationNetwork net = Networks.createInitialized(spec.network(), manager, 42);
			ModelBundle.write(file, spec, List.of(net), Map.of());
			assertEquals(spec, ModelBundle.read(file, manager).spec());
		}
		ModelSpec older = spec(smallNetwork(Architecture.PLAIN_UNET, 1)).withInstances(new InstanceDecoding(0.5, 0.7,
			0.2, 3));
		com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(
			older)).getAsJsonObject();
		json.getAsJsonObject("instances").remove("distanceSeeds");
		json.getAsJsonObject("instances").remove("distanceScale");
		json.getAsJsonObject("instances").remove("foregroundThreshold");
		json.getAsJsonObject("instances").remove("mirroring");
		ModelSpec read = new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create().fromJson(json,
			ModelSpec.class);
		assertEquals(older, read);
		assertEquals(3, read.network().classes());
		assertTrue(!read.hasDistanceHead() && !read.instances().distanceSeeds());
		assertEquals(InstanceDecoding.DEFAULT_FOREGROUND_THRESHOLD, read.instances().foregroundThreshold());
		assertTrue(!read.instances().mirroring(), "older models predict without mirroring, as they did");
	}

	/** A second configuration of the same task: other widths, patch and voxel size (as 2d vs 3d_fullres differ). */
	static ModelSpec otherConfiguration(int channels) {
		NetworkConfig net = new NetworkConfig(Architecture.PLAIN_UNET, 2, channels, 3, new int[] {8, 8},
			new int[][] {{3, 3}, {3, 3}}, new int[][] {{1, 1}, {2, 2}}, true);
		ModelSpec s = spec(smallNetwork(Architecture.PLAIN_UNET, channels));
		return new ModelSpec(s.name(), net, s.channelNames(), s.classNames(), new int[] {8, 8}, new double[] {1, 0.5},
			s.unit(), s.normalization(), s.training(), s.segkitVersion());
	}

	@Test
	void ensembleRoundTripKeepsEveryConfigurationAndMarksTheNewerFormat() throws IOException {
		ModelSpec first = spec(smallNetwork(Architecture.PLAIN_UNET, 1)), second = otherConfiguration(1);
		Path single = dir.resolve("single.zip"), ensemble = dir.resolve("ensemble.zip");
		try (NDManager manager = manager()) {
			SegmentationNetwork a = Networks.createInitialized(first.network(), manager, 1);
			SegmentationNetwork b = Networks.createInitialized(second.network(), manager, 2);
			float[] input = randomInput();
			ModelBundle.write(single, first, List.of(a));
			ModelBundle.write(ensemble, List.of(new LoadedModel(first, List.of(a, a)), new LoadedModel(second, List.of(
				b))), Map.of("note.txt", "x".getBytes()));
			List<LoadedModel> loaded = ModelBundle.readContents(ensemble, manager).configurations();
			assertEquals(List.of(first, second), loaded.stream().map(LoadedModel::spec).toList());
			assertEquals(List.of(2, 1), loaded.stream().map(m -> m.members().size()).toList());
			assertArrayEquals(predict(b, manager, input), predict(loaded.get(1).members().get(0), manager, input), 0f);
			assertEquals(first, ModelBundle.read(ensemble, manager).spec()); // training tools see the first
			assertEquals(1, ModelBundle.readContents(single, manager).configurations().size());
		}
		assertEquals(List.of(first, second), ModelBundle.readSpecs(ensemble));
		assertEquals(Map.of("note.txt", "x"), Map.of("note.txt", new String(ModelBundle.readExtras(ensemble).get(
			"note.txt"))));
		assertTrue(manifest(single).contains("\"formatVersion\": 1"), manifest(single));
		assertTrue(manifest(ensemble).contains("\"formatVersion\": 2"), manifest(ensemble));
	}

	@Test
	void ensembleConfigurationsMustShareClassesAndChannels() throws IOException {
		ModelSpec first = spec(smallNetwork(Architecture.PLAIN_UNET, 1)), twoChannels = otherConfiguration(2);
		Path file = dir.resolve("ensemble.zip");
		try (NDManager manager = manager()) {
			LoadedModel a = new LoadedModel(first, List.of(Networks.createInitialized(first.network(), manager, 1)));
			LoadedModel b = new LoadedModel(twoChannels, List.of(Networks.createInitialized(twoChannels.network(),
				manager, 2)));
			assertThrows(IllegalArgumentException.class, () -> ModelBundle.write(file, List.of(a, b), Map.of()));
			assertFalse(Files.exists(file));
			LoadedModel c = new LoadedModel(otherConfiguration(1), List.of(Networks.createInitialized(
				otherConfiguration(1).network(), manager, 2)));
			ModelBundle.write(file, List.of(a, c), Map.of());
		}
		// a bundle edited so that the second configuration names other classes is damaged, not half-used
		Map<String, byte[]> entries = readZip(file);
		String manifest = new String(entries.get(ModelBundle.MANIFEST), StandardCharsets.UTF_8);
		int second = manifest.indexOf("\"ensemble\"");
		entries.put(ModelBundle.MANIFEST, (manifest.substring(0, second) + manifest.substring(second).replace(
			"\"border\"", "\"edge\"")).getBytes(StandardCharsets.UTF_8));
		Path edited = dir.resolve("edited.zip");
		writeZipBytes(edited, entries);
		assertMessage(edited, "disagree on classes");
	}

	private static String manifest(Path file) throws IOException {
		return new String(readZip(file).get(ModelBundle.MANIFEST), StandardCharsets.UTF_8);
	}

	private static float[] randomInput() {
		Random r = new Random(3);
		float[] v = new float[2 * 16 * 24];
		for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
		return v;
	}

	@Test
	void missingFileNonZipForeignZipAndNewerVersionAreExplained() throws IOException {
		assertMessage(dir.resolve("nope.zip"), "does not exist");
		Path text = Files.writeString(dir.resolve("notes.zip"), "hello");
		assertMessage(text, "not a zip file");
		Path foreign = dir.resolve("foreign.zip");
		writeZip(foreign, Map.of("model.pt", "x"));
		assertMessage(foreign, "not a SegKit model");
		Path newer = dir.resolve("newer.zip");
		writeZip(newer, Map.of(ModelBundle.MANIFEST, "{\"format\":\"segkit-model\",\"formatVersion\":99}"));
		assertMessage(newer, "newer SegKit");
		Path broken = dir.resolve("broken.zip");
		writeZip(broken, Map.of(ModelBundle.MANIFEST, "{\"format\":\"segkit-model\",\"formatVersion\":1,\"spec\":{"));
		assertMessage(broken, "damaged");
	}

	@Test
	void truncatedOrForeignWeightsAreDamaged() throws IOException {
		ModelSpec spec = spec(smallNetwork(Architecture.PLAIN_UNET, 1));
		Path good = dir.resolve("good.zip");
		try (NDManager manager = manager()) {
			ModelBundle.write(good, spec, List.of(Networks.createInitialized(spec.network(), manager, 1)));
		}
		Map<String, byte[]> entries = readZip(good);
		byte[] weights = entries.get("weights/member-0.params");
		Path truncated = dir.resolve("truncated.zip");
		entries.put("weights/member-0.params", java.util.Arrays.copyOf(weights, weights.length / 2));
		writeZipBytes(truncated, entries);
		assertLoadFails(truncated, "damaged");
		// weights of a bigger network under this description
		ModelSpec other = spec(new NetworkConfig(Architecture.PLAIN_UNET, 2, 1, 3, new int[] {8, 16, 16},
			new int[][] {{3, 3}, {3, 3}, {3, 3}}, new int[][] {{1, 1}, {2, 2}, {2, 2}}, true));
		Path otherFile = dir.resolve("other.zip");
		try (NDManager manager = manager()) {
			ModelBundle.write(otherFile, other, List.of(Networks.createInitialized(other.network(), manager, 1)));
		}
		entries.put("weights/member-0.params", readZip(otherFile).get("weights/member-0.params"));
		Path mismatched = dir.resolve("mismatched.zip");
		writeZipBytes(mismatched, entries);
		assertLoadFails(mismatched, "damaged");
	}

	@Test
	void writingToAMissingFolderFailsAndLeavesNothing() {
		ModelSpec spec = spec(smallNetwork(Architecture.PLAIN_UNET, 1));
		try (NDManager manager = manager()) {
			SegmentationNetwork net = Networks.createInitialized(spec.network(), manager, 1);
			SegKitException e = assertThrows(SegKitException.class,
				() -> ModelBundle.write(dir.resolve("missing/model.zip"), spec, List.of(net)));
			assertTrue(e.getMessage().contains("folder does not exist"), e.getMessage());
		}
		assertFalse(Files.exists(dir.resolve("missing")));
	}

	@Test
	void specRejectsInconsistentDescriptions() {
		NetworkConfig net = smallNetwork(Architecture.PLAIN_UNET, 1);
		SegKitException e = assertThrows(SegKitException.class, () -> new ModelSpec("m", net, List.of("a", "b"),
			List.of("bg", "a", "b"), new int[] {16, 16}, new double[] {1, 1}, "um",
			List.of(ChannelNormalization.zScore()), null, ""));
		assertTrue(e.getMessage().contains("input channel"), e.getMessage());
		e = assertThrows(SegKitException.class, () -> new ModelSpec("m", net, List.of("a"), List.of("bg", "a", "b"),
			new int[] {18, 16}, new double[] {1, 1}, "um", List.of(ChannelNormalization.zScore()), null, ""));
		assertTrue(e.getMessage().contains("multiple"), e.getMessage());
	}

	@Test
	void normalizationSchemes() {
		float[] v = {1, 2, 3, Float.NaN};
		float[] z = ChannelNormalization.zScore().apply(v);
		assertArrayEquals(new float[] {-1.2247449f, 0, 1.2247449f, 0}, z, 1e-6f);
		float[] ct = ChannelNormalization.ct(2, 0.5, 1.5, 2.5).apply(v);
		assertArrayEquals(new float[] {-1, 0, 1, 0}, ct, 1e-6f);
		assertArrayEquals(new float[] {1, 2, 3, 0}, ChannelNormalization.none().apply(v), 0f);
		assertEquals(3f, v[2]); // input untouched
	}

	private static float[] predict(SegmentationNetwork net, NDManager manager, float[] input) {
		try (NDManager m = manager.newSubManager()) {
			NDArray x = m.create(input, new Shape(1, 2, 16, 24));
			if (net.config().inChannels() == 1) x = x.get(":, 0:1");
			NDList out = net.forward(new ParameterStore(m, false), new NDList(x), false);
			return out.head().toFloatArray();
		}
	}

	private static NDManager manager() {
		return Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()));
	}

	private static void assertMessage(Path file, String expected) {
		SegKitException e = assertThrows(SegKitException.class, () -> ModelBundle.readSpec(file));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}

	private static void assertLoadFails(Path file, String expected) {
		try (NDManager manager = manager()) {
			SegKitException e = assertThrows(SegKitException.class, () -> ModelBundle.read(file, manager));
			assertTrue(e.getMessage().contains(expected), e.getMessage());
		}
	}

	private static void writeZip(Path file, Map<String, String> entries) throws IOException {
		Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
		entries.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
		writeZipBytes(file, bytes);
	}

	private static void writeZipBytes(Path file, Map<String, byte[]> entries) throws IOException {
		try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
			for (Map.Entry<String, byte[]> e : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(e.getKey()));
				zip.write(e.getValue());
				zip.closeEntry();
			}
		}
	}

	private static Map<String, byte[]> readZip(Path file) throws IOException {
		Map<String, byte[]> m = new java.util.LinkedHashMap<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			for (ZipEntry e : java.util.Collections.list(zip.entries())) {
				m.put(e.getName(), zip.getInputStream(e).readAllBytes());
			}
		}
		return m;
	}
}
