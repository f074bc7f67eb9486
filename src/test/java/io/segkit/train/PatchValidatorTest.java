package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.TestProgress;
import io.segkit.engine.Engines;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.nn.SegmentationNetwork;

/**
 * The pseudo-Dice on fixed validation patches, with parameter-free 2-class "networks" whose answers are known: the
 * oracle reads the class from the image (the cases' image is +1 on foreground, -1 on background), the others
 * always say background or always foreground.
 */
class PatchValidatorTest {

	private static final int[] PATCH = { 8, 8 };
	private static final int[] OUTPUT = { 1, 8, 8 };
	private static NDManager manager;

	@BeforeAll
	static void openManager() {
		manager = Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()));
	}

	@AfterAll
	static void closeManager() {
		manager.close();
	}

	/** What a fixed network answers: logits (background, foreground) from the image x. */
	enum Answer { ORACLE, BACKGROUND, FOREGROUND }

	static final class FixedNetwork extends SegmentationNetwork {

		private final Answer answer;

		FixedNetwork(Answer answer) {
			super(new NetworkConfig(Architecture.PLAIN_UNET, 2, 1, 2, new int[] { 1, 1 }, new int[][] { { 1, 1 }, { 1,
				1 } }, new int[][] { { 1, 1 }, { 1, 1 } }, false));
			this.answer = answer;
		}

		@Override
		protected Shape[] walk(Shape input, NDManager m, DataType dataType) {
			return new Shape[] { new Shape(input.get(0), 2, input.get(2), input.get(3)) };
		}

		@Override
		protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
			NDArray x = inputs.head();
			NDArray foreground = switch (answer) {
				case ORACLE -> x;
				case BACKGROUND -> x.zerosLike().sub(1);
				case FOREGROUND -> x.zerosLike().add(1);
			};
			return new NDList(foreground.neg().concat(foreground, 1));
		}
	}

	/** A 24x20 case: background with one rectangle of foreground whose place depends on {@code k}. */
	private static PreparedCase rectangle(String name, int k) {
		int w = 24, h = 20;
		byte[] labels = new byte[w * h];
		float[] image = new float[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				boolean inside = x >= 3 + k && x < 10 + 2 * k && y >= 2 + k && y < 8 + k;
				labels[y * w + x] = (byte) (inside ? 1 : 0);
				image[y * w + x] = inside ? 1 : -1;
			}
		}
		return new PreparedCase(name, new float[][] { image }, labels, new int[] { 1, h, w });
	}

	private static List<PreparedCase> cases() {
		List<PreparedCase> cases = new ArrayList<>();
		for (int k = 0; k < 3; k++) cases.add(rectangle("case" + k, k * 3));
		return cases;
	}

	private static PatchValidator validator(long seed) {
		return new PatchValidator(cases(), PATCH, 2, -1, 3, 7, seed, OUTPUT);
	}

	private static double dice(PatchValidator v, Answer answer) {
		return v.meanForegroundDice(new FixedNetwork(answer), manager, Progress.NONE);
	}

	@Test
	void aPerfectPredictorScoresOne() {
		assertEquals(1.0, dice(validator(1), Answer.ORACLE), 0);
	}

	@Test
	void aPredictorThatFindsNothingScoresZero() {
		// the validation patches hold foreground (some are forced to): all of it is missed
		assertEquals(0.0, dice(validator(1), Answer.BACKGROUND), 0);
	}

	@Test
	void thePatchesAreFixedForASeed() {
		PatchValidator v = validator(5);
		double first = dice(v, Answer.FOREGROUND);
		assertTrue(first > 0 && first < 1, "all-foreground Dice " + first);
		assertEquals(first, dice(v, Answer.FOREGROUND), 0); // the same patches every epoch
		assertEquals(first, dice(validator(5), Answer.FOREGROUND), 0); // and for the same seed
	}

	@Test
	void anotherSeedDrawsOtherPatches() {
		Set<Double> seen = new HashSet<>();
		for (long seed = 0; seed < 6; seed++) seen.add(dice(validator(seed), Answer.FOREGROUND));
		assertTrue(seen.size() > 1, "6 seeds gave the same Dice " + seen);
	}

	@Test
	void cancelIsCheckedPerBatch() {
		Progress cancelled = TestProgress.cancelled();
		assertThrows(Cancelled.class, () -> validator(1).meanForegroundDice(new FixedNetwork(Answer.ORACLE), manager,
			cancelled));
	}
}
