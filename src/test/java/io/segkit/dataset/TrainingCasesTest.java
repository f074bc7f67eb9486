package io.segkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

class TrainingCasesTest {

	private static final Spacing PIXEL = new Spacing(1, 1, 1, "pixel");

	private static Volume volume(int... values) {
		byte[] b = new byte[values.length];
		for (int i = 0; i < b.length; i++) b[i] = (byte) values[i];
		return Volume.ofBytes(b, values.length, 1, 1, PIXEL);
	}

	private static TrainingCase single(String name, int... labels) {
		return new TrainingCase(name, List.of(volume(new int[labels.length])), volume(labels));
	}

	@Test
	void classesAndTheirNames() {
		List<TrainingCase> cases = List.of(single("a", 0, 1, 0), single("b", 0, 2, 2));
		assertEquals(3, TrainingCases.classCount(cases, LabelMode.CLASSES, -1));
		assertEquals(2, TrainingCases.classCount(cases, LabelMode.FOREGROUND, -1), "foreground only");
		assertEquals(3, TrainingCases.classCount(cases, LabelMode.OBJECTS, -1), "objects: interior and boundary");
		assertEquals(List.of("background", "nucleus", "nucleus boundary"), TrainingCases.classNames("background,"
			+ "nucleus", 3, LabelMode.OBJECTS));
		assertEquals(List.of("background", "object", "object boundary"), TrainingCases.classNames("", 3,
			LabelMode.OBJECTS));
		assertEquals(2, TrainingCases.classCount(cases, LabelMode.CLASSES, 2), "the ignore value is no class");
		assertEquals(List.of("background", "class 1", "class 2"), TrainingCases.classNames("", 3));
		assertEquals(List.of("background", "foreground"), TrainingCases.classNames(null, 2));
		assertEquals(List.of("bg", "nucleus"), TrainingCases.classNames(" bg , nucleus", 2));
		SegKitException e = assertThrows(SegKitException.class, () -> TrainingCases.classNames("bg", 2));
		assertTrue(e.getMessage().contains("one name per class"), e.getMessage());
		e = assertThrows(SegKitException.class, () -> TrainingCases.classCount(List.of(single("e", 0, 0)),
			LabelMode.CLASSES, -1));
		assertTrue(e.getMessage().contains("only background"), e.getMessage());
	}

	@Test
	void objectLabelsBecomeOneForegroundClassAndTheCasesAreNotChanged() {
		TrainingCase objects = single("o", 0, 7, 300 & 0xff, 0);
		TrainingCase asClass = TrainingCases.asClasses(List.of(objects), LabelMode.FOREGROUND).get(0);
		assertArrayEquals(new byte[] {0, 1, 1, 0}, LabelMode.CLASSES.classesOf(asClass.labels()));
		assertEquals(7, objects.labels().get(1), 0, "the input case is unchanged");
		assertEquals(List.of(objects), TrainingCases.asClasses(List.of(objects), LabelMode.CLASSES));
	}

	@Test
	void namesAndChannelsMustAgree() {
		assertEquals(List.of("a", "b"), TrainingCases.names(List.of(single("a", 1), single("b", 1))));
		assertTrue(assertThrows(SegKitException.class, () -> TrainingCases.names(List.of(single("a", 1), single("a",
			1)))).getMessage().contains("share a name"));
		TrainingCase two = new TrainingCase("two", List.of(volume(0), volume(0)), volume(1));
		assertEquals(2, TrainingCases.channels(List.of(two)));
		SegKitException e = assertThrows(SegKitException.class, () -> TrainingCases.channels(List.of(single("a", 1),
			two)));
		assertTrue(e.getMessage().contains("same channels"), e.getMessage());
	}

	@Test
	void theSourceOfTheCasesIsAFolderPairOrAnImagePair() {
		ImagePlus image = IJ.createImage("img", "8-bit ramp", 8, 8, 1);
		ImagePlus labels = IJ.createImage("lab", "8-bit black", 8, 8, 1);
		List<TrainingCase> cases = TrainingCases.of(null, null, image, labels, Progress.NONE);
		assertEquals(1, cases.size());
		assertEquals("img", cases.get(0).name());
		assertTrue(message(() -> TrainingCases.of(Path.of("images"), null, null, null, Progress.NONE)).contains(
			"labels folder"));
		assertTrue(message(() -> TrainingCases.of(null, null, image, null, Progress.NONE)).contains("images folder"));
		assertTrue(message(() -> TrainingCases.of(null, null, image, image, Progress.NONE)).contains("same image"));
		ImagePlus small = IJ.createImage("small", "8-bit black", 4, 4, 1);
		assertTrue(message(() -> TrainingCases.of(null, null, image, small, Progress.NONE)).contains("label image"));
	}

	@Test
	void anUnreadableFileInATrainingFolderIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		Path images = java.nio.file.Files.createDirectories(dir.resolve("images"));
		Path labels = java.nio.file.Files.createDirectories(dir.resolve("labels"));
		ImagePlus image = IJ.createImage("a", "8-bit ramp", 8, 8, 1);
		new ij.io.FileSaver(image).saveAsTiff(images.resolve("a.tif").toString());
		java.nio.file.Files.write(labels.resolve("a.tif"), new byte[0]);
		String m = message(() -> TrainingCases.of(images, labels, null, null, Progress.NONE));
		assertTrue(m.contains("could not open") && m.contains("a.tif"), m);
	}

	private static String message(Runnable r) {
		return assertThrows(SegKitException.class, r::run).getMessage();
	}
}
