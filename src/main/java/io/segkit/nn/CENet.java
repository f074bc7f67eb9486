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
 * CE-Net (Gu et al. 2019), adapted to SegKit's configurable 2D/3D stages: a residual encoder (stage 0: a
 * conv-IN-LeakyReLU stem and one residual block; stage s > 0: a residual block strided by strides[s] and a second
 * one), the context extractor (a {@link DacBlock} and an {@link RmpBlock} on the deepest features), and decoder
 * blocks (1x1 conv to a quarter of the channels, kernel = stride transposed conv, 1x1 conv to the skip's channels,
 * each followed by IN and LeakyReLU) whose output is added to the skip, as CE-Net does. The paper's pretrained
 * ResNet-34 encoder with its 7x7 stem and BatchNorm is replaced by these configurable stages (no pretrained
 * weights; InstanceNorm for small batches); 1x1 heads as the plain U-Net.
 */
public class CENet extends SegmentationNetwork {

	private final List<Block> encoder = new ArrayList<>();
	private final Block dac;
	private final Block rmp;
	private final Block[] decoder;
	private final Block[] heads;

	public CENet(NetworkConfig config) {
		super(config);
		int d = config.dims();
		int stages = config.stages();
		int[] one = Layers.ones(d);
		for (int s = 0; s < stages; s++) {
			int f = config.feature(s);
			int[] k = config.kernel(s);
			SequentialBlock stage = new SequentialBlock();
			if (s == 0) {
				stage.add(Layers.convNormAct(d, f, k, one)).add(new ResidualBlock(d, f, f, k, one));
			}
			else {
				stage.add(new ResidualBlock(d, config.feature(s - 1), f, k, config.stride(s))).add(new ResidualBlock(d, f,
						f, k, one));
			}
			encoder.add(addChildBlock("encoder" + s, stage));
		}
		int bottom = config.feature(stages - 1);
		dac = addChildBlock("dac", new DacBlock(d, bottom, config.kernel(stages - 1)));
		rmp = addChildBlock("rmp", new RmpBlock(d));
		decoder = new Block[stages - 1];
		heads = new Block[stages - 1];
		for (int s = stages - 2; s >= 0; s--) {
			int in = s == stages - 2 ? bottom + RmpBlock.KERNELS.length : config.feature(s + 1);
			int mid = Math.max(1, in / 4);
			decoder[s] = addChildBlock("decoder" + s, new SequentialBlock().add(pointwiseNormAct(d, mid)).add(new UpConv(d,
					mid, config.stride(s + 1))).add(new InstanceNorm()).add(Layers.leakyRelu()).add(pointwiseNormAct(d,
							config.feature(s))));
			if (s == 0 || config.deepSupervision()) {
				heads[s] = addChildBlock("head" + s, Layers.pointwise(d, config.classes(), true));
			}
		}
	}

	private static SequentialBlock pointwiseNormAct(int dims, int filters) {
		return new SequentialBlock().add(Layers.pointwise(dims, filters, true)).add(new InstanceNorm()).add(Layers
				.leakyRelu());
	}

	@Override
	protected Shape[] walk(Shape input, NDManager manager, DataType dataType) {
		Shape x = input;
		for (Block b : encoder) x = init(b, x, manager, dataType);
		x = init(dac, x, manager, dataType);
		x = init(rmp, x, manager, dataType);
		List<Shape> outputs = new ArrayList<>();
		for (int s = decoder.length - 1; s >= 0; s--) {
			x = init(decoder[s], x, manager, dataType);
			if (heads[s] != null) outputs.add(init(heads[s], x, manager, dataType));
		}
		Collections.reverse(outputs);
		return outputs.toArray(new Shape[0]);
	}

	@Override
	protected NDList forwardChecked(ParameterStore ps, NDList inputs, boolean training) {
		NDArray x = inputs.head();
		NDArray[] skips = new NDArray[encoder.size()];
		for (int s = 0; s < encoder.size(); s++) {
			x = encoder.get(s).forward(ps, new NDList(x), training).head();
			skips[s] = x;
		}
		x = dac.forward(ps, new NDList(x), training).head();
		x = rmp.forward(ps, new NDList(x), training).head();
		List<NDArray> outputs = new ArrayList<>();
		for (int s = decoder.length - 1; s >= 0; s--) {
			x = decoder[s].forward(ps, new NDList(x), training).head().add(skips[s]);
			if (heads[s] != null) outputs.add(heads[s].forward(ps, new NDList(x), training).head());
		}
		Collections.reverse(outputs);
		return new NDList(outputs);
	}
}
