package io.segkit.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

import io.segkit.SegKitException;

/**
 * nnU-Net's plain U-Net (and, with {@link Architecture#UNET_2015}, the original unpadded U-Net; with
 * {@link Architecture#ATTENTION_UNET}, attention-gated skips, see {@link AttentionUNet}).
 * <p>
 * Encoder stage s: conv-InstanceNorm-LeakyReLU twice, the first conv strided by strides[s] (down-sampling).
 * Decoder stage s (from the bottom up): kernel = stride transposed conv to features[s], concatenation with the skip
 * of stage s (up-sampled map first, as nnU-Net), conv-InstanceNorm-LeakyReLU twice, and a 1x1 head to the classes
 * (heads only where used: every decoder stage with deep supervision, else stage 0).
 * <p>
 * 2015 variant: unpadded convs with ReLU and no normalisation, 2x2 max-pool before each stage s > 0, skips
 * centre-cropped to the up-sampled map.
 */
public class PlainUNet extends SegmentationNetwork {

	private final boolean original;
	private final List<Block> encoder = new ArrayList<>();
	private final Block[] up;
	private final Block[] gates;
	private final Block[] decoder;
	private final Block[] heads;

	public PlainUNet(NetworkConfig config) {
		this(config, false);
	}

	protected PlainUNet(NetworkConfig config, boolean attention) {
		super(config);
		original = config.architecture() == Architecture.UNET_2015;
		int d = config.dims();
		int stages = config.stages();
		for (int s = 0; s < stages; s++) {
			encoder.add(addChildBlock("encoder" + s, stage(s, config.stride(s))));
		}
		up = new Block[stages - 1];
		gates = new Block[stages - 1];
		decoder = new Block[stages - 1];
		heads = new Block[stages - 1];
		for (int s = stages - 2; s >= 0; s--) {
			up[s] = addChildBlock("up" + s, new UpConv(d, config.feature(s), config.stride(s + 1)));
			if (attention) {
				gates[s] = addChildBlock("gate" + s, new AttentionGate(d, config.feature(s), Math.max(1,
						config.feature(s) / 2), config.stride(s + 1)));
			}
			decoder[s] = addChildBlock("decoder" + s, stage(s, Layers.ones(d)));
			if (s == 0 || config.deepSupervision()) {
				heads[s] = addChildBlock("head" + s, Layers.pointwise(d, config.classes(), true));
			}
		}
	}

	private SequentialBlock stage(int s, int[] firstStride) {
		int d = config.dims();
		int f = config.feature(s);
		int[] k = config.kernel(s);
		if (!original) {
			return new SequentialBlock().add(Layers.convNormAct(d, f, k, firstStride)).add(Layers.convNormAct(d, f, k,
					Layers.ones(d)));
		}
		SequentialBlock b = new SequentialBlock();
		if (!Arrays.equals(firstStride, Layers.ones(d))) b.add(Layers.maxPool(firstStride));
		int[] one = Layers.ones(d);
		return b.add(Layers.conv(d, f, k, one, new int[d], true)).add(Layers.relu()).add(Layers.conv(d, f, k, one,
				new int[d], true)).add(Layers.relu());
	}

	@Override
	protected Shape[] walk(Shape input, NDManager manager, DataType dataType) {
		Shape x = input;
		Shape[] skips = new Shape[encoder.size()];
		for (int s = 0; s < encoder.size(); s++) {
			x = init(encoder.get(s), x, manager, dataType);
			skips[s] = x;
		}
		List<Shape> outputs = new ArrayList<>();
		for (int s = encoder.size() - 2; s >= 0; s--) {
			Shape g = x;
			x = init(up[s], x, manager, dataType);
			Shape skip = cropShape(skips[s], x);
			if (gates[s] != null) {
				if (manager != null) gates[s].initialize(manager, dataType, skip, g);
			}
			x = init(decoder[s], concatChannels(x, skip), manager, dataType);
			if (heads[s] != null) outputs.add(init(heads[s], x, manager, dataType));
		}
		Collections.reverse(outputs);
		return outputs.toArray(new Shape[0]);
	}

	private static Shape cropShape(Shape skip, Shape like) {
		long[] d = skip.getShape().clone();
		for (int a = 2; a < d.length; a++) d[a] = like.get(a);
		return new Shape(d);
	}

	@Override
	protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
		NDArray x = inputs.head();
		NDArray[] skips = new NDArray[encoder.size()];
		for (int s = 0; s < encoder.size(); s++) {
			x = encoder.get(s).forward(ps, new NDList(x), training).head();
			skips[s] = x;
		}
		List<NDArray> outputs = new ArrayList<>();
		for (int s = encoder.size() - 2; s >= 0; s--) {
			NDArray g = x;
			x = up[s].forward(ps, new NDList(x), training).head();
			NDArray skip = Ops.centerCrop(skips[s], x.getShape());
			if (gates[s] != null) skip = gates[s].forward(ps, new NDList(skip, g), training).head();
			x = decoder[s].forward(ps, new NDList(NDArrays.concat(new NDList(x, skip), 1)), training).head();
			if (heads[s] != null) outputs.add(heads[s].forward(ps, new NDList(x), training).head());
		}
		Collections.reverse(outputs);
		return new NDList(outputs);
	}

	@Override
	public long[] outputSize(long[] inputSize) {
		if (!original) return super.outputSize(inputSize);
		long[] size = inputSize.clone();
		int stages = config.stages();
		for (int s = 0; s < stages; s++) {
			int[] st = config.stride(s);
			int[] k = config.kernel(s);
			for (int a = 0; a < size.length; a++) {
				if (size[a] % st[a] != 0) throw unfit(inputSize);
				size[a] = size[a] / st[a] - 2L * (k[a] - 1);
				if (size[a] < 1) throw unfit(inputSize);
			}
		}
		for (int s = stages - 2; s >= 0; s--) {
			int[] st = config.stride(s + 1);
			int[] k = config.kernel(s);
			for (int a = 0; a < size.length; a++) {
				size[a] = size[a] * st[a] - 2L * (k[a] - 1);
				if (size[a] < 1) throw unfit(inputSize);
			}
		}
		return size;
	}

	@Override
	public void requireValidInput(long[] size) {
		if (original) outputSize(size);
		else super.requireValidInput(size);
	}

	@Override
	public long[] smallestInputSize() {
		if (!original) return super.smallestInputSize();
		long[] s = new long[config.dims()];
		for (int a = 0; a < s.length; a++) {
			for (long n = 1;; n++) {
				long[] probe = new long[s.length];
				Arrays.fill(probe, n);
				try {
					outputSize(probe);
					s[a] = n;
					break;
				}
				catch (SegKitException e) {
					// try the next size
				}
			}
		}
		return s;
	}

	private SegKitException unfit(long[] size) {
		return new SegKitException("The input size " + Arrays.toString(size) + " does not fit the unpadded 2015 "
				+ "U-Net: every max-pool must divide its input exactly and every map must keep at least one pixel "
				+ "(e.g. 572 x 572 gives 388 x 388).");
	}
}
