package io.segkit.ij1;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Plot;
import ij.gui.PlotWindow;

import java.util.ArrayList;
import java.util.List;

/**
 * The images a dialog offers: every open image except plots, which ImageJ keeps as images too (the training plot
 * would otherwise be offered, and even chosen as the current image, as training data).
 */
final class ImageLists {

	private ImageLists() {}

	static String[] titles() {
		List<String> titles = new ArrayList<>();
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids) {
			ImagePlus image = WindowManager.getImage(id);
			if (image != null && !isPlot(image)) titles.add(image.getTitle());
		}
		return titles.toArray(new String[0]);
	}

	/**
	 * {@code title}, or while an image of that title is open {@code title-1}, {@code title-2}, ... as ImageJ names
	 * duplicates, so that a macro's {@code selectWindow} finds the output of each run. Unlike ImageJ's
	 * WindowManager.makeUniqueName this also sees batch-mode images, which have no window.
	 */
	static String uniqueTitle(String title) {
		if (!isOpen(title)) return title;
		for (int n = 1; ; n++) if (!isOpen(title + "-" + n)) return title + "-" + n;
	}

	private static boolean isOpen(String title) {
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids) {
			ImagePlus image = WindowManager.getImage(id);
			if (image != null && title.equals(image.getTitle())) return true;
		}
		return false;
	}

	static boolean isPlot(ImagePlus image) {
		return image.getWindow() instanceof PlotWindow || image.getProperty(Plot.PROPERTY_KEY) != null;
	}
}
