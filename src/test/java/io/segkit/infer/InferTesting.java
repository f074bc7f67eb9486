package io.segkit.infer;

import java.util.List;
import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.segkit.engine.Engines;
import io.segkit.model.ChannelNormalization;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelSpec;
import io.segkit.nn.Architecture;
import io.segkit.nn.NetworkConfig;
import io.segkit.nn.SegmentationNetwork;

/** Tiny networks, specs and whole-image reference forwards for the inference tests. */
final class InferTesting {

	static final int CHANNELS = 2;
	static final int CLASSES = 3;

	private InferTesting() {}

	static NDManager manager() {
		return Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()));
	}

	/** A 3-stage plain U-Net (features 4, 8, 8; total stride 4) with deep supervision and the given kernel size. */
	static NetworkConfig network(int dims, int kernel) {
		int[][] k = new int[3][dims];
		int[][] s = new int[3][dims];
		for (int stage = 0; stage < 3; stage++) {
			java.util.Arrays.fill(k[stage], kernel);
			java.util.Arrays.fill(s[stage], stage == 0 ? 1 : 2);
		}
		return new NetworkConfig(Architecture.PLAIN_UNET, dims, CHANNELS, CLASSES, new int[] {4, 8, 8}, k, s, true);
	}

	static ModelSpec spec(NetworkConfig net, int... patch) {
		double[] spacing = new double[patch.length];
		java.util.Arrays.fill(spacing, 1);
		return new ModelSpec("test", net, List.of("DAPI", "GFP"), List.of("background", "nucleus", "border"), patch,
			spacing, "micron", List.of(ChannelNormalization.zScore(), ChannelNormalization.zScore()), null, "");
	}

	static LoadedModel model(ModelSpec spec, SegmentationNetwork... members) {
		return new LoadedModel(spec, List.of(members));
	}

	static float[][] random(long seed, int[] shape) {
		Random r = new Random(seed);
		float[][] c = new float[CHANNELS][shape[0] * shape[1] * shape[2]];
		for (float[] channel : c) for (int i = 0; i < channel.length; i++) channel[i] = (float) r.nextGaussian();
		return c;
	}

	/** An image that repeats with the given period (z, y, x), from random values. */
	static float[][] periodic(long seed, int[] shape, int[] period) {
		float[][] table = random(seed, period);
		float[][] c = new float[CHANNELS][shape[0] * shape[1] * shape[2]];
		for (int ch = 0; ch < CHANNELS; ch++) {
			int i = 0;
			for (int z = 0; z < shape[0]; z++) for (int y = 0; y < shape[1]; y++) for (int x = 0; x < shape[2]; x++) {
				c[ch][i++] = table[ch][((z % period[0]) * period[1] + y % period[1]) * period[2] + x % period[2]];
			}
		}
		return c;
	}

	/**
	 * One forward pass over the whole image: (1, C, Z, Y, X) for a 3D network, the Z slices as one batch for a 2D
	 * network. Returns logits [classes][Z*Y*X].
	 */
	static float[][] wholeForward(SegmentationNetwork net, NDManager manager, float[][] channels, int[] shape) {
		int z = net.config().dims() == 3 ? 1 : shape[0];
		int block = channels[0].length / z; // voxels per batch item
		float[] in = new float[CHANNELS * channels[0].length];
		for (int n = 0; n < z; n++) {
			for (int c = 0; c < CHANNELS; c++) System.arraycopy(channels[c], n * block, in, (n * CHANNELS + c) * block,
				block);
		}
		Shape s = net.config().dims() == 3 ? new Shape(1, CHANNELS, shape[0], shape[1], shape[2])
			: new Shape(z, CHANNELS, shape[1], shape[2]);
		float[] out;
		try (NDManager m = manager.newSubManager()) {
			NDArray x = m.create(in, s);
			out = net.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
		}
		float[][] logits = new float[CLASSES][channels[0].length];
		for (int n = 0; n < z; n++) {
			for (int k = 0; k < CLASSES; k++) System.arraycopy(out, (n * CLASSES + k) * block, logits[k], n * block,
				block);
		}
		return logits;
	}

	/** Copies the box [origin, origin + size) of an image (zeros outside it) into a new image of that size. */
	static float[][] box(float[][] image, int[] shape, int[] origin, int[] size) {
		float[][] out = new float[image.length][size[0] * size[1] * size[2]];
		for (int c = 0; c < image.length; c++) {
			int i = 0;
			for (int z = 0; z < size[0]; z++) for (int y = 0; y < size[1]; y++) for (int x = 0; x < size[2]; x++, i++) {
				int iz = origin[0] + z, iy = origin[1] + y, ix = origin[2] + x;
				boolean inside = iz >= 0 && iz < shape[0] && iy >= 0 && iy < shape[1] && ix >= 0 && ix < shape[2];
				out[c][i] = inside ? image[c][(iz * shape[1] + iy) * shape[2] + ix] : 0;
			}
		}
		return out;
	}

	static float maxDifference(float[][] a, float[][] b) {
		if (a.length != b.length) throw new AssertionError("class counts differ: " + a.length + " and " + b.length);
		float max = 0;
		for (int k = 0; k < a.length; k++) {
			if (a[k].length != b[k].length) throw new AssertionError("lengths differ");
			for (int i = 0; i < a[k].length; i++) max = Math.max(max, Math.abs(a[k][i] - b[k][i]));
		}
		return max;
	}
}
