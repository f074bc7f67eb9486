package io.segkit.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

/**
 * SegNet (Badrinarayanan et al. 2017) on SegKit's stages: the decoder up-samples with the encoder's max-pooling
 * indices (each value goes back to where its window's maximum was, zeros elsewhere), no skip features.
 * <p>
 * Encoder stage s: for s > 0 a max pool with kernel = stride = strides[s] (its first-maximum positions kept, see
 * {@link Ops#maxPoolFirstMaxMask}), then conv-IN-LeakyReLU twice with features[s]. Decoder stage s (from the
 * bottom): conv-IN-LeakyReLU with features[s], then one to the channels the next unpooling needs (features[s - 1];
 * features[0] at stage 0), then unpooling with the indices of stage s's pool. 1x1 heads as the U-Net (stage 0, and
 * every coarser decoder stage with deep supervision). The paper's VGG-16 has 2-3 convs per stage and BatchNorm;
 * here 2 per stage (as the U-Nets) and InstanceNorm + LeakyReLU.
 */
public class SegNet extends SegmentationNetwork {

	private final Block[] encoder;
	private final Block[] decoder;
	private final Block[] heads;

	public SegNet(NetworkConfig config) {
		super(config);
		int d = config.dims();
		int n = config.stages();
		encoder = new Block[n];
		decoder = new Block[n];
		heads = new Block[n];
		for (int s = 0; s < n; s++) {
			int f = config.feature(s);
			encoder[s] = addChildBlock("encoder" + s, twoConvs(d, f, f, config.kernel(s)));
		}
		for (int s = n - 1; s >= 0; s--) {
			int out = config.feature(Math.max(0, s - 1));
			decoder[s] = addChildBlock("decoder" + s, twoConvs(d, config.feature(s), out, config.kernel(s)));
			if (s == 0 || config.deepSupervision() && s < n - 1) {
				heads[s] = addChildBlock("head" + s, Layers.pointwise(d, config.classes(), true));
			}
		}
	}

	/**
	 * a = sqrt(5): PyTorch's default conv variance, 1 / (3 fan_in), a sixth of nnU-Net's. Every conv is followed by
	 * InstanceNorm, so the weights' scale only sets how far a step moves them: with nnU-Net's larger weights the
	 * decoder, which has no skip features, learns six times slower, and on test-images/3d the full-resolution output
	 * stayed background for the whole 9-minute shoot-out (225 steps). A PyTorch replica of this layout did the same
	 * with nnU-Net's initialisation and learned within 90 steps with PyTorch's (README, architecture shoot-out).
	 */
	@Override
	public double initializationSlope() {
		return Math.sqrt(5);
	}

	private static SequentialBlock twoConvs(int dims, int first, int second, int[] kernel) {
		int[] one = Layers.ones(dims);
		return new SequentialBlock().add(Layers.convNormAct(dims, first, kernel, one)).add(Layers.convNormAct(dims,
				second, kernel, one));
	}

	@Override
	protected Shape[] walk(Shape input, NDManager manager, DataType dataType) {
		Shape x = input;
		Shape[] sizes = new Shape[encoder.length];
		for (int s = 0; s < encoder.length; s++) {
			if (s > 0) x = pooledShape(x, config.stride(s));
			x = init(encoder[s], x, manager, dataType);
			sizes[s] = x;
		}
		List<Shape> outputs = new ArrayList<>();
		for (int s = decoder.length - 1; s >= 0; s--) {
			if (s < decoder.length - 1) x = Ops.withChannels(sizes[s], x.get(1)); // unpooled to stage s's size
			x = init(decoder[s], x, manager, dataType);
			if (heads[s] != null) outputs.add(init(heads[s], x, manager, dataType));
		}
		Collections.reverse(outputs);
		return outputs.toArray(new Shape[0]);
	}

	private static Shape pooledShape(Shape s, int[] stride) {
		long[] d = s.getShape().clone();
		for (int a = 0; a < stride.length; a++) d[2 + a] /= stride[a];
		return new Shape(d);
	}

	@Override
	protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
		NDArray x = inputs.head();
		NDArray[] masks = new NDArray[encoder.length];
		for (int s = 0; s < encoder.length; s++) {
			if (s > 0) {
				NDArray pooled = Layers.maxPool(x, config.stride(s), false);
				masks[s] = Ops.maxPoolFirstMaxMask(x, pooled, config.stride(s));
				x = pooled;
			}
			x = encoder[s].forward(ps, new NDList(x), training).head();
		}
		List<NDArray> outputs = new ArrayList<>();
		for (int s = decoder.length - 1; s >= 0; s--) {
			if (s < decoder.length - 1) x = Ops.maxUnpool(x, masks[s + 1], config.stride(s + 1));
			x = decoder[s].forward(ps, new NDList(x), training).head();
			if (heads[s] != null) outputs.add(heads[s].forward(ps, new NDList(x), training).head());
		}
		Collections.reverse(outputs);
		return new NDList(outputs);
	}
}
