package io.segkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Attention U-Net: the plain U-Net's shapes for odd and anisotropic sizes, plus one attention gate per skip. */
class AttentionUNetTest extends WithManager {

	private static long prod(int[] a) {
		long p = 1;
		for (int v : a) p *= v;
		return p;
	}

	/** The plain U-Net's parameters plus, per skip, the gate: theta (kernel = stride, no bias), phi, psi, W + IN. */
	static long formula(NetworkConfig c) {
		long n = NetworksTest.plainUNetFormula(c);
		int[] f = c.features();
		int[][] st = c.strides();
		for (int s = 0; s < f.length - 1; s++) {
			int inter = Math.max(1, f[s] / 2);
			n += (long) f[s] * inter * prod(st[s + 1]); // theta on the skip
			n += (long) f[s + 1] * inter + inter; // phi on the coarser features
			n += inter + 1; // psi to one channel
			n += (long) f[s] * f[s] + f[s] + 2L * f[s]; // output 1x1 conv + InstanceNorm
		}
		return n;
	}

	@Test
	void oddAndAnisotropicShapesIn2DAnd3D() {
		assertArrayEquals(new Shape[] {new Shape(2, 3, 18, 4), new Shape(2, 3, 6, 2)}, CENetTest.forwardShapes(manager, CENetTest
				.odd2D(Architecture.ATTENTION_UNET, true), 2, 1, 18, 4));
		assertArrayEquals(new Shape[] {new Shape(1, 3, 9, 4)}, CENetTest.forwardShapes(manager, CENetTest.odd2D(
				Architecture.ATTENTION_UNET, false), 1, 1, 9, 4));
		assertArrayEquals(new Shape[] {new Shape(1, 2, 5, 12, 20), new Shape(1, 2, 5, 6, 10)}, CENetTest.forwardShapes(manager, 
				CENetTest.anisotropic3D(Architecture.ATTENTION_UNET, true), 1, 2, 5, 12, 20));
		assertArrayEquals(new Shape[] {new Shape(1, 2, 3, 4, 4)}, CENetTest.forwardShapes(manager, CENetTest.anisotropic3D(
				Architecture.ATTENTION_UNET, false), 1, 2, 3, 4, 4));
	}

	@Test
	void parameterCountIsThePlainUNetsPlusTheGates() {
		NetworkConfig tiny = CENetTest.config(Architecture.ATTENTION_UNET, 2, 1, 2, new int[] {4, 8}, new int[][] {{3,
				3}, {3, 3}}, new int[][] {{1, 1}, {2, 2}}, false);
		// by hand: plain U-Net 204 + 912 + 598 = 1714; gate theta 32, phi 18, psi 3, W 20 + IN 8
		assertEquals(1714, NetworksTest.plainUNetFormula(tiny));
		assertEquals(1714 + 32 + 18 + 3 + 28, formula(tiny));
		for (NetworkConfig c : new NetworkConfig[] {tiny, CENetTest.odd2D(Architecture.ATTENTION_UNET, true), CENetTest
				.anisotropic3D(Architecture.ATTENTION_UNET, true), NetworksTest.anisotropic3D(Architecture.ATTENTION_UNET)}) {
			try (NDManager m = manager.newSubManager()) {
				SegmentationNetwork net = Networks.createInitialized(c, m, 1);
				assertTrue(net instanceof AttentionUNet);
				assertEquals(formula(c), Networks.parameterCount(net), c.toString());
				long gates = net.getParameters().keys().stream().filter(k -> k.contains("gate")).count();
				assertEquals(9L * (c.stages() - 1), gates, "theta, phi (weight, bias), psi "
						+ "(weight, bias), W (weight, bias), IN (gamma, beta) per gate: " + net.getParameters().keys());
			}
		}
	}

	@Test
	void thePlainUNetHasNoGates() {
		try (NDManager m = manager.newSubManager()) {
			SegmentationNetwork plain = Networks.createInitialized(CENetTest.odd2D(Architecture.PLAIN_UNET, true), m, 1);
			assertFalse(plain instanceof AttentionUNet);
			assertFalse(plain.getParameters().keys().stream().anyMatch(k -> k.contains("gate")));
		}
	}
}
