package io.segkit.classic.queue;

/**
 * An exact priority queue for small integer priorities 0..levels-1 (8- and 16-bit images): one
 * FIFO per level, so equal priorities leave in the order they came (ties broken first in, first
 * out). The lowest non-empty level is found with a two-level bit set. Unlike a hierarchical queue,
 * a push below the current level is allowed and is served next, which gives the same order as a
 * heap keyed on (priority, arrival).
 */
public final class BucketQueue {

	private final int[][] buckets;
	private final int[] head, tail;
	private final long[] nonEmpty;
	private final long[] summary;
	private int size;

	public BucketQueue(int levels) {
		buckets = new int[levels][];
		head = new int[levels];
		tail = new int[levels];
		nonEmpty = new long[(levels + 63) >>> 6];
		summary = new long[(nonEmpty.length + 63) >>> 6];
	}

	public void push(int value, int level) {
		int[] bucket = buckets[level];
		if (bucket == null) bucket = buckets[level] = new int[16];
		else if (tail[level] == bucket.length) bucket = compactOrGrow(level);
		bucket[tail[level]++] = value;
		if (head[level] + 1 == tail[level]) {
			nonEmpty[level >>> 6] |= 1L << level;
			summary[level >>> 12] |= 1L << (level >>> 6);
		}
		size++;
	}

	/** Removes and returns the oldest value of the lowest level; the queue must not be empty. */
	public int pop() {
		int level = lowestLevel();
		int value = buckets[level][head[level]++];
		if (head[level] == tail[level]) {
			head[level] = tail[level] = 0;
			long word = nonEmpty[level >>> 6] &= ~(1L << level);
			if (word == 0) summary[level >>> 12] &= ~(1L << (level >>> 6));
		}
		size--;
		return value;
	}

	public boolean isEmpty() {
		return size == 0;
	}

	private int lowestLevel() {
		for (int s = 0; s < summary.length; s++) {
			if (summary[s] == 0) continue;
			int word = (s << 6) + Long.numberOfTrailingZeros(summary[s]);
			return (word << 6) + Long.numberOfTrailingZeros(nonEmpty[word]);
		}
		throw new IllegalStateException("empty queue");
	}

	private int[] compactOrGrow(int level) {
		int[] bucket = buckets[level];
		int live = tail[level] - head[level];
		int[] target = live * 2 <= bucket.length ? bucket : new int[bucket.length * 2];
		System.arraycopy(bucket, head[level], target, 0, live);
		head[level] = 0;
		tail[level] = live;
		return buckets[level] = target;
	}
}
