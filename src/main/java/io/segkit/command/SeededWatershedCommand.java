package io.segkit.command;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.classic.watershed.Watershed.Landscape;
import io.segkit.classic.watershed.Watershed;
import io.segkit.image.ImageChecks;
import io.segkit.ij1.Units;
import io.segkit.image.LabelImages;
import io.segkit.image.MissingValues;
import io.segkit.image.Titles;
import io.segkit.image.Volume;
import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import java.util.List;

/**
 * Marker-controlled watershed on intensity, gradient or distance, with automatic markers (h-maxima
 * of the objects), a marker image or a point selection; output {@code <title>-watershed}. The label
 * is "Seeded Watershed" because ImageJ's own Process > Binary > Watershed owns "Watershed".
 */
@Plugin(type = Command.class, label = "Seeded Watershed")
public class SeededWatershedCommand extends SegKitCommand {

	static final String BRIGHT = "Intensity (bright objects)";
	static final String DARK = "Intensity (dark objects)";
	static final String GRADIENT = "Gradient magnitude";
	static final String DISTANCE = "Distance transform (binary objects)";
	static final String AUTOMATIC = "Automatic (h-maxima)";
	static final String MARKER_IMAGE = "Marker image";
	static final String POINTS = Choices.POINT_SELECTION;

	@Parameter(label = "Image")
	ImagePlus image;

	@Parameter(label = "Landscape", choices = { BRIGHT, DARK, GRADIENT, DISTANCE })
	String landscape = BRIGHT;

	@Parameter(label = "Markers", choices = { AUTOMATIC, MARKER_IMAGE, POINTS })
	String markers = AUTOMATIC;

	@Parameter(label = "Marker image", required = false)
	ImagePlus markerImage;

	@Parameter(label = "Dynamic", min = "0")
	double dynamic = 10;

	@Parameter(label = "Gradient smoothing", min = "0", attrs = @Attr(name = Units.ATTRIBUTE, value = Units.LENGTH))
	double gradientSmoothing = 1;

	@Parameter(label = "Mask", required = false)
	ImagePlus mask;

	@Parameter(label = "Watershed lines")
	boolean watershedLines = false;

	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 },
		description = Choices.CONNECTIVITY_DESCRIPTION)
	String connectivity = Choices.CONNECTIVITY_26;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		Landscape kind = landscape();
		Connectivity c = Choices.CONNECTIVITY.of(connectivity);
		ClassicInputs.checkIntensityImage(image, kind != Landscape.DISTANCE, progress());
		ClassicInputs.checkHelper(image, mask, "mask", false);
		if (MARKER_IMAGE.equals(markers)) ClassicInputs.checkHelper(image, markerImage, "marker", true);
		else if (POINTS.equals(markers)) ClassicInputs.requirePoints(image);
		else if (!AUTOMATIC.equals(markers)) throw new SegKitException("Unknown marker source '" + markers +
			"'. Choose " + AUTOMATIC + ", " + MARKER_IMAGE + " or " + POINTS + ".");
		Watershed.Options options = new Watershed.Options(kind, dynamic, gradientSmoothing, watershedLines, c);
		ImageChecks.requireMemory("Seeded Watershed", Watershed.SEGMENT_BYTES_PER_VOXEL * ImageChecks.voxels(image),
			image);
		Progress progress = progress();
		List<int[]> frames = Frames.each(image, t -> {
			int[] seeds = switch (markers) {
				case MARKER_IMAGE -> ClassicInputs.seedImage(image, markerImage, t, "marker", c, progress);
				case POINTS -> ClassicInputs.pointSeeds(image, t);
				default -> null;
			};
			byte[] inside = ClassicInputs.maskWithValues(image, mask, t);
			Volume landscapeImage = MissingValues.meanFilled(ClassicInputs.frame(image, t)); // for the gradient
			return Watershed.segment(landscapeImage, seeds, inside, options, progress).data();
		}, progress);
		result = LabelImages.createFrames(Titles.derived(image, "watershed"), frames, ClassicInputs.frame(image, 1));
	}

	private Landscape landscape() {
		return switch (landscape) {
			case BRIGHT -> Landscape.BRIGHT_OBJECTS;
			case DARK -> Landscape.DARK_OBJECTS;
			case GRADIENT -> Landscape.GRADIENT;
			case DISTANCE -> Landscape.DISTANCE;
			default -> throw new SegKitException("Unknown landscape '" + landscape + "'. Choose " + BRIGHT +
				", " + DARK + ", " + GRADIENT + " or " + DISTANCE + ".");
		};
	}
}
