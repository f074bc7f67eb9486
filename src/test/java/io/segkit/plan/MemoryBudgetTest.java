package io.segkit.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The automatic GPU budget: nnU-Net's 8 GB, or less on a GPU with less free memory. */
class MemoryBudgetTest {

	@Test
	void unknownOrAmpleFreeMemoryGivesNnUNetsTarget() {
		assertEquals(MemoryBudget.DEFAULT, MemoryBudget.automaticGpu(OptionalLong.empty()));
		assertEquals(MemoryBudget.gpu(8), MemoryBudget.automaticGpu(OptionalLong.of(140_000_000_000L)));
	}

	@Test
	void aSmallerGpuGetsItsFreeMemoryLessOneGigabyteAndAtLeastOne() {
		assertEquals(MemoryBudget.gpu(4.5), MemoryBudget.automaticGpu(OptionalLong.of(5_580_000_000L)));
		assertEquals(MemoryBudget.gpu(1), MemoryBudget.automaticGpu(OptionalLong.of(1_500_000_000L)));
		assertEquals(MemoryBudget.Device.GPU, MemoryBudget.automaticGpu(OptionalLong.of(3_000_000_000L)).device());
	}
}
