package io.segkit.command;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.ConnectedComponents;
import io.segkit.classic.cluster.KMeans;
import io.segkit.image.ImageChecks;
import io.segkit.image.Titles;
import io.segkit.image.Volume;
import ij.ImagePlus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** K-means clustering of intensities over one or more channels; a label image, 1 = darkest class. */
@Plugin(type = Command.class, label = "K-means Clustering")
public class KMeansCommand extends SegKitCommand {

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Classes", min = "2", description = "Number of classes k.")
	int classes = 3;

	@Parameter(label = "Channels",
		description = "'all', or channel numbers such as 1,2 or 1-3; labels are ordered by the first one listed.")
	String channels = "all";

	@Parameter(label = "Seed", description = "Random seed of the k-means++ start: same seed, same result.")
	int seed = 1;

	@Parameter(label = "Maximum iterations", min = "1")
	int maximumIterations = 100;

	@Parameter(label = "Tolerance", min = "0",
		description = "Stop when no class centre moves more than this (in standard deviations).")
	double tolerance = 1e-4;

	@Parameter(label = "Mask image", required = false,
		description = "Optional: only voxels that are non-zero in this image are clustered.")
	ImagePlus mask;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		ImageChecks.requireUsable(image);
		int[] chosen = parseChannels(channels, image.getNChannels());
		for (int c : chosen) ClassicInputs.checkValues(image, c, progress());
		if (mask != null) ImageChecks.requireSameSize(image, mask, "mask");
		KMeans.Settings settings = new KMeans.Settings(classes, seed, maximumIterations, tolerance);
		Volume like = Volume.of(image, chosen[0], 1);
		Progress progress = progress();
		List<int[]> labels = Frames.each(image, t -> {
			List<Volume> volumes = new ArrayList<>();
			for (int c : chosen) volumes.add(Volume.of(image, c, t));
			byte[] inside = mask == null ? null : ConnectedComponents.foreground(Volume.of(mask, 1, Math.min(t, mask
				.getNFrames())));
			return KMeans.cluster(volumes, inside, settings, progress).labels();
		}, progress);
		result = MaskOutputs.labels(image, Titles.derived(image, "kmeans"), labels, like);
	}

	/** "all", "2", "1,3", "1-3" (1-based) -> channel numbers in the given order. */
	static int[] parseChannels(String text, int available) {
		String s = text == null ? "" : text.trim();
		if (s.isEmpty() || s.equalsIgnoreCase("all")) {
			int[] all = new int[available];
			for (int c = 0; c < available; c++) all[c] = c + 1;
			return all;
		}
		Set<Integer> list = new LinkedHashSet<>();
		try {
			for (String part : s.split("[,;\\s]+")) {
				if (part.isEmpty()) continue;
				String[] range = part.split("-");
				if (range.length > 2) throw new NumberFormatException(part);
				int from = Integer.parseInt(range[0].trim()), to = range.length == 2 ? Integer.parseInt(range[1].trim())
					: from;
				for (int c = from; c <= to; c++) {
					if (c < 1 || c > available) throw new SegKitException("Channel " + c + " does not exist: the image has " +
						available + " channel(s). Use 'all' or numbers from 1 to " + available + ".");
					if (!list.add(c)) throw new SegKitException("Channel " + c + " is listed twice in '" + text + "'.");
				}
			}
		} catch (NumberFormatException e) {
			throw new SegKitException("Channels must be 'all' or channel numbers such as 1,2 or 1-3, not '" + text +
				"'.");
		}
		if (list.isEmpty()) throw new SegKitException("Choose at least one channel ('all', or numbers such as 1,2).");
		return list.stream().mapToInt(Integer::intValue).toArray();
	}
}
