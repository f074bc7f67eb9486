package io.segkit.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;

import io.segkit.SegKitException;
import io.segkit.engine.Engines;
import io.segkit.files.AtomicFiles;
import io.segkit.nn.Networks;
import io.segkit.nn.SegmentationNetwork;

/**
 * The model bundle: one {@code .zip} file holding {@value #MANIFEST} (format marker, version, the {@link ModelSpec}
 * and the list of weight entries), one DJL parameter file per member network, and optional extra entries (a
 * training checkpoint stores its optimizer state and history there).
 * <p>
 * A bundle may hold an ensemble of configurations (Auto-Train's 2D + 3D): the first is described by {@code spec} and
 * {@code weights} as in a single model, the others by the list {@code ensemble} of {spec, weights}; their
 * probabilities are averaged at prediction. Such bundles are format version {@value #FORMAT_VERSION}, so
 * a SegKit that reads only version 1 asks to be updated rather than silently using the first configuration alone.
 * <p>
 * Writing goes to a temporary file in the same folder that is then moved over the target, so a crash or a full
 * disk never leaves a half-written model. Reading checks everything and turns every failure into a
 * {@link SegKitException} that says whether the file is not a model, from a newer SegKit, or damaged.
 */
public final class ModelBundle {

	public static final String MANIFEST = "segkit-model.json";
	public static final String FORMAT = "segkit-model";
	/** The newest format, which ensembles need; a single model is written as {@value #SINGLE_FORMAT_VERSION}. */
	public static final int FORMAT_VERSION = 2;
	private static final int SINGLE_FORMAT_VERSION = 1;
	public static final String EXTENSION = ".zip";
	private static final String WEIGHTS = "weights/";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
		.create();

	/** The names of the extra entries SegKit writes beside the manifest and the weights. */
	public static final class Entries {

		/** The postprocessing chosen on cross-validation (Auto-Train), read by Segment with Model. */
		public static final String POSTPROCESSING = "postprocessing.json";
		/** The nnU-Net plans an Auto-Train model was trained with. */
		public static final String PLAN = "plan.json";
		/** Per-case and per-class cross-validation scores. */
		public static final String VALIDATION = "validation.csv";
		/** The cross-validation folds, in nnU-Net's splits_final.json layout. */
		public static final String SPLITS = "splits_final.json";
		/** Auto-Train's summary text. */
		public static final String AUTO_TRAIN_SUMMARY = "auto-train.txt";
		/** A training checkpoint's settings, split, epoch and smoothed-Dice bookkeeping. */
		public static final String TRAINING_STATE = "training/state.json";
		/** A training checkpoint's history, one line per epoch. */
		public static final String TRAINING_HISTORY = "training/history.csv";
		/** A training checkpoint's optimiser arrays (a DJL NDList). */
		public static final String OPTIMIZER_STATE = "training/optimizer.ndlist";

		private Entries() {}
	}

	/** Everything a bundle holds, read in one pass: its configurations' networks and its extra entries. */
	public record Contents(List<LoadedModel> configurations, Map<String, byte[]> extras) {}

	private ModelBundle() {}

	/** Writes a bundle with the given member networks (at least one) and no extra entries. */
	public static void write(Path file, ModelSpec spec, List<SegmentationNetwork> members) {
		write(file, spec, members, Map.of());
	}

	/**
	 * Writes a bundle atomically. Each member must have been built from {@code spec.network()}; extra entries are
	 * stored under their names (which must not start with "weights/" or be the manifest).
	 */
	public static void write(Path file, ModelSpec spec, List<SegmentationNetwork> members, Map<String, byte[]> extras) {
		write(file, List.of(new LoadedModel(spec, members)), extras);
	}

