package io.segkit.command;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.classic.watershed.Watershed;
import io.segkit.image.ImageChecks;
import io.segkit.image.LabelImages;
import io.segkit.image.Titles;
import ij.ImagePlus;
import ij.ImageStack;
import io.segkit.image.Volume;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import java.util.List;

/**
 * Splits touching round objects (nuclei) of a binary image: markers are the maxima of the distance
 * transform that stand out by at least the dynamic (calibrated units), and the inverted distance is
 * flooded inside the objects. Output: a label image {@code <title>-split}.
 */
@Plugin(type = Command.class, label = "Distance Watershed")
public class DistanceWatershedCommand extends SegKitCommand {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Dynamic", min = "0")
	double dynamic = 1;

	@Parameter(label = "Watershed lines")
	boolean watershedLines = false;

	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 },
		description = Choices.CONNECTIVITY_DESCRIPTION)
	String connectivity = Choices.CONNECTIVITY_26;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		ImageChecks.requireUsable(image);
		Connectivity c = Choices.CONNECTIVITY.of(connectivity);
		Progress progress = progress();
		Volume first = ClassicInputs.frame(image, 1);
		ImageChecks.requireMemory("Distance Watershed", Watershed.splitObjectsBytes(first.size()) * image.getNFrames(),
			image);
		// label planes straight from the watershed: no whole-volume int array (issue 10: 12x the input before)
		List<ImageStack> frames = Frames.each(image, t -> Watershed.splitObjectsToStack(ClassicInputs.frame(image, t),
			dynamic, watershedLines, c, progress), progress);
		result = LabelImages.createFromStacks(Titles.derived(image, "split"), frames, first);
	}
}
