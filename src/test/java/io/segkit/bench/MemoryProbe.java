package io.segkit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** The memory figures every benchmark prints: resident memory from /proc (libtorch included) and the Java heap. */
final class MemoryProbe {

	private MemoryProbe() {}

	/** A size line of /proc/self/status in bytes (VmRSS: resident now, VmHWM: resident peak); 0 where none. */
	static long resident(String key) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith(key + ":")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		catch (java.io.IOException | RuntimeException e) {
			// not Linux
		}
		return 0;
	}

	static long usedHeap() {
		Runtime rt = Runtime.getRuntime();
		return rt.totalMemory() - rt.freeMemory();
	}

	static void resetHeapPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
		}
	}

	/** Sum of the heap pools' peaks: an upper bound on the heap in use at any one moment. */
	static long peakHeap() {
		long sum = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
		}
		return sum;
	}

	static double megabytes(long bytes) {
		return bytes / 1048576.0;
	}
}
