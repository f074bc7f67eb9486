package io.segkit.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.segkit.SegKitException;

class PredictionsTest {

	@Test
	void softmaxIsStableForLargeLogits() {
		float[][] s = {{1000, 0, 0}, {1000, 0, (float) Math.log(3)}};
		Predictions.softmaxInPlace(s);
		assertArrayEquals(new float[] {0.5f, 0.5f, 0.25f}, s[0], 1e-6f);
		assertArrayEquals(new float[] {0.5f, 0.5f, 0.75f}, s[1], 1e-6f);
	}

	@Test
	void labelsAreTheArgmaxWithTiesToTheLowerClass() {
		float[][] s = new float[201][3];
		s[0][0] = 1;
		s[200][1] = 2; // label 200 does not fit a signed byte; it is stored unsigned
		s[3][2] = 1;
		s[5][2] = 1;
		assertArrayEquals(new byte[] {0, (byte) 200, 3}, Predictions.labelsAsBytes(s));
		assertArrayEquals(new short[] {0, 200, 3}, Predictions.labelsAsShorts(s));
		assertThrows(SegKitException.class, () -> Predictions.labelsAsBytes(new float[300][1]));
	}

	@Test
	void averagingProbabilities() {
		float[][] sum = {{0.2f, 1}, {0.8f, 0}};
		Predictions.addInto(sum, new float[][] {{0.6f, 0}, {0.4f, 1}});
		Predictions.scale(sum, 0.5f);
		assertArrayEquals(new float[] {0.4f, 0.5f}, sum[0], 1e-6f);
		assertArrayEquals(new float[] {0.6f, 0.5f}, sum[1], 1e-6f);
	}
}
