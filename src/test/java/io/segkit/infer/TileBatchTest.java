package io.segkit.infer;

import static io.segkit.infer.InferTesting.network;
import static io.segkit.infer.InferTesting.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;

import io.segkit.model.ModelSpec;
import io.segkit.nn.Networks;

/** The sliding window's automatic tiles per batch: 4 on the CPU, on a GPU what half its free memory holds. */
class TileBatchTest {

	/**
	 * A 3-stage 2D U-Net (features 4, 8, 8; strides 1, 2, 2; 2 channels, 3 classes) on a 16 x 16 patch: stages of
	 * 256, 64 and 16 pixels; encoder 2 x (4 x 256 + 8 x 64 + 8 x 16) = 3328, decoder (2 + 1) x 8 x 64 + (2 + 1) x 4 x
	 * 256 = 4608, head 3 x 256 = 768, input and scores (2 + 3) x 256 = 1280: 9984 floats.
	 */
	@Test
	void bytesPerTileFollowNnUNetsFeatureMapEstimate() {
		assertEquals(9984L * 4, TileBatch.bytesPerTile(spec(network(2, 3), 16, 16)));
	}

	@Test
	void theCpuAndAGpuOfUnknownMemoryGetFourTiles() {
		assertEquals(4, TileBatch.automatic(false, OptionalLong.of(64L << 30), 1000));
		assertEquals(4, TileBatch.automatic(true, OptionalLong.empty(), 1000));
	}

	@Test
	void aGpuGetsWhatHalfItsFreeMemoryHoldsBetweenOneAndThirtyTwo() {
		assertEquals(5, TileBatch.automatic(true, OptionalLong.of(1_000_000), 100_000));
		assertEquals(1, TileBatch.automatic(true, OptionalLong.of(150_000), 100_000), "less than one tile fits: 1");
		assertEquals(32, TileBatch.automatic(true, OptionalLong.of(80L << 30), 100_000));
	}

	@Test
	void automaticOptionsOnTheCpuSendFourTiles() {
		ModelSpec spec = spec(network(2, 3), 16, 16);
		try (NDManager m = InferTesting.manager()) {
			SlidingWindowPredictor p = new SlidingWindowPredictor(InferTesting.model(spec, Networks.createInitialized(
				spec.network(), m, 1)), m, SlidingWindowPredictor.Options.defaults());
			assertEquals(4, p.batchSize());
			assertEquals(3, new SlidingWindowPredictor(InferTesting.model(spec, Networks.createInitialized(spec
				.network(), m, 1)), m, SlidingWindowPredictor.Options.defaults().withBatchSize(3)).batchSize());
		}
	}
}
