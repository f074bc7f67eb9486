package io.segkit.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Runs tensor code with PyTorch's gradient recording off on this thread (torch.no_grad): for in-place parameter
 * updates (not allowed on recorded leaves) and for validation forwards (which would otherwise record graphs).
 */
final class NoGrad {

	private NoGrad() {}

	static void run(Runnable action) {
		boolean before = JniUtils.isGradMode();
		JniUtils.setGradMode(false);
		try {
			action.run();
		}
		finally {
			JniUtils.setGradMode(before);
		}
	}
}
