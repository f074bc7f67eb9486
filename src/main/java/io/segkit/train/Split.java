package io.segkit.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.segkit.SegKitException;

/**
 * Which cases train and which validate. Named validation cases win; otherwise round(fraction x cases) cases (at
 * most all but one) are drawn from the sorted names shuffled with the seed, so the split does not depend on the
 * order the cases came in. With a single case there is no validation case (then {@link Trainer} validates on the
 * training case, and says so).
 */
public record Split(List<String> training, List<String> validation) {

	public Split {
		training = List.copyOf(training);
		validation = List.copyOf(validation);
	}

	public static Split of(List<String> names, List<String> validationNames, double fraction, long seed) {
		Set<String> all = new HashSet<>(names);
		if (all.size() != names.size()) {
			throw new SegKitException("Two training cases have the same name; give every case its own name.");
		}
		List<String> validation = new ArrayList<>();
		if (!validationNames.isEmpty()) {
			for (String v : validationNames) {
				if (!all.contains(v)) {
					throw new SegKitException("The validation case '" + v + "' is not among the training cases "
						+ names + ". Check its name.");
				}
				if (!validation.contains(v)) validation.add(v);
			}
		}
		else {
			List<String> shuffled = new ArrayList<>(names);
			Collections.sort(shuffled);
			Collections.shuffle(shuffled, new Random(seed));
			int n = Math.min(names.size() - 1, (int) Math.round(fraction * names.size()));
			validation.addAll(shuffled.subList(0, Math.max(0, n)));
		}
		List<String> training = new ArrayList<>();
		for (String n : names) if (!validation.contains(n)) training.add(n);
		if (training.isEmpty()) {
			throw new SegKitException("All cases are validation cases; at least one case must be left for training.");
		}
		return new Split(training, validation);
	}
}
