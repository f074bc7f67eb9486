package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The replacement operations equal PyTorch's own: expected values made by src/test/python/reference_ops.py (Debian's
 * python3-torch 1.13) and stored in reference-ops.json. Max unpooling with the derived indices on ties and odd sizes
 * (the left-over border of floor mode), adaptive average pooling on sizes the bins do not divide, nearest resizing
 * and linear up-sampling.
 */
class OpsReferenceTest extends WithManager {

	private static JsonObject cases;

	@BeforeAll
	static void read() throws IOException {
		try (Reader r = new InputStreamReader(OpsReferenceTest.class.getResourceAsStream("reference-ops.json"),
				StandardCharsets.UTF_8)) {
			cases = new Gson().fromJson(r, JsonObject.class).getAsJsonObject("cases");
		}
	}

	private static float[] floats(JsonObject c, String key) {
		return new Gson().fromJson(c.get(key), float[].class);
	}

	private static int[] ints(JsonObject c, String key) {
		return new Gson().fromJson(c.get(key), int[].class);
	}

	private static Shape shape(JsonObject c, String key) {
		int[] d = ints(c, key);
		long[] l = new long[d.length];
		for (int i = 0; i < d.length; i++) l[i] = d[i];
		return new Shape(l);
	}

	private static NDArray array(NDManager m, JsonObject c, String values, String shape) {
		return m.create(floats(c, values), shape(c, shape));
	}

	@Test
	void maxUnpoolingWithDerivedIndicesEqualsPyTorch() {
		for (String name : new String[] {"unpool2d_odd", "unpool2d_anisotropic", "unpool3d_odd"}) {
			JsonObject c = cases.getAsJsonObject(name);
			try (NDManager m = manager.newSubManager()) {
				NDArray x = array(m, c, "input", "inputShape");
				int[] kernel = ints(c, "kernel");
				NDArray pooled = Layers.maxPool(x, kernel, false);
				assertArrayEquals(floats(c, "pooled"), pooled.toFloatArray(), 0f, name + " pooled");
				NDArray mask = Ops.maxPoolFirstMaxMask(x, pooled, kernel);
				NDArray out = Ops.maxUnpool(array(m, c, "values", "pooledShape"), mask, kernel);
				assertArrayEquals(floats(c, "expected"), out.toFloatArray(), 0f, name);
			}
		}
	}

	@Test
	void adaptiveAveragePoolingEqualsPyTorch() {
		for (String name : new String[] {"adaptive2d_7x5_bins3x2", "adaptive2d_7x5_bins6x6",
				"adaptive3d_5x7x11_bins2x3x6"}) {
			JsonObject c = cases.getAsJsonObject(name);
			try (NDManager m = manager.newSubManager()) {
				NDArray y = Ops.adaptiveAvgPool(array(m, c, "input", "inputShape"), ints(c, "bins"));
				assertArrayEquals(shape(c, "expectedShape").getShape(), y.getShape().getShape(), name);
				assertArrayEquals(floats(c, "expected"), y.toFloatArray(), 1e-5f, name);
			}
		}
	}

	@Test
	void nearestResizeEqualsPyTorch() {
		for (String name : new String[] {"nearest2d_3x2_to_7x5", "nearest3d_2x3x6_to_5x7x11"}) {
			JsonObject c = cases.getAsJsonObject(name);
			try (NDManager m = manager.newSubManager()) {
				int[] size = ints(c, "size");
				long[] s = new long[size.length];
				for (int a = 0; a < s.length; a++) s[a] = size[a];
				NDArray y = Ops.resizeNearest(array(m, c, "input", "inputShape"), s);
				assertArrayEquals(shape(c, "expectedShape").getShape(), y.getShape().getShape(), name);
				assertArrayEquals(floats(c, "expected"), y.toFloatArray(), 0f, name);
			}
		}
	}

	@Test
	void linearUpsamplingEqualsPyTorch() {
		for (String name : new String[] {"linear2d_x2x3", "linear3d_x1x2x4"}) {
			JsonObject c = cases.getAsJsonObject(name);
			try (NDManager m = manager.newSubManager()) {
				NDArray y = Ops.upsampleLinear(array(m, c, "input", "inputShape"), ints(c, "factors"));
				assertArrayEquals(shape(c, "expectedShape").getShape(), y.getShape().getShape(), name);
				assertArrayEquals(floats(c, "expected"), y.toFloatArray(), 1e-5f, name);
			}
		}
	}
}
