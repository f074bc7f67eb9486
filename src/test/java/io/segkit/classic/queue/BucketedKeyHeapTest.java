package io.segkit.classic.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The bucketed heap pops exactly what one binary heap pops, in the same order. */
class BucketedKeyHeapTest {

	@Test
	void samePopsAsKeyHeapUnderRandomPushesAndPops() {
		Random random = new Random(5);
		KeyHeap reference = new KeyHeap(16);
		BucketedKeyHeap bucketed = new BucketedKeyHeap();
		long arrival = 0;
		for (int step = 0; step < 200_000; step++) {
			if (reference.isEmpty() || random.nextInt(5) < 3) {
				// clustered, tied, negative, zero and large priorities
				float priority = switch (random.nextInt(5)) {
					case 0 -> random.nextInt(10);
					case 1 -> (float) random.nextGaussian() * 100;
					case 2 -> -0.0f;
					case 3 -> random.nextFloat() * 1e-3f;
					default -> random.nextFloat() * 1e6f;
				};
				long key = KeyHeap.key(priority, arrival++);
				reference.push(key, step);
				bucketed.push(key, step);
			} else {
				assertEquals(reference.peekKey(), bucketed.peekKey());
				assertEquals(reference.pop(), bucketed.pop());
			}
			assertEquals(reference.size(), bucketed.size());
		}
		while (!reference.isEmpty()) assertEquals(reference.pop(), bucketed.pop());
		assertTrue(bucketed.isEmpty());
	}
}
