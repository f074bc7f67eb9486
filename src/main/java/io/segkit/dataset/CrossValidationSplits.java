package io.segkit.dataset;

import io.segkit.SegKitException;
import io.segkit.files.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;


/**
 * The cross-validation folds of a dataset (nnunet-rules.md section 3): k folds (default 5) made by
 * shuffling the SORTED case names with a fixed seed and cutting the shuffled list into k contiguous
 * validation parts, the first (n mod k) parts one case longer (scikit-learn's KFold, which nnU-Net
 * uses). So the same names always give the same folds, whatever order they come in; the folds'
 * validation parts are disjoint and cover every case. SegKit shuffles with Java's
 * {@link SplittableRandom}, not numpy's generator, so the folds follow nnU-Net's rule but are not
 * nnU-Net's exact folds; a {@code splits_final.json} written by nnU-Net (or by hand) can be read and
 * then wins.
 * <p>
 * JSON layout (nnU-Net's {@code splits_final.json}): a list with one {"train": [...], "val": [...]}
 * object per fold.
 */
public final class CrossValidationSplits {

	public static final int DEFAULT_FOLDS = 5;

	/** nnU-Net's seed for the split. */
	public static final long DEFAULT_SEED = 12345;

	/** nnU-Net's file name for the splits. */
	public static final String FILE_NAME = "splits_final.json";

	/** One fold: the cases to train on and the cases to validate on, each sorted by name. */
	public record Fold(List<String> train, List<String> val) {

		public Fold {
			train = List.copyOf(train);
			val = List.copyOf(val);
		}
	}

	private final List<Fold> folds;

	private CrossValidationSplits(List<Fold> folds) {
		this.folds = List.copyOf(folds);
	}

	/** Five folds with nnU-Net's seed. */
	public static CrossValidationSplits create(Collection<String> caseNames) {
		return create(caseNames, DEFAULT_FOLDS, DEFAULT_SEED);
	}

	/** {@code k} folds over the case names, shuffled with {@code seed} after sorting the names. */
	public static CrossValidationSplits create(Collection<String> caseNames, int k, long seed) {
		List<String> names = new ArrayList<>(new TreeSet<>(caseNames));
		if (names.size() != caseNames.size()) throw new SegKitException(
			"Some case names appear twice; every case needs its own name.");
		if (k < 2) throw new SegKitException("Cross-validation needs at least 2 folds, not " + k + ".");
		if (names.size() < k) throw new SegKitException("Cross-validation with " + k + " folds needs at least " + k +
			" cases, but the dataset has " + names.size() + ". Add training cases or choose fewer folds.");
		shuffle(names, new SplittableRandom(seed));
		List<Fold> folds = new ArrayList<>();
		int start = 0;
		for (int f = 0; f < k; f++) {
			int size = names.size() / k + (f < names.size() % k ? 1 : 0);
			List<String> val = names.subList(start, start + size);
			List<String> train = new ArrayList<>(names.subList(0, start));
			train.addAll(names.subList(start + size, names.size()));
			folds.add(new Fold(sorted(train), sorted(val)));
			start += size;
		}
		return new CrossValidationSplits(folds);
	}

	/** Fisher-Yates, from the last position down. */
	private static void shuffle(List<String> names, SplittableRandom random) {
		for (int i = names.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			names.set(i, names.set(j, names.get(i)));
		}
	}

	/**
	 * The user's split if {@code splitsFile} exists (checked against the dataset's case names), else the
	 * default 5 folds over the names.
	 */
	public static CrossValidationSplits resolve(Path splitsFile, Collection<String> caseNames) {
		if (splitsFile != null && Files.isRegularFile(splitsFile)) {
			CrossValidationSplits user = read(splitsFile);
			user.requireCasesOf(caseNames, splitsFile.toString());
			return user;
		}
		return create(caseNames);
	}

	public List<Fold> folds() {
		return folds;
	}

	public int size() {
		return folds.size();
	}

	public Fold fold(int index) {
		if (index < 0 || index >= folds.size()) throw new SegKitException("There is no fold " + index +
			": the split has folds 0 to " + (folds.size() - 1) + ".");
		return folds.get(index);
	}

	/** Fails if a fold names a case the dataset does not have. */
	public void requireCasesOf(Collection<String> caseNames, String source) {
		Set<String> known = new HashSet<>(caseNames);
		for (int f = 0; f < folds.size(); f++) {
			for (String name : union(folds.get(f))) {
				if (!known.contains(name)) throw new SegKitException("The split '" + source + "' names the case '" +
					name + "' (fold " + f + ") that the dataset does not have. Fix or delete the split file.");
			}
		}
	}

	// ---- JSON (splits_final.json)

	public String toJson() {
		JsonArray array = new JsonArray();
		for (Fold f : folds) {
			JsonObject o = new JsonObject();
			o.add("train", Json.strings(f.train()));
			o.add("val", Json.strings(f.val()));
			array.add(o);
		}
		return Json.format(array);
	}

	public static CrossValidationSplits fromJson(String text) {
		JsonElement root;
		try {
			root = JsonParser.parseString(text);
		} catch (JsonParseException e) {
			throw new SegKitException("The split file is not valid JSON (" + e.getMessage() + ").", e);
		}
		if (!root.isJsonArray() || root.getAsJsonArray().isEmpty()) throw new SegKitException(
			"The split file must be a list of folds like [{\"train\": [...], \"val\": [...]}, ...].");
		List<Fold> folds = new ArrayList<>();
		for (JsonElement e : root.getAsJsonArray()) folds.add(fold(e, folds.size()));
		return new CrossValidationSplits(folds);
	}

	private static Fold fold(JsonElement element, int index) {
		String where = "Fold " + index + " of the split file";
		if (!element.isJsonObject()) throw new SegKitException(where + " is not a {\"train\": [...], \"val\": [...]} object.");
		JsonObject o = element.getAsJsonObject();
		List<String> train = names(o, "train", where);
		List<String> val = names(o, "val", where);
		if (val.isEmpty()) throw new SegKitException(where + " has no validation case.");
		if (train.isEmpty()) throw new SegKitException(where + " has no training case.");
		Set<String> overlap = new TreeSet<>(train);
		overlap.retainAll(val);
		if (!overlap.isEmpty()) throw new SegKitException(where + " uses " + overlap +
			" for training and validation. A case belongs to one of them.");
		return new Fold(train, val);
	}

	private static List<String> names(JsonObject o, String key, String where) {
		JsonElement list = o.get(key);
		if (list == null || !list.isJsonArray()) throw new SegKitException(where + " has no \"" + key + "\" list.");
		List<String> out = new ArrayList<>();
		for (JsonElement e : list.getAsJsonArray()) {
			if (!e.isJsonPrimitive()) throw new SegKitException(where + ": \"" + key + "\" must list case names.");
			out.add(e.getAsString());
		}
		if (new HashSet<>(out).size() != out.size()) throw new SegKitException(where + " lists a case twice in \"" +
			key + "\".");
		return out;
	}

	public static CrossValidationSplits read(Path file) {
		return fromJson(Json.read(file, "split file"));
	}

	public void write(Path file) {
		Json.write(file, toJson(), "split file");
	}

	private static List<String> sorted(List<String> names) {
		return new ArrayList<>(new TreeSet<>(names));
	}

	private static Set<String> union(Fold f) {
		Set<String> all = new TreeSet<>(f.train());
		all.addAll(f.val());
		return all;
	}
}
