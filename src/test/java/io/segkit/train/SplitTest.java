package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;

/** Which cases train and which validate: by name, or by fraction with a seed. */
class SplitTest {

	private static final List<String> NAMES = List.of("c", "a", "d", "b", "e");

	@Test
	void namedValidationCasesWinOverTheFractionAndKeepTheTrainingOrder() {
		Split s = Split.of(NAMES, List.of("d", "a", "d"), 0.2, 1);
		assertEquals(List.of("d", "a"), s.validation()); // given order, duplicates once
		assertEquals(List.of("c", "b", "e"), s.training()); // the cases' own order
	}

	@Test
	void anUnknownValidationNameIsRefusedWithTheNames() {
		SegKitException e = assertThrows(SegKitException.class, () -> Split.of(NAMES, List.of("a", "x"), 0.2, 1));
		assertEquals("The validation case 'x' is not among the training cases [c, a, d, b, e]. Check its name.", e
			.getMessage());
	}

	@Test
	void duplicateCaseNamesAreRefused() {
		SegKitException e = assertThrows(SegKitException.class, () -> Split.of(List.of("a", "b", "a"), List.of(),
			0.2, 1));
		assertEquals("Two training cases have the same name; give every case its own name.", e.getMessage());
	}

	@Test
	void allCasesAsValidationIsRefused() {
		SegKitException e = assertThrows(SegKitException.class, () -> Split.of(List.of("a", "b"), List.of("b", "a"),
			0.2, 1));
		assertEquals("All cases are validation cases; at least one case must be left for training.", e.getMessage());
	}

	@Test
	void theFractionGivesRoundedCountsAndLeavesAtLeastOneForTraining() {
		assertEquals(1, Split.of(NAMES, List.of(), 0.2, 1).validation().size()); // round(1.0)
		assertEquals(2, Split.of(NAMES, List.of(), 0.3, 1).validation().size()); // round(1.5) = 2
		assertEquals(1, Split.of(NAMES, List.of(), 0.29, 1).validation().size()); // round(1.45) = 1
		assertEquals(4, Split.of(NAMES, List.of(), 1.0, 1).validation().size()); // at most all but one
		assertEquals(0, Split.of(NAMES, List.of(), 0.0, 1).validation().size());
		Split one = Split.of(List.of("only"), List.of(), 0.5, 1);
		assertEquals(List.of(), one.validation());
		assertEquals(List.of("only"), one.training());
	}

	@Test
	void trainingAndValidationPartitionTheCases() {
		Split s = Split.of(NAMES, List.of(), 0.4, 7);
		Set<String> all = new HashSet<>(s.training());
		all.addAll(s.validation());
		assertEquals(Set.copyOf(NAMES), all);
		assertEquals(NAMES.size(), s.training().size() + s.validation().size());
		List<String> expectedTraining = new ArrayList<>(NAMES);
		expectedTraining.removeAll(s.validation());
		assertEquals(expectedTraining, s.training());
	}

	@Test
	void theSameSeedGivesTheSameSplitWhateverTheOrderOfTheCases() {
		List<String> reversed = new ArrayList<>(NAMES);
		java.util.Collections.reverse(reversed);
		for (long seed : new long[] { 0, 1, 42 }) {
			assertEquals(Set.copyOf(Split.of(NAMES, List.of(), 0.4, seed).validation()), Set.copyOf(Split.of(reversed,
				List.of(), 0.4, seed).validation()), "seed " + seed);
			assertEquals(Split.of(NAMES, List.of(), 0.4, seed), Split.of(NAMES, List.of(), 0.4, seed));
		}
	}

	@Test
	void theSeedChoosesTheValidationCases() {
		Set<Set<String>> seen = new HashSet<>();
		for (long seed = 0; seed < 20; seed++) seen.add(Set.copyOf(Split.of(NAMES, List.of(), 0.4, seed).validation()));
		assertTrue(seen.size() > 1, "20 seeds all chose " + seen);
	}

	@Test
	void theListsCannotBeChanged() {
		Split s = Split.of(NAMES, List.of("a"), 0, 1);
		assertThrows(UnsupportedOperationException.class, () -> s.training().add("z"));
		assertThrows(UnsupportedOperationException.class, () -> s.validation().clear());
	}
}
