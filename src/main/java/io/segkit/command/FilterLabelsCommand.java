package io.segkit.command;

import io.segkit.Progress;
import io.segkit.classic.labels.LabelTools;
import io.segkit.ij1.Units;
import io.segkit.image.LabelImages;
import io.segkit.image.Labels;
import io.segkit.image.Titles;
import io.segkit.image.Volume;
import ij.ImagePlus;

import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Removes labels by calibrated size (area in 2D, volume in 3D; limits inclusive) and, optionally,
 * labels touching the image border. Kept labels keep their values (run Relabel for 1..n).
 */
@Plugin(type = Command.class, label = "Filter Labels")
public class FilterLabelsCommand extends SegKitCommand {

	@Parameter(label = "Label image")
	ImagePlus image;

	@Parameter(label = "Minimum size", min = "0", attrs = @Attr(name = Units.ATTRIBUTE, value = Units.SIZE))
	double minimumSize = 0;

	@Parameter(label = "Maximum size", min = "0", attrs = @Attr(name = Units.ATTRIBUTE, value = Units.SIZE))
	double maximumSize = Double.POSITIVE_INFINITY;

	@Parameter(label = "Remove border labels")
	boolean removeBorderLabels;

	@Parameter(label = "Ignore z borders")
	boolean ignoreZBorders;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;


	@Override
	public void run() {
		LabelImageInput.require(image, progress());
		LabelTools.checkSizeRange(minimumSize, maximumSize);
		Progress p = progress();
		List<int[]> frames = Frames.each(image, t -> {
			Labels labels = LabelTools.filterBySize(LabelImageInput.read(image, t), minimumSize, maximumSize, p);
			return (removeBorderLabels ? LabelTools.removeBorderLabels(labels, !ignoreZBorders, p) : labels).data();
		}, p);
		result = LabelImages.createFrames(Titles.derived(image, "filtered"), frames, Volume.of(image));
	}
}