	/**
	 * Writes a bundle of one or more configurations (an ensemble; the first is the one {@link #read} and
	 * {@link #readSpec} give). All must predict the same classes from the same channels.
	 */
	public static void write(Path file, List<LoadedModel> configurations, Map<String, byte[]> extras) {
		requireWritableModels(configurations);
		for (String name : extras.keySet()) {
			if (name.equals(MANIFEST) || name.startsWith(WEIGHTS)) throw new IllegalArgumentException("reserved entry "
				+ "name " + name);
		}
		AtomicFiles.write(file, "model", temp -> {
			try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
				List<List<String>> weightEntries = weightEntries(configurations);
				putEntry(zip, MANIFEST, manifest(configurations, weightEntries).getBytes(StandardCharsets.UTF_8));
				for (int k = 0; k < configurations.size(); k++) {
					List<SegmentationNetwork> members = configurations.get(k).members();
					for (int m = 0; m < members.size(); m++) putWeights(zip, weightEntries.get(k).get(m), members.get(m));
				}
				for (Map.Entry<String, byte[]> e : extras.entrySet()) putEntry(zip, e.getKey(), e.getValue());
			}
		});
	}

	private static void requireWritableModels(List<LoadedModel> configurations) {
		if (configurations.isEmpty()) throw new IllegalArgumentException("a bundle needs at least one configuration");
		ModelSpec first = configurations.get(0).spec();
		for (LoadedModel c : configurations) {
			if (c.members().isEmpty()) throw new IllegalArgumentException("a bundle needs at least one network");
			for (SegmentationNetwork net : c.members()) {
				if (!net.config().equals(c.spec().network())) {
					throw new IllegalArgumentException("member network " + net.config() + " differs from the spec");
				}
			}
			if (!sameClassesAndChannels(c.spec(), first)) {
				throw new IllegalArgumentException("the configurations of an ensemble must share classes and channels");
			}
		}
	}

	/** Whether two configurations can be averaged: they read the same channels and predict the same classes. */
	private static boolean sameClassesAndChannels(ModelSpec a, ModelSpec b) {
		return a.classNames().equals(b.classNames()) && a.channelNames().equals(b.channelNames());
	}

	/** "weights/member-m.params" for the first configuration, "weights/configuration-k/member-m.params" after. */
	private static List<List<String>> weightEntries(List<LoadedModel> configurations) {
		List<List<String>> out = new ArrayList<>();
		for (int k = 0; k < configurations.size(); k++) {
			String prefix = k == 0 ? WEIGHTS : WEIGHTS + "configuration-" + k + "/";
			List<String> entries = new ArrayList<>();
			for (int m = 0; m < configurations.get(k).members().size(); m++) entries.add(prefix + "member-" + m
				+ ".params");
			out.add(entries);
		}
		return out;
	}

	private static void putWeights(ZipOutputStream zip, String entry, SegmentationNetwork net) throws IOException {
		zip.putNextEntry(new ZipEntry(entry));
		DataOutputStream out = new DataOutputStream(new NonClosing(zip));
		Engines.run(() -> saveParameters(net, out));
		out.flush();
		zip.closeEntry();
	}

	/**
	 * Reads only the description (no engine needed), of the first configuration of an ensemble: for showing what a
	 * model is before loading it.
	 */
	public static ModelSpec readSpec(Path file) {
		return readSpecs(file).get(0);
	}

	/** The descriptions of all configurations (one for a single model). */
	public static List<ModelSpec> readSpecs(Path file) {
		try (ZipFile zip = open(file)) {
			List<ModelSpec> specs = new ArrayList<>();
			for (Configuration c : parseManifest(zip, file)) specs.add(c.spec);
			return specs;
		}
		catch (IOException e) {
			throw unreadable(file, e);
		}
	}

	/**
	 * Reads the description and member networks of the first configuration, their parameters allocated in
	 * {@code manager} (what training and checkpoints use; for prediction use {@link #readContents}).
	 */
	public static LoadedModel read(Path file, NDManager manager) {
		return read(file, manager, 1).get(0);
	}

	/**
	 * Copies a bundle without some of its extra entries (for example a checkpoint's optimiser state, which a finished
	 * model does not need), through {@link AtomicFiles}.
	 */
	public static void copyWithout(Path from, Path to, java.util.Set<String> leftOut) {
		try (ZipFile zip = open(from)) {
			parseManifest(zip, from);
			AtomicFiles.write(to, "model", temp -> {
				try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
					for (ZipEntry e : java.util.Collections.list(zip.entries())) {
						if (leftOut.contains(e.getName())) continue;
						try (InputStream in = zip.getInputStream(e)) {
							putEntry(out, e.getName(), in.readAllBytes());
						}
					}
				}
			});
		}
		catch (IOException e) {
			throw unreadable(from, e);
		}
	}

	/**
	 * Reads every configuration (one for a single model; predictions average them) and every extra entry, opening the
	 * file and reading its manifest once.
	 */
	public static Contents readContents(Path file, NDManager manager) {
		try (ZipFile zip = open(file)) {
			return new Contents(read(zip, file, manager, Integer.MAX_VALUE), extras(zip));
		}
		catch (IOException e) {
			throw unreadable(file, e);
		}
	}

	private static List<LoadedModel> read(Path file, NDManager manager, int limit) {
		try (ZipFile zip = open(file)) {
			return read(zip, file, manager, limit);
		}
		catch (IOException e) {
			throw unreadable(file, e);
		}
	}

	private static List<LoadedModel> read(ZipFile zip, Path file, NDManager manager, int limit) throws IOException {
		List<LoadedModel> out = new ArrayList<>();
		for (Configuration c : parseManifest(zip, file)) {
			if (out.size() == limit) break;
			List<SegmentationNetwork> members = new ArrayList<>();
			for (String entry : c.weights) members.add(loadMember(zip, entry, c.spec, manager, file));
			out.add(new LoadedModel(c.spec, members));
		}
		return out;
	}

	/** The extra entries of a bundle (everything but the manifest and the weights), by name. */
	public static Map<String, byte[]> readExtras(Path file) {
		try (ZipFile zip = open(file)) {
			parseManifest(zip, file);
			return extras(zip);
		}
		catch (IOException e) {
			throw unreadable(file, e);
		}
	}

	/** The extra entries of an opened bundle whose manifest has been checked. */
	private static Map<String, byte[]> extras(ZipFile zip) throws IOException {
		Map<String, byte[]> extras = new LinkedHashMap<>();
		for (ZipEntry e : java.util.Collections.list(zip.entries())) {
			if (e.isDirectory() || e.getName().equals(MANIFEST) || e.getName().startsWith(WEIGHTS)) continue;
			try (InputStream in = zip.getInputStream(e)) {
				extras.put(e.getName(), in.readAllBytes());
			}
		}
		return extras;
	}

	/** The SegKit version, from the jar manifest ("development" when run from classes). */
	public static String segkitVersion() {
		String v = ModelBundle.class.getPackage().getImplementationVersion();
		return v == null ? "development" : v;
	}

	private static String manifest(List<LoadedModel> configurations, List<List<String>> weightEntries) {
		JsonObject root = new JsonObject();
		root.addProperty("format", FORMAT);
		root.addProperty("formatVersion", configurations.size() > 1 ? FORMAT_VERSION : SINGLE_FORMAT_VERSION);
		root.add("spec", GSON.toJsonTree(configurations.get(0).spec()));
		root.add("weights", GSON.toJsonTree(weightEntries.get(0)));
		if (configurations.size() > 1) {
			com.google.gson.JsonArray ensemble = new com.google.gson.JsonArray();
			for (int k = 1; k < configurations.size(); k++) {
				JsonObject c = new JsonObject();
				c.add("spec", GSON.toJsonTree(configurations.get(k).spec()));
				c.add("weights", GSON.toJsonTree(weightEntries.get(k)));
				ensemble.add(c);
			}
			root.add("ensemble", ensemble);
		}
		return GSON.toJson(root);
	}

	/** One configuration's description and weight entries, as the manifest lists them. */
	private record Configuration(ModelSpec spec, List<String> weights) {}

	private static ZipFile open(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new SegKitException("The model file " + file + " does not exist. Check the path.");
		}
		try {
			return new ZipFile(file.toFile());
		}
		catch (ZipException e) {
			throw new SegKitException(file.getFileName() + " is not a SegKit model: it is not a zip file (or it is "
				+ "damaged). Choose a model saved by 'Train Segmentation Model'.", e);
		}
		catch (NoSuchFileException e) {
			throw new SegKitException("The model file " + file + " does not exist. Check the path.", e);
		}
		catch (IOException e) {
			throw unreadable(file, e);
		}
	}

	private static List<Configuration> parseManifest(ZipFile zip, Path file) throws IOException {
		ZipEntry entry = zip.getEntry(MANIFEST);
		if (entry == null) {
			throw new SegKitException(file.getFileName() + " is a zip file but not a SegKit model (it has no "
				+ MANIFEST + "). Choose a model saved by 'Train Segmentation Model'.");
		}
		String text;
		try (InputStream in = zip.getInputStream(entry)) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (ZipException e) {
			throw damaged(file, "its description cannot be read", e);
		}
		try {
			JsonObject root = JsonParser.parseString(text).getAsJsonObject();
			if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
				throw new SegKitException(file.getFileName() + " is not a SegKit model (unknown format).");
			}
			int version = root.get("formatVersion").getAsInt();
			if (version > FORMAT_VERSION) {
				throw new SegKitException(file.getFileName() + " was saved by a newer SegKit (model format "
					+ version + "; this SegKit reads up to " + FORMAT_VERSION + "). Update SegKit.");
			}
			List<Configuration> configurations = new ArrayList<>();
			configurations.add(configuration(root, file));
			if (root.has("ensemble")) {
				for (var c : root.getAsJsonArray("ensemble")) configurations.add(configuration(c.getAsJsonObject(), file));
			}
			ModelSpec first = configurations.get(0).spec;
			for (Configuration c : configurations) {
				if (!sameClassesAndChannels(c.spec, first)) throw damaged(file, "its configurations disagree on classes "
					+ "or channels", null);
			}
			return configurations;
		}
		catch (SegKitException e) {
			throw e;
		}
		catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
			throw damaged(file, "its description is not valid (" + e.getMessage() + ")", e);
		}
		catch (RuntimeException e) { // gson wraps what the record constructors throw
			for (Throwable t = e; t != null; t = t.getCause()) {
				if (t instanceof SegKitException s) throw damaged(file, s.getMessage(), e);
			}
			throw damaged(file, "its description is not valid (" + e.getMessage() + ")", e);
		}
	}

	private static Configuration configuration(JsonObject o, Path file) {
		ModelSpec spec = GSON.fromJson(o.get("spec"), ModelSpec.class);
		List<String> weights = new ArrayList<>();
		o.getAsJsonArray("weights").forEach(w -> weights.add(w.getAsString()));
		if (spec == null || weights.isEmpty()) throw damaged(file, "its description is incomplete", null);
		return new Configuration(spec, weights);
	}

	private static SegmentationNetwork loadMember(ZipFile zip, String entryName, ModelSpec spec, NDManager manager,
			Path file) {
		ZipEntry entry = zip.getEntry(entryName);
		if (entry == null) throw damaged(file, "the weights " + entryName + " are missing", null);
		SegmentationNetwork net = Networks.createInitialized(spec.network(), manager, 0);
		List<ai.djl.ndarray.types.Shape> expected = parameterShapes(net);
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(zip.getInputStream(entry)))) {
			Engines.call(() -> {
				net.loadParameters(manager, in);
				return null;
			});
			if (in.read() != -1) throw damaged(file, "the weights " + entryName + " have trailing data", null);
			// DJL takes whatever shapes the file has: a file for another network must not load silently
			if (!expected.equals(parameterShapes(net))) {
				throw damaged(file, "the weights " + entryName + " belong to a different network", null);
			}
		}
		catch (SegKitException e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			Throwable cause = e.getCause() instanceof MalformedModelException ? e.getCause() : e;
			throw damaged(file, "the weights do not match the network description (" + cause.getMessage() + ")", e);
		}
		return net;
	}

	private static List<ai.djl.ndarray.types.Shape> parameterShapes(SegmentationNetwork net) {
		List<ai.djl.ndarray.types.Shape> shapes = new ArrayList<>();
		net.getParameters().values().forEach(p -> shapes.add(p.getArray().getShape()));
		return shapes;
	}

	private static void saveParameters(SegmentationNetwork net, DataOutputStream out) {
		try {
			net.saveParameters(out);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static void putEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content);
		zip.closeEntry();
	}

	private static SegKitException damaged(Path file, String what, Throwable cause) {
		return new SegKitException("The model file " + file.getFileName() + " is damaged: " + what + ". Copy it "
			+ "again or train the model again.", cause);
	}

	private static SegKitException unreadable(Path file, IOException e) {
		return new SegKitException("Could not read the model file " + file + ": " + e.getMessage(), e);
	}

	/** Lets DJL write into a zip entry without closing the zip stream. */
	private static final class NonClosing extends java.io.FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}
	}
}
