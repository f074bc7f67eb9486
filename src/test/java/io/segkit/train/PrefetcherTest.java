package io.segkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Items made ahead on one background thread, handed out in index order. */
class PrefetcherTest {

	@Test
	void itemsComeInIndexOrderFromTheFirstIndex() throws InterruptedException {
		try (Prefetcher<String> p = new Prefetcher<>(i -> "item" + i, 5, 2)) {
			assertEquals("item5", p.next());
			assertEquals("item6", p.next());
			assertEquals("item7", p.next());
			assertEquals("item8", p.next());
		}
	}

	@Test
	void itemsAreMadeAheadOnOneOtherThread() throws InterruptedException {
		List<Long> made = new CopyOnWriteArrayList<>();
		List<Thread> threads = new CopyOnWriteArrayList<>();
		CountDownLatch three = new CountDownLatch(3);
		try (Prefetcher<Long> p = new Prefetcher<>(i -> {
			made.add(i);
			threads.add(Thread.currentThread());
			three.countDown();
			return i;
		}, 0, 3)) {
			assertTrue(three.await(30, TimeUnit.SECONDS), "the first 3 items were not made ahead");
			assertEquals(List.of(0L, 1L, 2L), made);
			assertEquals(0L, p.next());
			assertEquals(1L, p.next());
		}
		assertNotSame(Thread.currentThread(), threads.get(0));
		assertEquals("SegKit batch maker", threads.get(0).getName());
		assertTrue(threads.get(0).isDaemon());
		assertEquals(1, threads.stream().distinct().count());
	}

	@Test
	void anErrorWhileMakingAnItemReachesTheConsumerAsItself() throws InterruptedException {
		try (Prefetcher<Long> p = new Prefetcher<>(i -> {
			if (i == 2) throw new IllegalArgumentException("bad item " + i);
			return i;
		}, 0, 2)) {
			assertEquals(0L, p.next());
			assertEquals(1L, p.next());
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::next);
			assertEquals("bad item 2", e.getMessage());
			assertEquals(3L, p.next()); // later items are not affected
		}
		try (Prefetcher<Long> p = new Prefetcher<>(i -> {
			throw new AssertionError("broken");
		}, 0, 1)) {
			assertEquals("broken", assertThrows(AssertionError.class, p::next).getMessage());
		}
	}

	@Test
	void closeStopsTheBackgroundThreadEvenInTheMiddleOfAnItem() throws InterruptedException {
		AtomicReference<Thread> maker = new AtomicReference<>();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch never = new CountDownLatch(1);
		AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
		Prefetcher<Long> p = new Prefetcher<>(i -> {
			maker.set(Thread.currentThread());
			started.countDown();
			try {
				never.await();
			} catch (InterruptedException e) {
				interrupted.set(true);
			}
			return i;
		}, 0, 2);
		assertTrue(started.await(30, TimeUnit.SECONDS));
		assertTrue(maker.get().isAlive());
		p.close();
		maker.get().join(30_000);
		assertFalse(maker.get().isAlive(), "the batch maker still runs after close");
		assertTrue(interrupted.get(), "the item being made was not interrupted");
	}

	@Test
	void anInterruptWhileWaitingIsAnInterruptedException() {
		CountDownLatch never = new CountDownLatch(1);
		try (Prefetcher<Long> p = new Prefetcher<>(i -> {
			try {
				never.await();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return i;
		}, 0, 1)) {
			Thread.currentThread().interrupt();
			assertThrows(InterruptedException.class, p::next);
		} finally {
			Thread.interrupted(); // leave the test thread clean whatever happened
		}
	}
}
