package io.segkit.classic.queue;

import java.util.Arrays;

/**
 * The same queue as {@link KeyHeap} (smallest long key first; keys from {@link KeyHeap#key} leave
 * ties first in, first out), faster when it holds many entries: keys are spread over 65,536 buckets
 * by their top 16 bits (for float priorities: sign, exponent and 7 bits of mantissa), a bucket is
 * only put in heap order when it becomes the lowest one, and pushes to higher buckets are appends.
 * The heap that pops work on is then small and stays in cache, where one big heap costs a cache
 * miss per level. Order is exactly a single heap's: the lowest non-empty bucket holds the smallest
 * key, and within it the full keys are compared.
 */
public final class BucketedKeyHeap {

	private static final int BUCKETS = 1 << 16;

	private final long[][] keys = new long[BUCKETS][];
	private final long[][] payloads = new long[BUCKETS][];
	private final int[] sizes = new int[BUCKETS];
	/** Bit b: bucket b is in heap order (it became the lowest since it last emptied). */
	private final long[] ordered = new long[BUCKETS >>> 6];
	private final long[] nonEmpty = new long[BUCKETS >>> 6];
	private final long[] summary = new long[BUCKETS >>> 12];
	private int size;
	/** The lowest non-empty bucket, or -1 when it must be looked up in the bit sets. */
	private int low = -1;

	/** Signed key order as unsigned bucket order: the top 16 bits with the sign bit flipped. */
	private static int bucket(long key) {
		return (int) (key >>> 48) ^ 0x8000;
	}

	public void push(long key, long payload) {
		int b = bucket(key);
		int n = sizes[b];
		if (keys[b] == null) {
			keys[b] = new long[16];
			payloads[b] = new long[16];
		} else if (n == keys[b].length) {
			keys[b] = Arrays.copyOf(keys[b], n * 2);
			payloads[b] = Arrays.copyOf(payloads[b], n * 2);
		}
		if (isSet(ordered, b)) siftUp(keys[b], payloads[b], n, key, payload);
		else {
			keys[b][n] = key;
			payloads[b][n] = payload;
		}
		sizes[b] = n + 1;
		if (n == 0) {
			nonEmpty[b >>> 6] |= 1L << b;
			summary[b >>> 12] |= 1L << (b >>> 6);
		}
		if (low >= 0 && b < low) low = b;
		size++;
	}

	public long peekKey() {
		return keys[lowestInHeapOrder()][0];
	}

	/** Removes the smallest entry and returns its payload. */
	public long pop() {
		int b = lowestInHeapOrder();
		long[] k = keys[b], p = payloads[b];
		long result = p[0];
		int n = --sizes[b];
		siftDown(k, p, n, 0, k[n], p[n]);
		if (n == 0) {
			ordered[b >>> 6] &= ~(1L << b);
			long word = nonEmpty[b >>> 6] &= ~(1L << b);
			if (word == 0) summary[b >>> 12] &= ~(1L << (b >>> 6));
			low = -1;
		}
		size--;
		return result;
	}

	public boolean isEmpty() {
		return size == 0;
	}

	public int size() {
		return size;
	}

	private int lowestInHeapOrder() {
		int b = lowest();
		if (!isSet(ordered, b)) {
			long[] k = keys[b], p = payloads[b];
			int n = sizes[b];
			for (int i = (n >>> 1) - 1; i >= 0; i--) siftDown(k, p, n, i, k[i], p[i]);
			ordered[b >>> 6] |= 1L << b;
		}
		return b;
	}

	private int lowest() {
		if (low >= 0) return low;
		for (int s = 0; s < summary.length; s++) {
			if (summary[s] == 0) continue;
			int word = (s << 6) + Long.numberOfTrailingZeros(summary[s]);
			return low = (word << 6) + Long.numberOfTrailingZeros(nonEmpty[word]);
		}
		throw new IllegalStateException("empty queue");
	}

	private static boolean isSet(long[] bits, int b) {
		return (bits[b >>> 6] & (1L << b)) != 0;
	}

	private static void siftUp(long[] keys, long[] payloads, int i, long key, long payload) {
		while (i > 0) {
			int parent = (i - 1) >>> 1;
			if (keys[parent] <= key) break;
			keys[i] = keys[parent];
			payloads[i] = payloads[parent];
			i = parent;
		}
		keys[i] = key;
		payloads[i] = payload;
	}

	/** Places (key, payload) at i or below in a heap of n entries. */
	private static void siftDown(long[] keys, long[] payloads, int n, int i, long key, long payload) {
		int half = n >>> 1;
		while (i < half) {
			int child = 2 * i + 1;
			if (child + 1 < n && keys[child + 1] < keys[child]) child++;
			if (key <= keys[child]) break;
			keys[i] = keys[child];
			payloads[i] = payloads[child];
			i = child;
		}
		if (n > 0) {
			keys[i] = key;
			payloads[i] = payload;
		}
	}
}
