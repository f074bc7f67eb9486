package io.segkit.nn;

import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import io.segkit.engine.Engines;

/** Shared helpers for the network tests. */
final class NnTesting {

	private NnTesting() {}

	static NDManager manager() {
		return Engines.call(() -> Engines.pytorch().newBaseManager(Device.cpu()));
	}

	static float[] random(Random r, int n) {
		float[] v = new float[n];
		for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
		return v;
	}

	/** The parameter whose (prefixed) name ends with {@code suffix}. */
	static Parameter parameter(Block block, String suffix) {
		for (Pair<String, Parameter> p : block.getParameters()) {
			if (p.getKey().endsWith(suffix)) return p.getValue();
		}
		throw new AssertionError("no parameter *" + suffix + " in " + block.getParameters().keys());
	}

	/** Fills a parameter with random values and returns them. */
	static float[] randomize(Parameter p, Random r) {
		NDArray a = p.getArray();
		float[] v = random(r, Math.toIntExact(a.getShape().size()));
		a.set(v);
		return v;
	}

	static long[] dims(long... d) {
		return d;
	}

	static Shape shape(long... d) {
		return new Shape(d);
	}
}
