package io.segkit.nn;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import ai.djl.ndarray.NDManager;

/** Network tests that allocate arrays: one CPU NDManager per test class, closed after its tests. */
abstract class WithManager {

	static NDManager manager;

	@BeforeAll
	static void openManager() {
		manager = NnTesting.manager();
	}

	@AfterAll
	static void closeManager() {
		manager.close();
	}
}
