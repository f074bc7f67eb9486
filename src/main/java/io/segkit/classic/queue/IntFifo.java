package io.segkit.classic.queue;

/** A growable first-in first-out queue of ints (a ring buffer), for flood fills and propagation. */
public final class IntFifo {

	private int[] items;
	private int head, size;

	public IntFifo(int initialCapacity) {
		items = new int[Math.max(16, initialCapacity)];
	}

	public void add(int value) {
		if (size == items.length) grow();
		int tail = head + size;
		if (tail >= items.length) tail -= items.length;
		items[tail] = value;
		size++;
	}

	public int remove() {
		int value = items[head];
		if (++head == items.length) head = 0;
		size--;
		return value;
	}

	public boolean isEmpty() {
		return size == 0;
	}

	public int size() {
		return size;
	}

	private void grow() {
		int[] bigger = new int[items.length * 2];
		int firstPart = Math.min(size, items.length - head);
		System.arraycopy(items, head, bigger, 0, firstPart);
		System.arraycopy(items, 0, bigger, firstPart, size - firstPart);
		items = bigger;
		head = 0;
	}
}
