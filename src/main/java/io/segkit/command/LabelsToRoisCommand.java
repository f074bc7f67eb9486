package io.segkit.command;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.LabelRois;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Turns every label into ROIs (2D: one per label; 3D: one per slice per label, positioned on its
 * slice and named {@code label-0007-z012}; with time frames {@code -t003} is added) and sends them to
 * <ul>
 * <li>"ROI Manager": added after the ROIs already there (nothing is removed); not available in
 * headless ImageJ;</li>
 * <li>"Overlay": added to the overlay of the label image itself (that is the point of choosing it:
 * the outlines show on the labels and are saved with the image as TIFF); an existing overlay is
 * kept;</li>
 * <li>"File": a RoiSet .zip (the ROI Manager's Save format) at "ROI file"; ".zip" is added when
 * missing and an existing file is replaced only once the new one is complete.</li>
 * </ul>
 * A label image without labels is refused: there would be no ROIs, and that usually means the
 * wrong image was chosen.
 */
@Plugin(type = Command.class, label = "Labels to ROIs")
public class LabelsToRoisCommand extends SegKitCommand {

	static final String ROI_MANAGER = "ROI Manager", OVERLAY = "Overlay", FILE = "File";

	@Parameter(label = "Label image")
	ImagePlus image;

	@Parameter(label = "Destination", choices = { ROI_MANAGER, OVERLAY, FILE })
	String destination = ROI_MANAGER;

	@Parameter(label = "ROI file", required = false, style = FileWidget.SAVE_STYLE)
	File roiFile;


	@Override
	public void run() {
		LabelImageInput.require(image, progress());
		if (destination == null || !List.of(ROI_MANAGER, OVERLAY, FILE).contains(destination))
			throw new SegKitException("Destination must be '" + ROI_MANAGER + "', '" + OVERLAY + "' or '" + FILE +
				"', not '" + destination + "'.");
		if (destination.equals(ROI_MANAGER)) LabelRois.requireRoiManagerAvailable();
		if (destination.equals(FILE)) LabelRois.zipTarget(roiFile);
		Progress p = progress();
		List<Roi> rois = new ArrayList<>();
		int frames = image.getNFrames();
		int tDigits = Math.max(3, Integer.toString(frames).length());
		Frames.forEach(image, t -> {
			String suffix = frames > 1 ? "-t" + "0".repeat(Math.max(0, tDigits - Integer.toString(t).length())) + t : "";
			rois.addAll(LabelRois.toRois(LabelImageInput.readObjects(image, t), LabelRois.Position.of(image, 1, t), suffix, p));
		}, p);
		if (rois.isEmpty()) throw new SegKitException("'" + image.getTitle() + "' contains no labels (every " +
			"pixel is 0), so there are no ROIs to make. Check that you chose the label image.");
		switch (destination) {
			case ROI_MANAGER -> LabelRois.addToRoiManager(rois);
			case OVERLAY -> LabelRois.addToOverlay(image, rois);
			default -> {
				File written = LabelRois.saveZip(rois, roiFile, p);
				IJ.showStatus("SegKit: " + rois.size() + " ROIs saved to " + written);
			}
		}
	}
}
