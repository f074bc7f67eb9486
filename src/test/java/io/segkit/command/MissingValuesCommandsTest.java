package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.FloatProcessor;

import io.segkit.Progress;
import io.segkit.SegKitException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * SegKit's one rule for special values, command by command: NaN is "no value" (left out, labelled 0, the rest
 * segmented as usual); infinity is refused with a message and nothing changed.
 */
class MissingValuesCommandsTest {

	/** 40x20, 32-bit: square A (200) and square B (120) on 0; A has a 3x3 hole of NaN at (8..10, 8..10). */
	private static ImagePlus squares(float special) {
		FloatProcessor fp = new FloatProcessor(40, 20);
		for (int y = 5; y < 15; y++) for (int x = 5; x < 15; x++) fp.setf(x, y, 200);
		for (int y = 5; y < 15; y++) for (int x = 25; x < 35; x++) fp.setf(x, y, 120);
		for (int y = 8; y <= 10; y++) for (int x = 8; x <= 10; x++) fp.setf(x, y, special);
		return new ImagePlus("squares", fp);
	}

	/** Every classic command that makes an image from intensities, with the settings that fit the squares. */
	private static Map<String, Function<ImagePlus, SegKitCommand>> commands() {
		Map<String, Function<ImagePlus, SegKitCommand>> all = new LinkedHashMap<>();
		all.put("Auto Threshold", image -> with(new AutoThresholdCommand(), c -> c.image = image));
		all.put("Manual Threshold", image -> with(new ManualThresholdCommand(), c -> {
			c.image = image;
			c.lower = 100;
			c.upper = 1000;
		}));
		all.put("Local Threshold", image -> with(new LocalThresholdCommand(), c -> {
			c.image = image;
			c.radius = 12;
		}));
		all.put("K-means", image -> with(new KMeansCommand(), c -> {
			c.image = image;
			c.classes = 2;
		}));
		all.put("Connected Components", image -> with(new ConnectedComponentsCommand(), c -> c.image = image));
		all.put("Distance Transform", image -> with(new DistanceTransformCommand(), c -> c.image = image));
		all.put("Distance Watershed", image -> with(new DistanceWatershedCommand(), c -> c.image = image));
		all.put("Seeded Watershed", image -> with(new SeededWatershedCommand(), c -> c.image = image));
		all.put("Region Growing", image -> with(new RegionGrowingCommand(), c -> {
			c.image = image;
			c.seeds = RegionGrowingCommand.MAXIMA;
			c.tolerance = 30;
		}));
		all.put("Region Growing (seed value)", image -> with(new RegionGrowingCommand(), c -> {
			c.image = image;
			c.seeds = RegionGrowingCommand.MAXIMA;
			c.tolerance = 30;
			c.compareWith = RegionGrowingCommand.SEED_VALUE;
		}));
		return all;
	}

	private static <C extends SegKitCommand> C with(C command, java.util.function.Consumer<C> settings) {
		settings.accept(command);
		command.progress = Progress.NONE;
		return command;
	}

	private static ImagePlus result(SegKitCommand command) throws ReflectiveOperationException {
		java.lang.reflect.Field f = command.getClass().getDeclaredField("result");
		f.setAccessible(true);
		return (ImagePlus) f.get(command);
	}

	@Test
	void nanVoxelsAreZeroInEveryOutputAndTheRestIsSegmented() throws Exception {
		for (Map.Entry<String, Function<ImagePlus, SegKitCommand>> e : commands().entrySet()) {
			ImagePlus image = squares(Float.NaN);
			SegKitCommand command = e.getValue().apply(image);
			command.run();
			ImagePlus out = result(command);
			assertEquals(0, out.getProcessor().getf(9, 9), e.getKey() + ": a voxel without a value is 0");
			assertNotEquals(0, out.getProcessor().getf(6, 6), e.getKey() + ": object A is still found");
			assertNotEquals(0, out.getProcessor().getf(30, 10), e.getKey() + ": object B is still found");
		}
	}

	@Test
	void infinityIsRefusedByEveryCommandAndNothingIsChanged() {
		for (Map.Entry<String, Function<ImagePlus, SegKitCommand>> e : commands().entrySet()) {
			for (float infinity : new float[] { Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY }) {
				ImagePlus image = squares(infinity);
				float[] before = ((float[]) image.getProcessor().getPixels()).clone();
				SegKitCommand command = e.getValue().apply(image);
				String message = assertThrows(SegKitException.class, command::run, e.getKey()).getMessage();
				assertTrue(message.startsWith("'squares' has " + (infinity > 0 ? "+" : "-") + "Infinity at x=8, y=8."),
					e.getKey() + ": " + message);
				assertArrayEquals(before, (float[]) image.getProcessor().getPixels(), e.getKey());
			}
		}
	}

	@Test
	void measurementsLeaveNanOutAndRefuseInfinity() throws Exception {
		ImagePlus labels = squares(0);
		ConnectedComponentsCommand components = with(new ConnectedComponentsCommand(), c -> c.image = labels);
		components.run();
		LabelMeasurementsCommand measure = with(new LabelMeasurementsCommand(), c -> {
			c.image = components.result;
			c.intensity = squares(Float.NaN);
		});
		measure.run();
		assertEquals(200, measure.table.getValue("Mean", 0), 1e-9);
		measure.intensity = squares(Float.POSITIVE_INFINITY);
		assertThrows(SegKitException.class, measure::run);
	}

	@Test
	void nanIsOnlyCountedIn32BitImages() {
		assertNull(io.segkit.image.MissingValues.note("x", 0));
		assertEquals("'x': 9 voxels without a value (NaN) left out and labelled 0.", io.segkit.image.MissingValues.note(
			"x", 9));
	}
}
