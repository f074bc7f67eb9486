package io.segkit.command;

import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.classic.threshold.LocalThreshold;
import io.segkit.ij1.Previewable;
import io.segkit.ij1.Units;
import io.segkit.image.LabelImages;
import io.segkit.image.Volume;

import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Adaptive threshold over a calibrated window (see {@link LocalThreshold}); a mask or labels. */
@Plugin(type = Command.class, label = "Local Threshold")
public class LocalThresholdCommand extends SegKitCommand implements Previewable {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Method", choices = { "Mean", "Gaussian", "Niblack", "Sauvola", "Phansalkar" })
	String method = "Mean";

	@Parameter(label = "Radius", min = "0", attrs = @Attr(name = Units.ATTRIBUTE, value = Units.LENGTH),
		description = "Window radius in calibrated units (Image > Properties); scaled per axis by the voxel size.")
	double radius = 15;

	@Parameter(label = "Objects", choices = { Choices.BRIGHT, Choices.DARK })
	String objects = Choices.BRIGHT;

	@Parameter(label = "Offset",
		description = "C for Mean, Gaussian, Niblack, in intensity units: bright objects are v > local mean - C.")
	double offset = 0;

	@Parameter(label = "k", description = "Niblack, Sauvola, Phansalkar; 0 = default (0.2, 0.5, 0.25).")
	double k = 0;

	@Parameter(label = "R", description = "Sauvola, Phansalkar (intensities scaled to 0..1); 0 = default 0.5.")
	double r = 0;

	@Parameter(label = "Window", choices = { "3D", "2D" },
		description = "3D: the window spans z too; 2D: each slice on its own.")
	String window = "3D";

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
		LocalThreshold.Settings settings = settings();
		Connectivity conn = MaskOutputs.checkOutput(output, connectivity);
		Volume like = Volume.of(image, channel, 1);
		Progress progress = progress();
		List<byte[]> masks = Frames.each(image, t -> LocalThreshold.apply(Volume.of(image, channel, t),
			settings, progress), progress);
		result = MaskOutputs.build(image, masks, like, output, conn, progress);
	}

	/** The mask of the frame on show (a 3D window reaches into the neighbouring slices). */
	@Override
	public Preview preview(int slice, int frame, Progress progress) {
		Volume volume = Volume.of(Frames.view(image, channel, frame), 1, 1);
		return Preview.ofFrame(LabelImages.createMask("", LocalThreshold.apply(volume, settings(), progress), volume));
	}

	private LocalThreshold.Settings settings() {
		if (!"3D".equals(window) && !"2D".equals(window)) throw new SegKitException("Window must be 3D or 2D, not '" +
			window + "'.");
		return new LocalThreshold.Settings(LocalThreshold.Method.of(method), radius, Choices.OBJECTS.of(objects), "2D"
			.equals(window), offset, k, r);
	}
}
