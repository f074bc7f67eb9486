package io.segkit.classic.queue;

/**
 * A binary min-heap of (long key, long payload) pairs in primitive arrays. Callers build keys
 * that include an arrival counter in the low bits so that ties leave first in, first out.
 */
public final class KeyHeap {

	private long[] keys;
	private long[] payloads;
	private int size;

	public KeyHeap(int initialCapacity) {
		keys = new long[Math.max(16, initialCapacity)];
		payloads = new long[keys.length];
	}

	/** A key ordering by {@code priority} (any float but NaN), then by {@code arrival} (unsigned). */
	public static long key(float priority, long arrival) {
		int bits = Float.floatToIntBits(priority + 0.0f); // +0.0f folds -0 into +0
		int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff;
		return ((long) sortable << 32) | (arrival & 0xffffffffL);
	}

	public void push(long key, long payload) {
		if (size == keys.length) {
			keys = java.util.Arrays.copyOf(keys, size * 2);
			payloads = java.util.Arrays.copyOf(payloads, size * 2);
		}
		int i = size++;
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

	public long peekKey() {
		return keys[0];
	}

	/** Removes the smallest entry and returns its payload. */
	public long pop() {
		long result = payloads[0];
		long key = keys[--size];
		long payload = payloads[size];
		int i = 0;
		int half = size >>> 1;
		while (i < half) {
			int child = 2 * i + 1;
			if (child + 1 < size && keys[child + 1] < keys[child]) child++;
			if (key <= keys[child]) break;
			keys[i] = keys[child];
			payloads[i] = payloads[child];
			i = child;
		}
		keys[i] = key;
		payloads[i] = payload;
		return result;
	}

	public boolean isEmpty() {
		return size == 0;
	}

	public int size() {
		return size;
	}
}
