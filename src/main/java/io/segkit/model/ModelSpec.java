package io.segkit.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.segkit.SegKitException;
import io.segkit.nn.NetworkConfig;

/**
 * Everything besides the weights that is needed to use a trained model on a new image. Spatial arrays are in the
 * internal axis order: (z, y, x) for 3D models, (y, x) for 2D models (which run slice by slice over stacks).
 *
 * @param name a short name for the model
 * @param network the architecture, rebuilt exactly from this record before the weights are loaded
 * @param channelNames one name per input channel, in order (the image's channels must match in number)
 * @param classNames one name per output class, index = label value, index 0 = background
 * @param patchSize the patch the model was trained on (the sliding-window tile)
 * @param spacing the voxel size the model was trained at, in {@code unit}; inputs are resampled to it
 * @param unit the spacing unit, for example "micron"
 * @param normalization one entry per input channel
 * @param training what the model was trained on
 * @param segkitVersion the SegKit version that wrote it
 * @param instances for an instance model (classes background, interior, boundary, and with a distance head the
 *        network's last output), how its probabilities become objects; null for a class model
 */
public record ModelSpec(String name, NetworkConfig network, List<String> channelNames, List<String> classNames,
		int[] patchSize, double[] spacing, String unit, List<ChannelNormalization> normalization,
		TrainingSummary training, String segkitVersion, InstanceDecoding instances) {

	/** A class model's description. */
	public ModelSpec(String name, NetworkConfig network, List<String> channelNames, List<String> classNames,
			int[] patchSize, double[] spacing, String unit, List<ChannelNormalization> normalization,
			TrainingSummary training, String segkitVersion) {
		this(name, network, channelNames, classNames, patchSize, spacing, unit, normalization, training, segkitVersion,
			null);
	}

	public ModelSpec {
		if (network == null) throw bad("the network description is missing");
		int dims = network.dims();
		channelNames = List.copyOf(Objects.requireNonNull(channelNames, "channelNames"));
		classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
		normalization = List.copyOf(Objects.requireNonNull(normalization, "normalization"));
		if (channelNames.size() != network.inChannels() || normalization.size() != network.inChannels()) {
			throw bad("the network has " + network.inChannels() + " input channel(s) but " + channelNames.size()
				+ " channel name(s) and " + normalization.size() + " normalization(s) are given");
		}
		int head = instances != null && instances.hasDistanceHead() ? 1 : 0;
		if (classNames.size() + head != network.classes()) {
			throw bad("the network has " + network.classes() + " outputs but " + classNames.size()
				+ " class names " + (head > 0 ? "and a distance head " : "") + "are given");
		}
		if (patchSize == null || patchSize.length != dims || spacing == null || spacing.length != dims) {
			throw bad("patch size and spacing need " + dims + " values (one per axis)");
		}
		int[] stride = network.totalStride();
		for (int a = 0; a < dims; a++) {
			if (patchSize[a] < 1 || patchSize[a] % stride[a] != 0) {
				throw bad("the patch size " + Arrays.toString(patchSize) + " is not a multiple of the network's "
					+ "down-sampling " + Arrays.toString(stride));
			}
			if (!(spacing[a] > 0) || Double.isInfinite(spacing[a])) throw bad("the spacing must be positive");
		}
		patchSize = patchSize.clone();
		spacing = spacing.clone();
		unit = unit == null || unit.isEmpty() ? "pixel" : unit;
		training = training == null ? TrainingSummary.none() : training;
		segkitVersion = segkitVersion == null ? "" : segkitVersion;
		if (instances != null && classNames.size() != 3) throw bad("an instance model has the classes background, "
			+ "interior and boundary, not " + classNames);
	}

	/** Whether the model's classes are background, object interior and object boundary (objects come out split). */
	public boolean isInstanceModel() {
		return instances != null;
	}

	/**
	 * Whether the network's last output is an instance model's distance map (not a class score): the network has
	 * one output more than classes.
	 */
	public boolean hasDistanceHead() {
		return instances != null && instances.hasDistanceHead();
	}

	public int dims() {
		return network.dims();
	}

	@Override
	public int[] patchSize() {
		return patchSize.clone();
	}

	@Override
	public double[] spacing() {
		return spacing.clone();
	}

	/** A copy with another training summary. */
	public ModelSpec withTraining(TrainingSummary summary) {
		return new ModelSpec(name, network, channelNames, classNames, patchSize, spacing, unit, normalization, summary,
			segkitVersion, instances);
	}

	/**
	 * A copy that decodes objects with {@code decoding} (null = a class model); the network gets the distance map's
	 * output when the decoding has a distance head (before training: the weights must match the network).
	 */
	public ModelSpec withInstances(InstanceDecoding decoding) {
		int outputs = classNames.size() + (decoding != null && decoding.hasDistanceHead() ? 1 : 0);
		NetworkConfig net = network.classes() == outputs ? network : network.withClasses(outputs);
		return new ModelSpec(name, net, channelNames, classNames, patchSize, spacing, unit, normalization, training,
			segkitVersion, decoding);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ModelSpec m && Objects.equals(name, m.name) && network.equals(m.network)
			&& channelNames.equals(m.channelNames) && classNames.equals(m.classNames)
			&& Arrays.equals(patchSize, m.patchSize) && Arrays.equals(spacing, m.spacing) && unit.equals(m.unit)
			&& normalization.equals(m.normalization) && training.equals(m.training)
			&& segkitVersion.equals(m.segkitVersion) && Objects.equals(instances, m.instances);
	}

	@Override
	public int hashCode() {
		return Objects.hash(name, network, channelNames, classNames, Arrays.hashCode(patchSize),
			Arrays.hashCode(spacing), unit, normalization, training, segkitVersion, instances);
	}

	private static SegKitException bad(String what) {
		return new SegKitException("Invalid model description: " + what + ".");
	}
}
