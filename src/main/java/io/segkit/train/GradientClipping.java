package io.segkit.train;

import java.util.List;

import ai.djl.ndarray.NDArray;

/** Clipping by the global norm over all gradients, as torch.nn.utils.clip_grad_norm_. */
public final class GradientClipping {

	private GradientClipping() {}

	/**
	 * Scales all gradients in place by maxNorm / (norm + 1e-6) when that is below 1, where norm is the L2 norm of
	 * all gradients together. Returns the norm before clipping.
	 */
	public static double clipGlobalNorm(List<NDArray> gradients, double maxNorm) {
		double[] norm = new double[1];
		NoGrad.run(() -> {
			double sum = 0;
			for (NDArray g : gradients) {
				try (NDArray square = g.square(); NDArray s = square.sum()) {
					sum += s.getFloat();
				}
			}
			norm[0] = Math.sqrt(sum);
			double scale = maxNorm / (norm[0] + 1e-6);
			if (scale < 1) for (NDArray g : gradients) g.muli((float) scale);
		});
		return norm[0];
	}
}
