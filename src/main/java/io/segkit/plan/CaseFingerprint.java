package io.segkit.plan;

/**
 * What the fingerprint records per training case, in the internal axis order (z, y, x).
 *
 * @param spacing voxel spacing (z, y, x); a 2D image gets z spacing 999 like nnU-Net's 2D reader
 * @param shapeAfterCrop size (z, y, x) after cropping to the nonzero bounding box
 * @param relativeSizeAfterCrop voxels after cropping / voxels before
 */
public record CaseFingerprint(double[] spacing, int[] shapeAfterCrop, double relativeSizeAfterCrop) {

	public CaseFingerprint {
		if (spacing.length != shapeAfterCrop.length) throw new IllegalArgumentException(
			"Spacing and shape need the same number of axes");
		spacing = spacing.clone();
		shapeAfterCrop = shapeAfterCrop.clone();
	}

	@Override
	public double[] spacing() {
		return spacing.clone();
	}

	@Override
	public int[] shapeAfterCrop() {
		return shapeAfterCrop.clone();
	}
}
