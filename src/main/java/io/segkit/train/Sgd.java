package io.segkit.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * SGD with Nesterov momentum and L2 weight decay, as torch.optim.SGD(nesterov=True, dampening=0):
 * g = grad + wd w; b = mu b + g; w = w - lr (g + mu b). Buffers start at 0, which makes the first step's b = g
 * as in torch.
 */
public final class Sgd implements ParameterOptimizer {

	private final double momentum;
	private final double weightDecay;
	private final List<NDArray> buffers = new ArrayList<>();

	public Sgd(List<NDArray> weights, double momentum, double weightDecay) {
		this.momentum = momentum;
		this.weightDecay = weightDecay;
		for (NDArray w : weights) buffers.add(w.zerosLike());
	}

	@Override
	public void step(List<NDArray> weights, List<NDArray> gradients, double lr) {
		NoGrad.run(() -> {
			for (int i = 0; i < weights.size(); i++) update(weights.get(i), gradients.get(i), buffers.get(i), lr);
		});
	}

	private void update(NDArray w, NDArray g, NDArray buffer, double lr) {
		if (weightDecay != 0) {
			try (NDArray decay = w.mul((float) weightDecay)) {
				g.addi(decay);
			}
		}
		buffer.muli((float) momentum).addi(g);
		try (NDArray step = buffer.mul((float) momentum)) {
			step.addi(g).muli((float) lr);
			w.subi(step);
		}
		ParameterOptimizer.zero(g);
	}

	@Override
	public NDList state() {
		return new NDList(buffers);
	}

	@Override
	public void restore(NDList state) {
		ParameterOptimizer.copyState(state, buffers, "SGD momentum");
	}

	@Override
	public String describe() {
		return "SGD Nesterov momentum " + momentum + " weight decay " + weightDecay;
	}
}
