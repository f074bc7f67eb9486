package io.segkit.command;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.Connectivity;
import io.segkit.classic.labels.LabelTools;
import io.segkit.image.LabelImages;
import io.segkit.image.Labels;
import io.segkit.image.Titles;
import io.segkit.image.Volume;
import ij.ImagePlus;

import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Labels the connected objects of an image: every non-zero voxel is foreground (8-, 16- or 32-bit,
 * NaN = background). Optionally drops objects smaller than a calibrated size (area in 2D, volume
 * in 3D) and objects touching the border; the result is numbered 1..n in raster order. Time frames
 * are labelled one by one.
 */
@Plugin(type = Command.class, label = "Connected Components")
public class ConnectedComponentsCommand extends SegKitCommand {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Channel", min = "1")
	int channel = 1;

	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 },
		description = Choices.CONNECTIVITY_DESCRIPTION)
	String connectivity = Choices.CONNECTIVITY_26;

	@Parameter(label = "Minimum size", min = "0")
	double minimumSize = 0;

	@Parameter(label = "Exclude border objects")
	boolean excludeBorderObjects;

	@Parameter(label = "Ignore z borders")
	boolean ignoreZBorders;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;


	@Override
	public void run() {
		ClassicInputs.checkValues(image, progress());
		Connectivity c = Choices.CONNECTIVITY.of(connectivity);
		LabelTools.checkSizeRange(minimumSize, Double.POSITIVE_INFINITY);
		if (channel < 1 || channel > image.getNChannels()) throw new SegKitException("Channel " + channel +
			" does not exist: '" + image.getTitle() + "' has " + image.getNChannels() + " channel(s).");
		Progress p = progress();
		List<int[]> frames = Frames.each(image, t -> labelFrame(Volume.of(image, channel, t), c, p).data(), p);
		result = LabelImages.createFrames(Titles.derived(image, "labels"), frames, Volume.of(image, channel, 1));
	}

	private Labels labelFrame(Volume volume, Connectivity c, Progress p) {
		Labels labels = ConnectedComponents.label(volume, c, p);
		boolean changed = false;
		if (minimumSize > 0) {
			labels = LabelTools.filterBySize(labels, minimumSize, Double.POSITIVE_INFINITY, p);
			changed = true;
		}
		if (excludeBorderObjects) {
			labels = LabelTools.removeBorderLabels(labels, !ignoreZBorders, p);
			changed = true;
		}
		return changed ? LabelTools.relabel(labels, LabelTools.Order.LABEL_VALUE, p) : labels;
	}
}
