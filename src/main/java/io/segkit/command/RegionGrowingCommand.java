package io.segkit.command;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.classic.regiongrow.RegionGrowing;
import io.segkit.image.LabelImages;
import io.segkit.image.MissingValues;
import io.segkit.image.Titles;
import io.segkit.image.Volume;
import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import java.util.List;

/**
 * Seeded region growing from points, a seed image or the regional maxima; a voxel joins the
 * neighbouring region whose mean it is closest to, while the difference is within the tolerance
 * ("Compare with" = region mean, the default), or, with "Compare with" = seed value, every voxel
 * connected to a seed within the tolerance of the seed's value (a flood fill, like scikit-image's
 * {@code flood}). Output: a label image {@code <title>-regions}.
 */
@Plugin(type = Command.class, label = "Region Growing")
public class RegionGrowingCommand extends SegKitCommand {

	static final String POINTS = Choices.POINT_SELECTION;
	static final String SEED_IMAGE = "Seed image";
	static final String MAXIMA = "Regional maxima";
	static final String REGION_MEAN = "Region mean (adaptive)";
	static final String SEED_VALUE = "Seed value (fixed, like a flood fill)";

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Seeds", choices = { POINTS, SEED_IMAGE, MAXIMA })
	String seeds = POINTS;

	@Parameter(label = "Seed image", required = false)
	ImagePlus seedImage;

	@Parameter(label = "Tolerance", min = "0")
	double tolerance = 20;

	// after Tolerance: it says what the tolerance is measured from. Macros recorded before it get the default.
	@Parameter(label = "Compare with", choices = { REGION_MEAN, SEED_VALUE }, description = "What a voxel's value " +
		"must be within the tolerance of. Region mean: the mean of the region it would join, updated as the region " +
		"grows; regions compete, the closest voxel joins first. Seed value: the value of the seed (the mean of its " +
		"voxels), fixed; every voxel connected to the seed through such voxels joins, as in a flood fill (faster).")
	String compareWith = REGION_MEAN;

	@Parameter(label = "Mask", required = false)
	ImagePlus mask;

	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 },
		description = Choices.CONNECTIVITY_DESCRIPTION)
	String connectivity = Choices.CONNECTIVITY_26;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		Connectivity c = Choices.CONNECTIVITY.of(connectivity);
		ClassicInputs.checkIntensityImage(image, true, progress());
		ClassicInputs.checkHelper(image, mask, "mask", false);
		if (SEED_IMAGE.equals(seeds)) ClassicInputs.checkHelper(image, seedImage, "seed", true);
		else if (POINTS.equals(seeds)) ClassicInputs.requirePoints(image);
		else if (!MAXIMA.equals(seeds)) throw new SegKitException("Unknown seed source '" + seeds +
			"'. Choose " + POINTS + ", " + SEED_IMAGE + " or " + MAXIMA + ".");
		RegionGrowing.Comparison comparison = comparison(compareWith);
		Progress progress = progress();
		List<int[]> frames = Frames.each(image, t -> {
			Volume frame = MissingValues.meanFilled(ClassicInputs.frame(image, t)); // NaN voxels are masked out
			byte[] inside = ClassicInputs.maskWithValues(image, mask, t);
			int[] start = switch (seeds) {
				case SEED_IMAGE -> ClassicInputs.seedImage(image, seedImage, t, "seed", c, progress);
				case POINTS -> ClassicInputs.pointSeeds(image, t);
				default -> RegionGrowing.maximaSeeds(frame, tolerance, inside, c, progress);
			};
			return RegionGrowing.grow(frame, start, inside, tolerance, c, comparison, progress).data();
		}, progress);
		result = LabelImages.createFrames(Titles.derived(image, "regions"), frames, ClassicInputs.frame(image, 1));
	}

	/** The comparison for a "Compare with" value; null (not given) is the region mean. */
	static RegionGrowing.Comparison comparison(String text) {
		if (text == null || REGION_MEAN.equalsIgnoreCase(text.trim())) return RegionGrowing.Comparison.REGION_MEAN;
		if (SEED_VALUE.equalsIgnoreCase(text.trim())) return RegionGrowing.Comparison.SEED_VALUE;
		throw new SegKitException("Unknown 'Compare with' value '" + text + "'. Choose " + REGION_MEAN + " or " +
			SEED_VALUE + ".");
	}
}
