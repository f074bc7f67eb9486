package io.segkit.nn;

import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A parameter-free block from a function and its exact shape rule. DJL's LambdaBlock finds output shapes by
 * running the function on zeros; this one computes them, which is cheap and needs no engine.
 */
final class ShapeLambda extends AbstractBlock {

	private final String name;
	private final UnaryOperator<NDArray> function;
	private final UnaryOperator<Shape> shapeRule;

	ShapeLambda(String name, UnaryOperator<NDArray> function, UnaryOperator<Shape> shapeRule) {
		this.name = name;
		this.function = function;
		this.shapeRule = shapeRule;
	}

	/** An element-wise function (same shape out). */
	static ShapeLambda elementwise(String name, UnaryOperator<NDArray> function) {
		return new ShapeLambda(name, function, s -> s);
	}

	@Override
	protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
		return new NDList(function.apply(inputs.singletonOrThrow()));
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] {shapeRule.apply(inputShapes[0])};
	}

	@Override
	public String toString() {
		return name;
	}
}
