package io.segkit.nn;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * He/Kaiming normal initialisation for leaky-ReLU networks (nnU-Net: a = 0.01): N(0, std) with
 * std = sqrt(2 / (1 + a^2)) / sqrt(fan_in), fan_in = shape[1] * prod(shape[2:]). Values come from a seeded Java
 * generator, so the same seed gives the same weights on every engine and device; parameters are drawn in the
 * block graph's order, one stream per initializer.
 */
public final class KaimingNormal implements Initializer {

	private final double a;
	private final SplittableRandom random;

	public KaimingNormal(double negativeSlope, long seed) {
		this.a = negativeSlope;
		this.random = new SplittableRandom(seed);
	}

	/** The standard deviation for a weight of this shape. */
	public double std(Shape shape) {
		long fanIn = shape.dimension() < 2 ? shape.get(0) : shape.size() / shape.get(0);
		return Math.sqrt(2.0 / (1 + a * a)) / Math.sqrt(fanIn);
	}

	@Override
	public synchronized NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
		double std = std(shape);
		float[] v = new float[Math.toIntExact(shape.size())];
		for (int i = 0; i < v.length; i++) v[i] = (float) (gaussian() * std);
		return manager.create(v, shape).toType(dataType, false);
	}

	private double gaussian() { // Marsaglia polar method: SplittableRandom has no nextGaussian in Java 17
		double u, w, s;
		do {
			u = random.nextDouble(-1, 1);
			w = random.nextDouble(-1, 1);
			s = u * u + w * w;
		} while (s >= 1 || s == 0);
		return u * Math.sqrt(-2 * Math.log(s) / s);
	}
}
