package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.dataset.TrainingCase;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;
import io.segkit.model.ModelSpec;

/** Training cases become prepared cases through the shared preprocessor. */
class PreparedCaseTest {

	private static ModelSpec micronTemplate() {
		ModelSpec t = TrainingTesting.template(2, 2);
		return new ModelSpec(t.name(), t.network(), t.channelNames(), t.classNames(), t.patchSize(), new double[] {1, 1},
			"micron", t.normalization(), null, t.segkitVersion());
	}

	private static TrainingCase halfMicronCase(byte[] labels) {
		Spacing half = new Spacing(0.5, 0.5, 1, "micron");
		float[] image = new float[40 * 20];
		for (int i = 0; i < image.length; i++) image[i] = labels[i] * 10 + i % 3;
		return new TrainingCase("c", List.of(Volume.ofFloats(image, 40, 20, 1, half)), Volume.ofBytes(labels, 40, 20, 1,
			half));
	}

	@Test
	void resamplesToTheModelSpacing() {
		byte[] labels = new byte[40 * 20];
		for (int y = 4; y < 12; y++) for (int x = 10; x < 30; x++) labels[y * 40 + x] = 1;
		PreparedCase p = PreparedCase.prepare(halfMicronCase(labels), micronTemplate(), LabelMode.CLASSES, -1);
		assertArrayEquals(new int[] {1, 10, 20}, p.shape());
		int foreground = 0;
		for (int i = 0; i < p.voxels(); i++) foreground += p.label(i);
		assertEquals(40, foreground, 4); // a quarter of the 160 labelled pixels
		double mean = 0;
		for (float v : p.channels()[0]) mean += v;
		assertEquals(0, mean / p.voxels(), 1e-3); // z-scored
	}

	@Test
	void unknownLabelValuesAreRefusedBeforeResampling() {
		byte[] labels = new byte[40 * 20];
		labels[45] = 2;
		SegKitException e = assertThrows(SegKitException.class, () -> PreparedCase.prepare(halfMicronCase(labels),
			micronTemplate(), LabelMode.CLASSES, -1));
		assertTrue(e.getMessage().contains("label value 2 at x=5, y=1"), e.getMessage());
		labels[45] = (byte) 255;
		PreparedCase p = PreparedCase.prepare(halfMicronCase(labels), micronTemplate(), LabelMode.CLASSES, 255);
		assertEquals(200, p.voxels());
	}
}
