package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.ij1.CommandCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** Every command takes the Progress it is given: it asks it about cancel, and stops when it says so. */
class CommandProgressTest {

	/** The commands being rewritten on their own; they keep their own progress field until then. */
	/** Records updates and cancel checks; cancels when made to. */
	static final class Recording implements Progress {

		final List<String> steps = new ArrayList<>();
		final boolean cancel;
		int asked;

		Recording(boolean cancel) {
			this.cancel = cancel;
		}

		@Override
		public void update(String step, long done, long total) {
			steps.add(step);
		}

		@Override
		public boolean isCancelRequested() {
			asked++;
			return cancel;
		}
	}

	/** 8-bit, 2 slices x 2 frames: a 6x6 square of 200 on 10 in every plane. */
	private static ImagePlus image() {
		ImagePlus imp = IJ.createHyperStack("cells", 16, 16, 1, 2, 2, 8);
		for (int i = 1; i <= imp.getStackSize(); i++) {
			imp.getStack().getProcessor(i).setValue(10);
			imp.getStack().getProcessor(i).fill();
			for (int y = 4; y < 10; y++) for (int x = 4; x < 10; x++) imp.getStack().getProcessor(i).set(x, y, 200);
		}
		return imp;
	}

	private static List<Supplier<SegKitCommand>> commands(ImagePlus image) {
		return List.of(() -> {
			AutoThresholdCommand c = new AutoThresholdCommand();
			c.image = image;
			return c;
		}, () -> {
			ManualThresholdCommand c = new ManualThresholdCommand();
			c.image = image;
			c.output = MaskOutputs.LABELS;
			return c;
		}, () -> {
			LocalThresholdCommand c = new LocalThresholdCommand();
			c.image = image;
			c.radius = 2;
			return c;
		}, () -> {
			KMeansCommand c = new KMeansCommand();
			c.image = image;
			c.classes = 2;
			return c;
		}, () -> {
			ConnectedComponentsCommand c = new ConnectedComponentsCommand();
			c.image = image;
			return c;
		}, () -> {
			DistanceTransformCommand c = new DistanceTransformCommand();
			c.image = image;
			return c;
		}, () -> {
			DistanceWatershedCommand c = new DistanceWatershedCommand();
			c.image = image;
			return c;
		}, () -> {
			SeededWatershedCommand c = new SeededWatershedCommand();
			c.image = image;
			return c;
		}, () -> {
			RegionGrowingCommand c = new RegionGrowingCommand();
			c.image = image;
			c.seeds = RegionGrowingCommand.MAXIMA;
			return c;
		}, () -> {
			FilterLabelsCommand c = new FilterLabelsCommand();
			c.image = image;
			return c;
		}, () -> {
			RelabelCommand c = new RelabelCommand();
			c.image = image;
			return c;
		}, () -> {
			LabelMeasurementsCommand c = new LabelMeasurementsCommand();
			c.image = image;
			return c;
		}, () -> {
			LabelsToRoisCommand c = new LabelsToRoisCommand();
			c.image = image;
			c.destination = LabelsToRoisCommand.OVERLAY;
			return c;
		}, () -> {
			CompareToGroundTruthCommand c = new CompareToGroundTruthCommand();
			c.image = image;
			c.groundTruth = image;
			return c;
		});
	}

	@Test
	void everyCommandUsesTheGivenProgress() {
		for (Supplier<SegKitCommand> make : commands(image())) {
			SegKitCommand c = make.get();
			Recording progress = new Recording(false);
			c.progress = progress;
			c.run();
			assertTrue(progress.asked > 0, c.getClass().getSimpleName() + " never checked for cancel");
		}
	}

	@Test
	void everyCommandStopsWhenItsProgressCancels() {
		ImagePlus image = image();
		Object[] before = pixels(image);
		for (Supplier<SegKitCommand> make : commands(image)) {
			SegKitCommand c = make.get();
			c.progress = new Recording(true);
			assertThrows(Cancelled.class, c::run, c.getClass().getSimpleName());
			assertNull(outputOf(c), c.getClass().getSimpleName() + " left an output");
		}
		assertArrayEquals(before, pixels(image));
		assertNull(image.getOverlay(), "no ROIs were added");
	}

	@Test
	void everyCommandTakesItsProgressTheSameWay() throws Exception {
		int commands = 0;
		for (String name : CommandCatalog.menuEntries().values()) {
			assertTrue(SegKitCommand.class.isAssignableFrom(Class.forName(name)), name + " extends SegKitCommand");
			commands++;
		}
		assertEquals(21, commands);
	}

	private static Object outputOf(SegKitCommand c) {
		for (String field : List.of("result", "table", "scores")) {
			try {
				java.lang.reflect.Field f = c.getClass().getDeclaredField(field);
				f.setAccessible(true);
				return f.get(c);
			} catch (NoSuchFieldException e) {
				// next
			} catch (IllegalAccessException e) {
				throw new AssertionError(e);
			}
		}
		return null;
	}

	private static Object[] pixels(ImagePlus image) {
		Object[] copy = new Object[image.getStackSize()];
		for (int i = 0; i < copy.length; i++) copy[i] = ((byte[]) image.getStack().getPixels(i + 1)).clone();
		return copy;
	}
}
