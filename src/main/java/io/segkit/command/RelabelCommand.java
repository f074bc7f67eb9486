package io.segkit.command;

import io.segkit.Progress;
import io.segkit.classic.labels.LabelTools;
import io.segkit.image.LabelImages;
import io.segkit.image.Titles;
import io.segkit.image.Volume;
import ij.ImagePlus;

import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Renumbers the labels 1..n without gaps, each time frame on its own: "Label value" keeps the
 * order of the old values (smallest becomes 1); "First appearance" numbers in raster order of each
 * label's first voxel (x fastest, then y, then slice).
 */
@Plugin(type = Command.class, label = "Relabel")
public class RelabelCommand extends SegKitCommand {

	static final String BY_VALUE = "Label value", BY_APPEARANCE = "First appearance";

	@Parameter(label = "Label image")
	ImagePlus image;

	@Parameter(label = "Order", choices = { BY_VALUE, BY_APPEARANCE })
	String order = BY_VALUE;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;


	@Override
	public void run() {
		LabelImageInput.require(image, progress());
		LabelTools.Order o = switch (order == null ? "" : order) {
			case BY_VALUE -> LabelTools.Order.LABEL_VALUE;
			case BY_APPEARANCE -> LabelTools.Order.FIRST_APPEARANCE;
			default -> throw new io.segkit.SegKitException("Order must be '" + BY_VALUE + "' or '" + BY_APPEARANCE +
				"', not '" + order + "'.");
		};
		Progress p = progress();
		List<int[]> frames = Frames.each(image, t -> LabelTools.relabel(LabelImageInput.read(image, t), o, p).data(),
			p);
		result = LabelImages.createFrames(Titles.derived(image, "relabeled"), frames, Volume.of(image));
	}
}
