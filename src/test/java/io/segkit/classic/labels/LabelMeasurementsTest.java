package io.segkit.classic.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.measure.ResultsTable;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.Labels;
import io.segkit.image.Spacing;
import io.segkit.image.Volume;

import java.util.List;

import org.junit.jupiter.api.Test;

class LabelMeasurementsTest {

	static final Spacing ANISO = new Spacing(0.5, 0.5, 2, "µm");

	@Test
	void aLabelImageReadInPlaceMeasuresAsTheIntArray() {
		int w = 13, h = 11, d = 5;
		java.util.Random random = new java.util.Random(3);
		int[] data = new int[w * h * d];
		short[] shorts = new short[data.length];
		float[] intensity = new float[data.length];
		for (int i = 0; i < data.length; i++) {
			data[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(9);
			shorts[i] = (short) data[i];
			intensity[i] = random.nextFloat() * 100;
		}
		Spacing s = new Spacing(0.5, 0.5, 2, "um");
		Volume values = Volume.ofFloats(intensity, w, h, d, s);
		ResultsTable fromInts = new ResultsTable(), inPlace = new ResultsTable();
		LabelMeasurements.measure(new Labels(data, w, h, d, s, 9), values, Progress.NONE).appendTo(fromInts, 0);
		LabelMeasurements.measure(Volume.ofShorts(shorts, w, h, d, s), values, Progress.NONE).appendTo(inPlace, 0);
		assertEquals(fromInts.size(), inPlace.size());
		for (String column : fromInts.getHeadings()) {
			if (!fromInts.columnExists(column)) continue;
			assertArrayEquals(fromInts.getColumnAsDoubles(fromInts.getColumnIndex(column)), inPlace
				.getColumnAsDoubles(inPlace.getColumnIndex(column)), column);
		}
	}

	@Test
	void cubeIn3D() {
		int w = 8, h = 9, d = 6;
		int[] data = new int[w * h * d];
		LabelToolsTest.box(data, w, h, 4, 2, 3, 1, 3, 3, 3);
		float[] values = new float[data.length];
		for (int z = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++)
			values[(z * h + y) * w + x] = x + 10 * y + 100 * z;
		Labels labels = new Labels(data, w, h, d, ANISO, 4);
		LabelMeasurements m = LabelMeasurements.measure(labels, Volume.ofFloats(values, w, h, d, ANISO), Progress.NONE);
		assertEquals(1, m.rows());
		assertEquals(4, m.label()[0]);
		assertEquals(27, m.voxelCount()[0]);
		assertEquals(13.5, m.size()[0], 1e-12);
		assertEquals(3.5 * 0.5, m.centroidX()[0], 1e-12);
		assertEquals(4.5 * 0.5, m.centroidY()[0], 1e-12);
		assertEquals(2.5 * 2, m.centroidZ()[0], 1e-12);
		assertArrayEquals(new int[] { 2, 3, 1, 3, 3, 3 }, new int[] { m.boxX()[0], m.boxY()[0], m.boxZ()[0],
			m.boxWidth()[0], m.boxHeight()[0], m.boxDepth()[0] });
		assertEquals(243, m.mean()[0], 1e-9);
		assertEquals(132, m.min()[0]);
		assertEquals(354, m.max()[0]);
		// population variance (2/3)(1 + 100 + 10000) per axis sum; sample std uses n-1
		assertEquals(Math.sqrt(2.0 / 3 * 10101 * 27 / 26), m.std()[0], 1e-9);

		ResultsTable table = m.toResultsTable();
		assertEquals(1, table.size());
		assertEquals(13.5, table.getValue("Volume (µm³)", 0), 1e-12);
		assertEquals(5, table.getValue("Centroid Z (µm)", 0), 1e-12);
		assertEquals(3, table.getValue("BBox Depth", 0));
		assertEquals(243, table.getValue("Mean", 0), 1e-9);
	}

	@Test
	void discIn2DWithConstantIntensityOf16Bits() {
		int w = 24, h = 25, r = 4, cx = 10, cy = 12;
		int[] data = new int[w * h];
		short[] values = new short[w * h];
		int count = 0;
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			values[y * w + x] = (short) (x % 3 == 0 ? 50000 : 7);
			if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
				data[y * w + x] = 1;
				values[y * w + x] = (short) 40000;
				count++;
			}
		}
		data[0] = 2; // a one-pixel label in the corner
		Spacing sp = new Spacing(0.2, 0.3, 1, "µm");
		LabelMeasurements m = LabelMeasurements.measure(new Labels(data, w, h, 1, sp, 2), Volume.ofShorts(values, w,
			h, 1, sp), Progress.NONE);
		assertEquals(2, m.rows());
		assertEquals(count, m.voxelCount()[0]);
		assertEquals(count * 0.2 * 0.3, m.size()[0], 1e-12);
		assertEquals(10.5 * 0.2, m.centroidX()[0], 1e-12);
		assertEquals(12.5 * 0.3, m.centroidY()[0], 1e-12);
		assertEquals(0, m.centroidZ()[0]);
		assertArrayEquals(new int[] { 6, 8, 0, 9, 9, 1 }, new int[] { m.boxX()[0], m.boxY()[0], m.boxZ()[0],
			m.boxWidth()[0], m.boxHeight()[0], m.boxDepth()[0] });
		assertEquals(40000, m.mean()[0], 1e-9);
		assertEquals(0, m.std()[0], 1e-9);
		assertEquals(50000, m.mean()[1], 1e-9, "one pixel: its value (16-bit read unsigned)");
		assertEquals(0, m.std()[1]);
		ResultsTable table = m.toResultsTable();
		assertTrue(table.columnExists("Area (µm²)"));
		assertFalse(table.columnExists("Centroid Z (µm)"));
		assertFalse(table.columnExists("BBox Depth"));
	}

	@Test
	void nanIntensitiesAreSkippedAndLabelsWithoutIntensityGiveNaN() {
		int[] data = { 1, 1, 1, 2 };
		float[] v = { 2, Float.NaN, 4, Float.NaN };
		LabelMeasurements m = LabelMeasurements.measure(new Labels(data, 4, 1, 1, Spacing.UNIT, 2), Volume.ofFloats(v,
			4, 1, 1, Spacing.UNIT), Progress.NONE);
		assertEquals(3, m.mean()[0], 1e-12);
		assertEquals(Math.sqrt(2), m.std()[0], 1e-12);
		assertTrue(Double.isNaN(m.mean()[1]));
	}

	@Test
	void noLabelsGiveAnEmptyTableThatStillNamesItsColumns() {
		LabelMeasurements m = LabelMeasurements.measure(new Labels(new int[12], 3, 2, 2, ANISO, 0), null,
			Progress.NONE);
		assertEquals(0, m.rows());
		ResultsTable table = m.toResultsTable();
		assertEquals(0, table.size());
		assertTrue(List.of(table.getHeadings()).contains("Volume (µm³)"), String.join(",", table.getHeadings()));
		assertFalse(m.hasIntensity());
	}

	@Test
	void intensityOfAnotherSizeIsRefused() {
		Labels labels = new Labels(new int[12], 3, 2, 2, ANISO, 0);
		SegKitException e = assertThrows(SegKitException.class, () -> LabelMeasurements.measure(labels, Volume
			.ofFloats(new float[12], 2, 3, 2, ANISO), Progress.NONE));
		assertTrue(e.getMessage().contains("same size"), e.getMessage());
	}

}
