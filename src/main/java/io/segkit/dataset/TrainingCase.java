package io.segkit.dataset;

import java.util.List;

import io.segkit.SegKitException;
import io.segkit.image.MissingValues;
import io.segkit.image.Volume;

/**
 * One training case: its image channels (same size, same spacing) and its label image (0 =
 * background, 1, 2, ... = classes). NaN voxels of the image have no value and enter the network as the image's
 * mean ({@link io.segkit.model.ChannelNormalization}); infinite values are refused ({@link MissingValues}).
 */
public record TrainingCase(String name, List<Volume> channels, Volume labels) {

	public TrainingCase {
		channels = List.copyOf(channels);
		if (channels.isEmpty()) throw new SegKitException("Case '" + name + "' has no image channel.");
		Volume first = channels.get(0);
		for (Volume v : channels) requireSameSize(name, first, v, "channel");
		requireSameSize(name, first, labels, "label image");
		for (Volume v : channels) MissingValues.countNaN(v, name); // refuses infinity; NaN is normalised to 0
	}

	private static void requireSameSize(String name, Volume image, Volume other, String role) {
		if (other.width() != image.width() || other.height() != image.height() || other.depth() != image.depth()) {
			throw new SegKitException("In case '" + name + "' the " + role + " is " + other.width() + " x " + other
				.height() + " x " + other.depth() + " but the image is " + image.width() + " x " + image.height() +
				" x " + image.depth() + ". Image and label must have the same size.");
		}
	}
}
