package io.segkit.dataset;

import java.util.Arrays;
import java.util.List;

import io.segkit.SegKitException;

/**
 * The one place that decides 2D or 3D. Whether images are volumes is nnU-Net's rule: the median number of slices is
 * above 1 (the planner, Plan Segmentation's table, Auto-Train's configurations and the checks of 3D models ask
 * {@link #isVolumetric}). Which network a single training picks when asked for "automatic" is a second, stricter
 * choice ({@link #of}): a 3D network only for stacks of at least {@value #MIN_SLICES_FOR_3D_TRAINING} slices, since on
 * thinner stacks a 3D patch is mostly padding and slice-by-slice training does better. Auto-Train need not guess: it
 * cross-validates both.
 */
public final class Dimensions {

	private Dimensions() {}

	/** True when images of this median depth (slices, possibly after resampling) are volumes. */
	public static boolean isVolumetric(double medianDepth) {
		return medianDepth > 1;
	}

	/** True when the cases' median depth makes them volumes. */
	public static boolean isVolumetric(List<TrainingCase> cases) {
		return isVolumetric(medianDepth(depths(cases)));
	}

	/** The fewest median slices for which "automatic" trains a 3D network. */
	public static final int MIN_SLICES_FOR_3D_TRAINING = 8;

	/** The network "automatic" trains: 3 for stacks of at least {@value #MIN_SLICES_FOR_3D_TRAINING} slices, else 2. */
	public static int of(List<TrainingCase> cases) {
		return medianDepth(depths(cases)) >= MIN_SLICES_FOR_3D_TRAINING ? 3 : 2;
	}

	private static int[] depths(List<TrainingCase> cases) {
		return cases.stream().mapToInt(c -> c.labels().depth()).toArray();
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
