package io.segkit.dataset;

import java.util.Arrays;
import java.util.List;

import io.segkit.SegKitException;

/**
 * The one rule for whether images are 2D or 3D, nnU-Net's: they are volumes (and a 3D network is planned and
 * trained for them) when the median number of slices is above 1. The planner, Plan Segmentation's table,
 * Auto-Train's choice of configurations and Train Segmentation Model's "automatic" all ask here.
 */
public final class Dimensions {

	private Dimensions() {}

	/** True when images of this median depth (slices, possibly after resampling) are volumes. */
	public static boolean isVolumetric(double medianDepth) {
		return medianDepth > 1;
	}

	/** True when the cases' median depth makes them volumes. */
	public static boolean isVolumetric(List<TrainingCase> cases) {
		return isVolumetric(medianDepth(cases.stream().mapToInt(c -> c.labels().depth()).toArray()));
	}

	/** 3 for volumes, 2 otherwise. */
	public static int of(List<TrainingCase> cases) {
		return isVolumetric(cases) ? 3 : 2;
	}

	/**
	 * The dimensions to train with: {@code requested} (2 or 3), or the rule's for 0 ("automatic"). 3D on images that
	 * are not volumes is refused.
	 */
	public static int resolve(int requested, List<TrainingCase> cases) {
		if (requested == 3 && !isVolumetric(cases)) throw new SegKitException("3D training needs stacks; these "
			+ "images are 2D. Choose 2D.");
		return requested == 0 ? of(cases) : requested;
	}

	/** The median of the depths (the upper one of an even count, as nnU-Net's fingerprint shapes are read). */
	public static int medianDepth(int[] depths) {
		if (depths.length == 0) throw new IllegalArgumentException("no depths");
		int[] sorted = depths.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}
}
