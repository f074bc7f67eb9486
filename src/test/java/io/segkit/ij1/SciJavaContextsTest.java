package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/** Outside Fiji (no imagej-legacy on the class path, as in these tests) SegKit makes one small context. */
class SciJavaContextsTest {

	static class NeedsServices {

		@Parameter
		LogService log;
		@Parameter
		CommandService commands;
	}

	@Test
	void plainImageJGetsOneContextWithTheCommandService() {
		assertThrows(ClassNotFoundException.class, () -> Class.forName("net.imagej.legacy.LegacyService"),
			"these tests run as plain ImageJ 1.x");
		Context context = SciJavaContexts.get();
		assertNotNull(context.getService(CommandService.class));
		assertSame(context, SciJavaContexts.get(), "made once and reused");
		NeedsServices command = new NeedsServices();
		context.inject(command);
		assertNotNull(command.log);
		assertSame(context.getService(CommandService.class), command.commands);
	}

	@Test
	void everyThreadSharesTheContext() throws InterruptedException {
		Context[] seen = new Context[4];
		Thread[] threads = new Thread[seen.length];
		for (int i = 0; i < threads.length; i++) {
			int k = i;
			threads[i] = new Thread(() -> seen[k] = SciJavaContexts.get());
			threads[i].start();
		}
		for (Thread t : threads) t.join();
		for (Context c : seen) assertSame(SciJavaContexts.get(), c);
	}
}
