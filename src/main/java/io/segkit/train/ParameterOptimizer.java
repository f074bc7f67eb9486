package io.segkit.train;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * An optimiser whose state is plain NDArrays, so a checkpoint can store it and a resumed run continue exactly.
 * (DJL's own optimisers keep their state private and cannot clip by the global norm.) Updates run with gradient
 * recording off and zero the gradients afterwards; temporaries are closed at once because arrays attach to the
 * parameters' long-lived manager.
 */
public interface ParameterOptimizer {

	/** Updates every weight from its gradient at learning rate {@code lr}, then zeroes the gradients. */
	void step(List<NDArray> weights, List<NDArray> gradients, double lr);

	/** The state in a fixed order (buffers per weight, then counters as arrays). */
	NDList state();

	/** Copies a {@link #state()} of an optimiser of the same kind over the same weights into this one. */
	void restore(NDList state);

	/** For the model summary, e.g. "SGD Nesterov momentum 0.99 ...". */
	String describe();

	/** Zeroes a gradient in place (torch's zero_grad). */
	static void zero(NDArray gradient) {
		gradient.subi(gradient);
	}

	/** Copies saved arrays over the optimiser's own, checking the count and shapes. */
	static void copyState(NDList saved, List<NDArray> own, String what) {
		if (saved.size() != own.size()) {
			throw new io.segkit.SegKitException("The checkpoint's " + what + " state has " + saved.size()
				+ " arrays but this network needs " + own.size() + "; it belongs to another network or optimizer.");
		}
		for (int i = 0; i < own.size(); i++) {
			if (!saved.get(i).getShape().equals(own.get(i).getShape())) {
				throw new io.segkit.SegKitException("The checkpoint's " + what + " state does not fit this network "
					+ "(array " + i + " is " + saved.get(i).getShape() + ", expected " + own.get(i).getShape() + ").");
			}
			saved.get(i).copyTo(own.get(i));
		}
	}
}
