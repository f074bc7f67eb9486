package io.segkit.ij1;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.segkit.image.LabelImages;

/** What a command made, in one Log line: "28 objects in 'nuclei-split'", "12 rows in 'nuclei-measurements'". */
final class OutputReport {

	private OutputReport() {}

	static String describe(ImagePlus image) {
		String where = "'" + image.getTitle() + "'";
		Object labels = image.getProperty(LabelImages.LABEL_COUNT);
		Object objects = image.getProperty(LabelImages.OBJECT_COUNT);
		if (labels instanceof Number n) return objects(n.intValue(), image) + " in " + where;
		if (objects instanceof Number n) return objects(n.intValue(), image) + " in the mask " + where;
		return where + " (" + image.getWidth() + " x " + image.getHeight() + (image.getNSlices() > 1 ? " x " + image
			.getNSlices() : "") + (image.getNFrames() > 1 ? ", " + image.getNFrames() + " frames" : "") + ", " + image
				.getBitDepth() + "-bit)";
	}

	static String describe(ResultsTable table, String title) {
		int rows = table.size();
		return rows + (rows == 1 ? " row" : " rows") + " in '" + title + "'";
	}

	/** A label image of several frames holds up to its largest label per frame. */
	private static String objects(int count, ImagePlus image) {
		String n = count + (count == 1 ? " object" : " objects");
		return image.getNFrames() > 1 ? "up to " + n + " per frame" : n;
	}
}
