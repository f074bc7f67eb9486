package io.segkit.classic.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IntFifoTest {

	@Test
	void firstInFirstOut() {
		IntFifo q = new IntFifo(0);
		assertTrue(q.isEmpty());
		assertEquals(0, q.size());
		for (int v : new int[] { 5, -1, 5, Integer.MAX_VALUE, Integer.MIN_VALUE }) q.add(v);
		assertEquals(5, q.size());
		assertEquals(5, q.remove());
		assertEquals(-1, q.remove());
		assertEquals(5, q.remove());
		assertEquals(Integer.MAX_VALUE, q.remove());
		assertEquals(Integer.MIN_VALUE, q.remove());
		assertTrue(q.isEmpty());
	}

	/** Growth while the ring has wrapped (head in the middle of the array) must keep the order. */
	@Test
	void growsWhileWrappedAroundWithoutLosingOrder() {
		IntFifo q = new IntFifo(16);
		for (int i = 0; i < 10; i++) q.add(i);
		for (int i = 0; i < 10; i++) assertEquals(i, q.remove());
		// head is now at 10: the next 16 values wrap around, the 17th makes it grow
		for (int i = 100; i < 117; i++) q.add(i);
		assertEquals(17, q.size());
		for (int i = 100; i < 117; i++) assertEquals(i, q.remove());
		assertTrue(q.isEmpty());
	}

	@Test
	void matchesArrayDequeOnRandomOperations() {
		Random random = new Random(8);
		IntFifo q = new IntFifo(3);
		ArrayDeque<Integer> reference = new ArrayDeque<>();
		int removed = 0;
		for (int step = 0; step < 50000; step++) {
			// phases that mostly add, then mostly remove, so the ring wraps and grows repeatedly
			boolean adding = (step / 700) % 2 == 0 ? random.nextInt(4) != 0 : random.nextInt(4) == 0;
			if (adding || reference.isEmpty()) {
				int v = random.nextInt();
				q.add(v);
				reference.add(v);
			} else {
				assertEquals((int) reference.poll(), q.remove());
				removed++;
			}
			assertEquals(reference.size(), q.size());
			assertEquals(reference.isEmpty(), q.isEmpty());
		}
		assertTrue(removed > 10000);
		assertFalse(reference.isEmpty());
		while (!reference.isEmpty()) assertEquals((int) reference.poll(), q.remove());
		assertTrue(q.isEmpty());
	}
}
