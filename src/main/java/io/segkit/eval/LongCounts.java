package io.segkit.eval;

/**
 * Counts per long key in an open-addressing hash table of primitives (no boxing, so counting millions of voxels
 * stays fast). Key 0 is not allowed: it marks an empty slot.
 */
final class LongCounts {

	private long[] keys;
	private long[] counts;
	private int size;

	LongCounts() {
		keys = new long[64];
		counts = new long[64];
	}

	/** Adds {@code n} to the count of {@code key} (a key seen for the first time starts at 0). */
	void add(long key, long n) {
		if (key == 0) throw new IllegalArgumentException("Key 0 marks an empty slot");
		int slot = slot(keys, key);
		if (keys[slot] == 0) {
			keys[slot] = key;
			if (++size * 2 > keys.length) {
				counts[slot] = n;
				grow();
				return;
			}
		}
		counts[slot] += n;
	}

	/** The count of {@code key}, 0 if it was never added. */
	long get(long key) {
		int slot = slot(keys, key);
		return keys[slot] == key ? counts[slot] : 0;
	}

	/** Adds every count of {@code other} to this one. */
	void addAll(LongCounts other) {
		for (int s = 0; s < other.keys.length; s++) if (other.keys[s] != 0) add(other.keys[s], other.counts[s]);
	}

	/** The number of keys. */
	int size() {
		return size;
	}

	/** The number of slots; {@link #keyAt} and {@link #countAt} read slot {@code 0..capacity()-1}. */
	int capacity() {
		return keys.length;
	}

	/** The key in {@code slot}, 0 when the slot is empty. */
	long keyAt(int slot) {
		return keys[slot];
	}

	long countAt(int slot) {
		return counts[slot];
	}

	/** The slot that holds {@code key}, or the empty slot where it would go (linear probing). */
	private static int slot(long[] keys, long key) {
		int mask = keys.length - 1;
		int s = hash(key) & mask;
		while (keys[s] != 0 && keys[s] != key) s = (s + 1) & mask;
		return s;
	}

	/** Spreads the bits of the two labels packed in a key (a multiply-shift mix of both halves). */
	private static int hash(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

	private void grow() {
		long[] oldKeys = keys, oldCounts = counts;
		keys = new long[oldKeys.length * 2];
		counts = new long[oldKeys.length * 2];
		for (int s = 0; s < oldKeys.length; s++) {
			if (oldKeys[s] == 0) continue;
			int t = slot(keys, oldKeys[s]);
			keys[t] = oldKeys[s];
			counts[t] = oldCounts[s];
		}
	}
}
