package io.segkit.command;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.distance.DistanceTransform;
import io.segkit.image.Titles;
import io.segkit.image.Volume;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import java.util.List;

/**
 * Exact Euclidean distance of every object voxel (non-zero) to the nearest background voxel (0),
 * in calibrated units: a 32-bit image {@code <title>-distance}.
 */
@Plugin(type = Command.class, label = "Distance Transform")
public class DistanceTransformCommand extends SegKitCommand {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		ClassicInputs.checkValues(image, progress());
		Progress progress = progress();
		List<float[]> frames = Frames.each(image, t -> distances(ClassicInputs.frame(image, t), progress), progress);
		result = toImage(frames, ClassicInputs.frame(image, 1), Titles.derived(image, "distance"));
	}

	private float[] distances(Volume frame, Progress progress) {
		byte[] foreground = ConnectedComponents.foreground(frame);
		boolean any = false;
		for (byte b : foreground) if (b != 0) {
			any = true;
			break;
		}
		if (!any) throw new SegKitException("'" + image.getTitle() + "' has no objects: every voxel is 0. The " +
			"distance transform measures, for each non-zero voxel, the distance to the nearest 0; threshold the " +
			"image first (Image > Adjust > Threshold).");
		return DistanceTransform.compute(foreground, frame.width(), frame.height(), frame.depth(), frame.spacing(),
			progress);
	}

	private static ImagePlus toImage(List<float[]> frames, Volume like, String title) {
		int plane = like.planeSize();
		ImageStack stack = new ImageStack(like.width(), like.height());
		float max = 0;
		for (float[] f : frames) {
			for (int z = 0; z < like.depth(); z++) {
				float[] pixels = new float[plane];
				System.arraycopy(f, z * plane, pixels, 0, plane);
				stack.addSlice(new FloatProcessor(like.width(), like.height(), pixels));
			}
			for (float v : f) if (v > max) max = v;
		}
		ImagePlus out = new ImagePlus(title, stack);
		out.setDimensions(1, like.depth(), frames.size());
		if (frames.size() > 1) out.setOpenAsHyperStack(true);
		out.setCalibration(like.calibration());
		out.setDisplayRange(0, Math.max(1, max));
		return out;
	}
}
