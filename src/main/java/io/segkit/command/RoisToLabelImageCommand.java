package io.segkit.command;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.plugin.frame.RoiManager;

import io.segkit.SegKitException;
import io.segkit.dataset.LabelMode;
import io.segkit.image.LabelImages;
import io.segkit.image.RoiLabels;
import io.segkit.image.Titles;
import io.segkit.image.Volume;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Makes a label image from outlines (ROI Manager, the image's overlay, or a RoiSet .zip / .roi file), so training
 * labels can be drawn inside Fiji: each ROI one object, or each ROI group one class ({@link RoiLabels}). 2D, and 3D
 * per slice (a ROI on its slice, or on all slices when it has no position); with time frames, per frame. The ROIs
 * and the image are not changed.
 */
@Plugin(type = Command.class, label = "ROIs to Label Image")
public class RoisToLabelImageCommand extends SegKitCommand {

	static final String ROI_MANAGER = "ROI Manager", OVERLAY = "Overlay", FILE = "File";
	static final String OBJECTS = "Each ROI an object", CLASSES = "ROI groups as classes";
	static final String BACKGROUND = "Background", NOT_ANNOTATED = "Not annotated (sparse)";

	@Parameter(label = "Image", description = "The image the ROIs outline: the label image gets its size and "
		+ "calibration.")
	ImagePlus image;

	@Parameter(label = "Source", choices = { ROI_MANAGER, OVERLAY, FILE })
	String source = ROI_MANAGER;

	@Parameter(label = "ROI file", required = false, style = FileWidget.OPEN_STYLE,
		description = "A RoiSet .zip (ROI Manager > More > Save...) or a single .roi file, for the source 'File'.")
	File roiFile;

	@Parameter(label = "Labels", choices = { OBJECTS, CLASSES }, description = "Each ROI an object: 1, 2, ... "
		+ "(ROIs made by Labels to ROIs keep their label). ROI groups as classes: a ROI's group is its class.")
	String labels = OBJECTS;

	@Parameter(label = "Voxels outside the ROIs", choices = { BACKGROUND, NOT_ANNOTATED }, description = "Background: "
		+ "0. Not annotated (sparse annotation): 65535, which training leaves out, so a few outlined objects plus ROIs "
		+ "named 'background...' are enough to train.")
	String outside = BACKGROUND;

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	@Override
	public void run() {
		io.segkit.image.ImageChecks.requireUsable(image);
		RoiLabels.Meaning meaning = meaning();
		int unpainted = unpainted();
		List<Roi> rois = rois();
		if (rois.isEmpty()) throw new SegKitException("There are no ROIs in the " + source + (FILE.equals(source)
			? " '" + roiFile + "'" : "") + ". Outline the objects first (add each with 't' to the ROI Manager).");
		long[] overlapping = {0};
		List<int[]> frames = Frames.each(image, t -> {
			RoiLabels.Painted p = RoiLabels.paint(inFrame(rois, t), image.getWidth(), image.getHeight(), image
				.getNSlices(), meaning, unpainted, this::slice);
			overlapping[0] += p.overlapping();
			return p.labels();
		}, progress());
		result = LabelImages.createFrames(Titles.derived(image, "roi-labels"), frames, Volume.of(image, 1, 1));
		if (unpainted != 0) result.setProperty(LabelImages.LABEL_COUNT, annotatedLabels(frames, unpainted));
		IJ.log("ROIs to Label Image: " + rois.size() + " ROIs of the " + source + " in '" + result.getTitle() + "'"
			+ (overlapping[0] > 0 ? "; " + overlapping[0] + " voxels lay in more than one ROI and went to the later one"
				: "") + ".");
	}

	/**
	 * How many labels were painted (ROIs from Labels to ROIs keep their numbers, so not 1..n), for the Log's object
	 * count, which the not-annotated value is not part of.
	 */
	private static int annotatedLabels(List<int[]> frames, int notAnnotated) {
		java.util.BitSet seen = new java.util.BitSet();
		for (int[] f : frames) for (int v : f) if (v > 0 && v != notAnnotated) seen.set(v);
		return seen.cardinality();
	}

	private int unpainted() {
		if (BACKGROUND.equals(outside)) return 0;
		if (NOT_ANNOTATED.equals(outside)) return LabelMode.NOT_ANNOTATED_16BIT;
		throw new SegKitException("Voxels outside the ROIs must be '" + BACKGROUND + "' or '" + NOT_ANNOTATED
			+ "', not '" + outside + "'.");
	}

	private RoiLabels.Meaning meaning() {
		if (OBJECTS.equals(labels)) return RoiLabels.Meaning.OBJECTS;
		if (CLASSES.equals(labels)) return RoiLabels.Meaning.CLASSES;
		throw new SegKitException("Labels must be '" + OBJECTS + "' or '" + CLASSES + "', not '" + labels + "'.");
	}

	private List<Roi> rois() {
		return switch (source) {
			case ROI_MANAGER -> fromRoiManager();
			case OVERLAY -> image.getOverlay() == null ? List.of() : Arrays.asList(image.getOverlay().toArray());
			case FILE -> fromFile();
			default -> throw new SegKitException("Source must be '" + ROI_MANAGER + "', '" + OVERLAY + "' or '" + FILE
				+ "', not '" + source + "'.");
		};
	}

	private static List<Roi> fromRoiManager() {
		if (GraphicsEnvironment.isHeadless()) throw new SegKitException("There is no ROI Manager without a display "
			+ "(headless). Save the ROIs as a RoiSet .zip and choose the source 'File', or use the image's overlay.");
		RoiManager manager = io.segkit.image.LabelRois.roiManager(false);
		return manager == null ? List.of() : Arrays.asList(manager.getRoisAsArray());
	}

	private List<Roi> fromFile() {
		if (roiFile == null) throw new SegKitException("Choose the ROI file (a RoiSet .zip or a .roi file).");
		if (!roiFile.isFile()) throw new SegKitException("The ROI file '" + roiFile + "' does not exist.");
		try {
			if (!roiFile.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) return List.of(decode(Files
				.readAllBytes(roiFile.toPath()), roiFile.getName()));
			List<Roi> rois = new ArrayList<>();
			try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(roiFile.toPath()))) {
				for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
					if (e.getName().endsWith(".roi")) rois.add(decode(zip.readAllBytes(), e.getName()));
				}
			}
			return rois;
		}
		catch (IOException e) {
			throw new SegKitException("The ROI file '" + roiFile + "' could not be read (" + e.getMessage() + ").");
		}
	}

	private Roi decode(byte[] bytes, String name) throws IOException {
		Roi roi = new RoiDecoder(bytes, name).getRoi();
		if (roi == null) throw new SegKitException("'" + name + "' in '" + roiFile + "' is not an ImageJ ROI.");
		return roi;
	}

	/** The ROIs shown in frame t: those of that frame and those without a frame. */
	private List<Roi> inFrame(List<Roi> rois, int t) {
		if (image.getNFrames() == 1) return rois;
		List<Roi> out = new ArrayList<>();
		for (Roi r : rois) {
			int frame = position(r)[2];
			if (frame == 0 || frame == t) out.add(r);
		}
		return out;
	}

	private int slice(Roi roi) {
		return position(roi)[1];
	}

	/** {channel, slice, frame} of a ROI, 0 where it has none. */
	private int[] position(Roi roi) {
		if (roi.hasHyperStackPosition()) return new int[] { roi.getCPosition(), roi.getZPosition(), roi
			.getTPosition() };
		int p = roi.getPosition();
		if (p == 0) return new int[3];
		if (image.getNChannels() == 1 && image.getNFrames() == 1) return new int[] { 1, p, 0 };
		return image.convertIndexToPosition(p);
	}
}
