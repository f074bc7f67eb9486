package io.segkit.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.segkit.engine.Engines;

/** Builds, initialises and measures networks from a {@link NetworkConfig}. */
public final class Networks {

	private Networks() {}

	/** The network for a configuration, not yet initialised. */
	public static SegmentationNetwork create(NetworkConfig config) {
		return switch (config.architecture()) {
			case PLAIN_UNET, UNET_2015 -> new PlainUNet(config);
			case ATTENTION_UNET -> new AttentionUNet(config);
			case CE_NET -> new CENet(config);
			case FCN -> new FCN(config);
			case SEGNET -> new SegNet(config);
			case UNET_PLUS_PLUS -> new UNetPlusPlus(config);
			case DEEPLAB_V3_PLUS -> new DeepLabV3Plus(config);
			case PSPNET -> new PSPNet(config);
			case REFINENET -> new RefineNet(config);
		};
	}

	/**
	 * Creates and initialises a network on the manager's device: conv weights Kaiming-normal (a = 0.01, or the
	 * network's own {@link SegmentationNetwork#initializationSlope}) from
	 * {@code seed}, biases 0, InstanceNorm scale 1 and shift 0.
	 */
	public static SegmentationNetwork createInitialized(NetworkConfig config, NDManager manager, long seed) {
		SegmentationNetwork net = create(config);
		initialize(net, manager, seed);
		return net;
	}

	/** Initialises the parameters of {@code net} (see {@link #createInitialized}). */
	public static void initialize(SegmentationNetwork net, NDManager manager, long seed) {
		NetworkConfig c = net.config();
		net.setInitializer(new KaimingNormal(net.initializationSlope(), seed), Parameter.Type.WEIGHT);
		long[] shape = new long[c.dims() + 2];
		shape[0] = 1;
		shape[1] = c.inChannels();
		System.arraycopy(net.smallestInputSize(), 0, shape, 2, c.dims());
		Engines.run(() -> net.initialize(manager, DataType.FLOAT32, new Shape(shape)));
	}

	/** Number of scalar parameters, from the parameter shapes (works before initialisation too, once shaped). */
	public static long parameterCount(SegmentationNetwork net) {
		long n = 0;
		for (Pair<String, Parameter> p : net.getParameters()) n += p.getValue().getShape().size();
		return n;
	}
}
