package io.segkit.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Makes items k, k+1, ... on one background thread, a few ahead of the consumer (augmentation runs while the
 * network trains). Items depend only on their index, so results are the same as making them in line.
 */
final class Prefetcher<T> implements AutoCloseable {

	private final ExecutorService executor;
	private final LongFunction<T> make;
	private final Deque<Future<T>> queue = new ArrayDeque<>();
	private long nextToSubmit;

	Prefetcher(LongFunction<T> make, long first, int ahead) {
		this.make = make;
		this.nextToSubmit = first;
		executor = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "SegKit batch maker");
			t.setDaemon(true);
			return t;
		});
		for (int i = 0; i < ahead; i++) submit();
	}

	private void submit() {
		long index = nextToSubmit++;
		queue.add(executor.submit(() -> make.apply(index)));
	}

	/** The next item; waits for it. An interrupt while waiting throws InterruptedException (the caller restores the
	 * thread's interrupt flag). */
	T next() throws InterruptedException {
		Future<T> f = queue.poll();
		submit();
		try {
			return f.get();
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			if (e.getCause() instanceof Error err) throw err;
			throw new IllegalStateException(e.getCause());
		}
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}
}
