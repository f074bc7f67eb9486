package io.segkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.SegKitException;

class CrossValidationSplitsTest {

	@TempDir
	Path folder;

	static List<String> names(int n) {
		List<String> out = new ArrayList<>();
		for (int i = 0; i < n; i++) out.add(String.format("case_%03d", i));
		return out;
	}

	@Test
	void sameNamesGiveTheSameFoldsWhateverTheirOrder() {
		List<String> names = names(23);
		CrossValidationSplits sorted = CrossValidationSplits.create(names);
		List<String> shuffled = new ArrayList<>(names);
		Collections.shuffle(shuffled, new Random(7));
		assertEquals(sorted.folds(), CrossValidationSplits.create(shuffled).folds());
		assertEquals(sorted.toJson(), CrossValidationSplits.create(names).toJson());
		assertNotEquals(sorted.folds(), CrossValidationSplits.create(names, 5, 1).folds(), "the seed matters");
	}

	@Test
	void validationPartsAreDisjointCoverEveryCaseAndDifferBySizeAtMostOne() {
		List<String> names = names(23);
		CrossValidationSplits splits = CrossValidationSplits.create(names);
		assertEquals(5, splits.size());
		Set<String> seen = new HashSet<>();
		for (CrossValidationSplits.Fold f : splits.folds()) {
			assertTrue(f.val().size() == 4 || f.val().size() == 5, f.val().toString());
			for (String v : f.val()) assertTrue(seen.add(v), v + " validated twice");
			Set<String> all = new TreeSet<>(f.train());
			assertEquals(f.train().size(), all.size());
			all.addAll(f.val());
			assertEquals(new TreeSet<>(names), all, "train + val = every case");
			assertEquals(names.size(), f.train().size() + f.val().size(), "train and val are disjoint");
		}
		assertEquals(new HashSet<>(names), seen);
		assertEquals(List.of(5, 5, 5, 4, 4), splits.folds().stream().map(f -> f.val().size()).toList());
		assertNotEquals(names.subList(0, 5), splits.fold(0).val(), "shuffled, not cut in name order");
	}

	@Test
	void tooFewCasesOrFoldsAreClearErrors() {
		SegKitException e = assertThrows(SegKitException.class, () -> CrossValidationSplits.create(names(4)));
		assertTrue(e.getMessage().contains("at least 5 cases") && e.getMessage().contains("has 4"), e.getMessage());
		assertThrows(SegKitException.class, () -> CrossValidationSplits.create(names(4), 1, 1));
		assertThrows(SegKitException.class, () -> CrossValidationSplits.create(List.of("a", "a", "b", "c", "d", "e")));
		assertEquals(2, CrossValidationSplits.create(names(2), 2, 3).size());
	}

	@Test
	void jsonRoundTripUsesNnUNetsLayout() {
		CrossValidationSplits splits = CrossValidationSplits.create(names(7), 3, 42);
		String json = splits.toJson();
		assertTrue(json.trim().startsWith("[") && json.contains("\"train\"") && json.contains("\"val\""), json);
		assertEquals(splits.folds(), CrossValidationSplits.fromJson(json).folds());
		Path file = folder.resolve(CrossValidationSplits.FILE_NAME);
		splits.write(file);
		assertEquals(splits.folds(), CrossValidationSplits.read(file).folds());
	}

	@Test
	void aUserSplitWins() throws Exception {
		Path file = folder.resolve(CrossValidationSplits.FILE_NAME);
		Files.writeString(file, "[{\"train\": [\"case_001\", \"case_002\"], \"val\": [\"case_000\"]}," +
			" {\"train\": [\"case_000\"], \"val\": [\"case_002\"]}]");
		CrossValidationSplits splits = CrossValidationSplits.resolve(file, names(6));
		assertEquals(2, splits.size());
		assertEquals(List.of("case_000"), splits.fold(0).val());
		assertEquals(CrossValidationSplits.create(names(6)).folds(), CrossValidationSplits.resolve(folder.resolve(
			"missing.json"), names(6)).folds(), "no file: the default split");
	}

	@Test
	void badUserSplitsAreExplained() throws Exception {
		assertMessage("[{\"train\": [\"a\"], \"val\": [\"a\"]}]", "for training and validation");
		assertMessage("[{\"train\": [\"a\"]}]", "no \"val\" list");
		assertMessage("{\"train\": []}", "list of folds");
		assertMessage("[{\"train\": [\"a\"], \"val\": []}]", "no validation case");
		assertMessage("not json [", "not valid JSON");
		Path file = folder.resolve("s.json");
		Files.writeString(file, "[{\"train\": [\"case_001\"], \"val\": [\"ghost\"]}]");
		SegKitException e = assertThrows(SegKitException.class, () -> CrossValidationSplits.resolve(file, names(6)));
		assertTrue(e.getMessage().contains("'ghost'"), e.getMessage());
		assertThrows(SegKitException.class, () -> CrossValidationSplits.create(names(6)).fold(5));
	}

	private static void assertMessage(String json, String expected) {
		SegKitException e = assertThrows(SegKitException.class, () -> CrossValidationSplits.fromJson(json));
		assertTrue(e.getMessage().contains(expected), e.getMessage());
	}
}
