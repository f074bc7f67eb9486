package io.segkit.classic.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;

class KeyHeapTest {

	/** Keys must sort as the priorities do, across signs, zeros, infinities and subnormals. */
	@Test
	void keysOrderLikeTheirFloatPriorities() {
		float[] ascending = { Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1e10f, -2.5f, -1f, -Float.MIN_NORMAL,
			-Float.MIN_VALUE, 0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-3f, 1f, Math.nextUp(1f), 2.5f, 1e10f,
			Float.MAX_VALUE, Float.POSITIVE_INFINITY };
		for (int i = 0; i < ascending.length; i++) {
			for (int j = 0; j < ascending.length; j++) {
				long a = KeyHeap.key(ascending[i], 0), b = KeyHeap.key(ascending[j], 0);
				assertEquals(Integer.signum(Integer.compare(i, j)), Long.signum(Long.compare(a, b)), ascending[i] + " vs " +
					ascending[j]);
			}
		}
		// a later arrival never overtakes a smaller priority, even with the largest arrival value
		assertTrue(KeyHeap.key(-1f, 0xffffffffL) < KeyHeap.key(Math.nextUp(-1f), 0));
		assertTrue(KeyHeap.key(1f, 0xffffffffL) < KeyHeap.key(Math.nextUp(1f), 0));
	}

	@Test
	void minusZeroIsPlusZeroAndArrivalBreaksTies() {
		assertEquals(KeyHeap.key(0f, 7), KeyHeap.key(-0f, 7));
		assertTrue(KeyHeap.key(-0f, 1) < KeyHeap.key(0f, 2));
		assertTrue(KeyHeap.key(3f, 1) < KeyHeap.key(3f, 2));
		assertTrue(KeyHeap.key(-3f, 1) < KeyHeap.key(-3f, 2));
		// arrival is unsigned 32-bit: 2^31 comes after 2^31 - 1, and only the low 32 bits count
		assertTrue(KeyHeap.key(3f, 0x7fffffffL) < KeyHeap.key(3f, 0x80000000L));
		assertEquals(KeyHeap.key(3f, 5), KeyHeap.key(3f, (1L << 32) + 5));
	}

	@Test
	void popsInKeyOrderAndTiesLeaveFirstInFirstOut() {
		KeyHeap heap = new KeyHeap(1); // starts at 16 and must grow
		assertTrue(heap.isEmpty());
		float[] priorities = { 5, 1, 3, 1, 5, -2, 3, 1, 0, -0f };
		for (int i = 0; i < priorities.length; i++) heap.push(KeyHeap.key(priorities[i], i), i);
		assertEquals(priorities.length, heap.size());
		assertEquals(KeyHeap.key(-2, 5), heap.peekKey());
		// -2 (5), then the zeros in arrival order (8, 9), 1s (1, 3, 7), 3s (2, 6), 5s (0, 4)
		long[] expected = { 5, 8, 9, 1, 3, 7, 2, 6, 0, 4 };
		for (int k = 0; k < expected.length; k++) {
			assertEquals(expected[k], heap.pop(), "pop " + k);
			assertEquals(expected.length - k - 1, heap.size());
		}
		assertTrue(heap.isEmpty());
	}

	/** Random interleaved pushes and pops against java.util.PriorityQueue on the same keys, through growth. */
	@Test
	void matchesPriorityQueueOnRandomInterleavedOperations() {
		Random random = new Random(12);
		KeyHeap heap = new KeyHeap(16);
		PriorityQueue<long[]> reference = new PriorityQueue<>(Comparator.comparingLong((long[] e) -> e[0]));
		List<Long> popped = new ArrayList<>(), expected = new ArrayList<>();
		long arrival = 0;
		for (int step = 0; step < 20000; step++) {
			if (reference.isEmpty() || random.nextInt(5) < 3) {
				float priority = random.nextInt(50) - 25 + (random.nextBoolean() ? 0.5f : 0f);
				long key = KeyHeap.key(priority, arrival);
				long payload = random.nextLong();
				heap.push(key, payload);
				reference.add(new long[] { key, payload });
				arrival++;
			} else {
				assertEquals(reference.peek()[0], heap.peekKey());
				expected.add(reference.poll()[1]);
				popped.add(heap.pop());
			}
			assertEquals(reference.size(), heap.size());
			assertEquals(reference.isEmpty(), heap.isEmpty());
		}
		while (!reference.isEmpty()) {
			expected.add(reference.poll()[1]);
			popped.add(heap.pop());
		}
		assertTrue(heap.isEmpty());
		assertFalse(expected.isEmpty());
		assertEquals(expected, popped);
	}
}
