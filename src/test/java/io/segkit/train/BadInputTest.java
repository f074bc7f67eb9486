package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.model.ModelSpec;

/** Unusable input is refused with a message that says what to fix, and nothing is written. */
class BadInputTest {

	@TempDir
	Path dir;

	private final TrainingSettings settings = TrainingSettings.defaults().toBuilder().epochs(1).iterationsPerEpoch(1)
		.build();
	private final ModelSpec template = TrainingTesting.spec(2, new int[] {4, 8}, 16, 16);

	private String refused(List<PreparedCase> cases, ModelSpec spec, TrainingSettings s) {
		Path out = dir.resolve("out");
		SegKitException e = assertThrows(SegKitException.class, () -> Trainer.train(cases, spec, s, out, null,
			Progress.NONE));
		assertFalse(Files.exists(out), "something was written");
		return e.getMessage();
	}

	private static PreparedCase blank(String name, int size) {
		return new PreparedCase(name, new float[][] {new float[size * size]}, new byte[size * size], new int[] {1, size,
			size});
	}

	@Test
	void noForegroundAnywhere() {
		String m = refused(List.of(blank("a", 20), blank("b", 20)), template, settings);
		assertTrue(m.contains("labelled object"), m);
	}

	@Test
	void labelValuesBeyondTheClasses() {
		PreparedCase c = TrainingTesting.nuclei("a", 1, 20, 20, 1, 2);
		c.labels()[7] = 3;
		String m = refused(List.of(c, TrainingTesting.nuclei("b", 2, 20, 20, 1, 2)), template, settings);
		assertTrue(m.contains("label value 3 at x=7, y=0") && m.contains("2 classes"), m);
		// the ignore value is allowed, but it must not be a class
		assertTrue(refused(List.of(c), template, settings.toBuilder().ignoreLabel(1).build()).contains("ignore"));
	}

	@Test
	void mismatchedSizes() {
		SegKitException e = assertThrows(SegKitException.class, () -> new PreparedCase("a", new float[][] {
			new float[100]}, new byte[99], new int[] {1, 10, 10}));
		assertTrue(e.getMessage().contains("same size"), e.getMessage());
		e = assertThrows(SegKitException.class, () -> new PreparedCase("a", new float[][] {new float[100],
			new float[90]}, new byte[100], new int[] {1, 10, 10}));
		assertTrue(e.getMessage().contains("channel 1"), e.getMessage());
	}

	@Test
	void otherMistakes() {
		List<PreparedCase> two = List.of(TrainingTesting.nuclei("a", 1, 20, 20, 1, 2), TrainingTesting.nuclei("b", 2,
			20, 20, 1, 2));
		assertTrue(refused(two, template, settings.toBuilder().validationCases(List.of("c")).build()).contains(
			"'c' is not among"));
		assertTrue(refused(two, template, settings.toBuilder().validationCases(List.of("a", "b")).build()).contains(
			"at least one case"));
		assertTrue(assertThrows(SegKitException.class, () -> TrainingTesting.spec(2, new int[] {4, 8, 16, 32, 64}, 16,
			16)).getMessage().contains("too small"));
		assertTrue(refused(two, TrainingTesting.spec(2, new int[] {4, 8}, 16, 16, 16), settings).contains("3D"));
		assertTrue(refused(List.of(two.get(0), two.get(0)), template, settings).contains("same name"));
		PreparedCase twoChannels = new PreparedCase("c", new float[][] {new float[400], new float[400]}, two.get(0)
			.labels(), new int[] {1, 20, 20});
		assertTrue(refused(List.of(twoChannels), template, settings).contains("2 channel(s)"));
		assertTrue(refused(List.of(), template, settings).contains("no training cases"));
	}
}
