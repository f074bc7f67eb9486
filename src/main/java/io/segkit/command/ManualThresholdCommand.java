package io.segkit.command;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import io.segkit.Progress;
import io.segkit.classic.Connectivity;
import io.segkit.classic.threshold.ManualThreshold;
import io.segkit.ij1.Previewable;
import io.segkit.image.LabelImages;
import io.segkit.image.Volume;

import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** A fixed threshold: voxels with lower &lt;= value &lt;= upper (real values); a mask or labels. */
@Plugin(type = Command.class, label = "Manual Threshold")
public class ManualThresholdCommand extends SegKitCommand implements Previewable {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Lower", description = "Smallest value inside the objects (included).")
	double lower = 128;

	@Parameter(label = "Upper", description = "Largest value inside the objects (included).")
	double upper = 255;

	@Parameter(label = "Channel", min = "1")
	int channel = 1;

	@Parameter(label = "Output", choices = { MaskOutputs.MASK, MaskOutputs.LABELS })
	String output = MaskOutputs.MASK;

	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 },
		description = Choices.CONNECTIVITY_DESCRIPTION)
	String connectivity = Choices.CONNECTIVITY_26;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		ClassicInputs.checkValues(image, progress());
		Connectivity conn = MaskOutputs.checkOutput(output, connectivity);
		Volume like = Volume.of(image, channel, 1);
		Progress progress = progress();
		List<byte[]> masks = Frames.each(image, t -> ManualThreshold.apply(Volume.of(image, channel, t), lower,
			upper, progress), progress);
		result = MaskOutputs.build(image, masks, like, output, conn, progress);
	}

	/** The mask of the slice on show: a fixed threshold needs no other slice. */
	@Override
	public Preview preview(int slice, int frame, Progress progress) {
		ImageProcessor plane = Frames.view(image, channel, frame).getStack().getProcessor(slice);
		Volume volume = Volume.of(new ImagePlus("", plane));
		byte[] mask = ManualThreshold.apply(volume, lower, upper, progress);
		return Preview.ofPlane(slice, LabelImages.createMask("", mask, volume).getProcessor());
	}
}
