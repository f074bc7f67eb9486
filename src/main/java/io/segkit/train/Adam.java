package io.segkit.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Adam as torch.optim.Adam (L2 weight decay added to the gradient, bias-corrected moments):
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w = w - lr m/(1-b1^t) / (sqrt(v/(1-b2^t)) + eps).
 */
public final class Adam implements ParameterOptimizer {

	private final double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
	private final double weightDecay;
	private final List<NDArray> first = new ArrayList<>();
	private final List<NDArray> second = new ArrayList<>();
	private final NDArray steps; // one element: the step count t, so it travels with the rest of the state

	public Adam(List<NDArray> weights, double weightDecay) {
		this.weightDecay = weightDecay;
		for (NDArray w : weights) {
			first.add(w.zerosLike());
			second.add(w.zerosLike());
		}
		steps = weights.get(0).getManager().zeros(new ai.djl.ndarray.types.Shape(1));
	}

	@Override
	public void step(List<NDArray> weights, List<NDArray> gradients, double lr) {
		NoGrad.run(() -> {
			steps.addi(1);
			int t = Math.round(steps.getFloat(0));
			double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
			for (int i = 0; i < weights.size(); i++) {
				update(weights.get(i), gradients.get(i), first.get(i), second.get(i), lr / c1, Math.sqrt(c2));
			}
		});
	}

	private void update(NDArray w, NDArray g, NDArray m, NDArray v, double stepSize, double sqrtC2) {
		if (weightDecay != 0) {
			try (NDArray decay = w.mul((float) weightDecay)) {
				g.addi(decay);
			}
		}
		m.muli((float) beta1);
		try (NDArray scaled = g.mul((float) (1 - beta1))) {
			m.addi(scaled);
		}
		v.muli((float) beta2);
		try (NDArray square = g.square()) {
			v.addi(square.muli((float) (1 - beta2)));
		}
		try (NDArray denominator = v.sqrt(); NDArray update = m.mul((float) stepSize)) {
			denominator.divi((float) sqrtC2).addi((float) eps);
			w.subi(update.divi(denominator));
		}
		ParameterOptimizer.zero(g);
	}

	@Override
	public NDList state() {
		NDList s = new NDList(first);
		s.addAll(second);
		s.add(steps);
		return s;
	}

	@Override
	public void restore(NDList state) {
		List<NDArray> own = new ArrayList<>(first);
		own.addAll(second);
		own.add(steps);
		ParameterOptimizer.copyState(state, own, "Adam");
	}

	@Override
	public String describe() {
		return "Adam beta (" + beta1 + ", " + beta2 + ") weight decay " + weightDecay;
	}
}
