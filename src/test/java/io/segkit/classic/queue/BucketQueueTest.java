package io.segkit.classic.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BucketQueueTest {

	@Test
	void lowestLevelFirstAndTiesFirstInFirstOut() {
		BucketQueue q = new BucketQueue(256);
		assertTrue(q.isEmpty());
		int[][] pushes = { { 10, 200 }, { 11, 3 }, { 12, 200 }, { 13, 0 }, { 14, 3 }, { 15, 255 }, { 16, 0 } };
		for (int[] p : pushes) q.push(p[0], p[1]);
		assertFalse(q.isEmpty());
		int[] out = new int[pushes.length];
		for (int i = 0; i < out.length; i++) out[i] = q.pop();
		assertArrayEquals(new int[] { 13, 16, 11, 14, 10, 12, 15 }, out);
		assertTrue(q.isEmpty());
	}

	@Test
	void aPushBelowTheCurrentLevelIsServedNext() {
		BucketQueue q = new BucketQueue(16);
		q.push(1, 5);
		q.push(2, 5);
		assertEquals(1, q.pop());
		q.push(3, 2); // below the level being served
		q.push(4, 5);
		assertEquals(3, q.pop());
		assertEquals(2, q.pop());
		assertEquals(4, q.pop());
		assertTrue(q.isEmpty());
	}

	@Test
	void emptyQueueRefusesToPop() {
		BucketQueue q = new BucketQueue(8);
		IllegalStateException e = assertThrows(IllegalStateException.class, q::pop);
		assertEquals("empty queue", e.getMessage());
		q.push(7, 7);
		assertEquals(7, q.pop());
		assertThrows(IllegalStateException.class, q::pop, "emptied again");
	}

	/** A bucket that is drained from the front while it fills must compact or grow without losing order. */
	@Test
	void oneLevelKeepsArrivalOrderThroughCompactionAndGrowth() {
		BucketQueue q = new BucketQueue(3);
		List<Integer> expected = new ArrayList<>(), got = new ArrayList<>();
		int next = 0;
		for (int round = 0; round < 200; round++) {
			for (int k = 0; k < 3 + round % 7; k++) {
				q.push(next, 1);
				expected.add(next++);
			}
			for (int k = 0; k < 2 + round % 5 && !q.isEmpty(); k++) got.add(q.pop());
		}
		while (!q.isEmpty()) got.add(q.pop());
		assertEquals(expected, got);
	}

	/**
	 * Random interleaved pushes and pops, for 16-bit levels (the two-level bit set spans several words and summary
	 * words), against a heap keyed on (level, arrival).
	 */
	@Test
	void matchesAHeapOnLevelThenArrival() {
		for (int levels : new int[] { 1, 64, 65, 4096, 4097, 65536 }) {
			Random random = new Random(levels);
			BucketQueue q = new BucketQueue(levels);
			PriorityQueue<long[]> reference = new PriorityQueue<>(Comparator.<long[]> comparingLong(e -> e[0])
				.thenComparingLong(e -> e[1]));
			long arrival = 0;
			int pops = 0;
			for (int step = 0; step < 30000; step++) {
				if (reference.isEmpty() || random.nextInt(3) < 2) {
					// levels near word boundaries and the extremes are likely
					int level = switch (random.nextInt(4)) {
						case 0 -> random.nextInt(levels);
						case 1 -> Math.min(levels - 1, 63 + random.nextInt(3));
						case 2 -> Math.min(levels - 1, 4095 + random.nextInt(3));
						default -> random.nextBoolean() ? 0 : levels - 1;
					};
					int value = random.nextInt();
					q.push(value, level);
					reference.add(new long[] { level, arrival++, value });
				} else {
					assertEquals(reference.poll()[2], q.pop(), "levels " + levels + " step " + step);
					pops++;
				}
				assertEquals(reference.isEmpty(), q.isEmpty());
			}
			while (!reference.isEmpty()) {
				assertEquals(reference.poll()[2], q.pop());
				pops++;
			}
			assertTrue(q.isEmpty());
			assertTrue(pops > 10000, "levels " + levels);
		}
	}
}
