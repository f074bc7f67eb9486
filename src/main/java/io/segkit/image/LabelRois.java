package io.segkit.image;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.plugin.filter.ThresholdToSelection;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.files.AtomicFiles;

import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Labels to ImageJ ROIs, traced by ImageJ's own {@link ThresholdToSelection} so that labels with
 * holes or several pieces become exact (composite) ROIs.
 * <p>
 * 2D: one ROI per label, named {@code label-0007}. 3D: one ROI per slice per label, named
 * {@code label-0007-z012} (slices 1-based, as ImageJ counts them) and positioned on its slice.
 * Every ROI carries the property {@code label} (the label value as text: {@code roi.getProperty("label")})
 * so all slices of one label can be found; ROIs are ordered by label, then slice. Each label is
 * traced only inside its bounding box in that slice, found in one pass over each plane.
 */
public final class LabelRois {

	/** ROI property holding the label value. */
	public static final String LABEL_PROPERTY = "label";

	private LabelRois() {}

	/** Where the ROIs go on a stack or hyperstack: channel and frame (1-based), and whether to use c,z,t. */
	public record Position(int channel, int frame, boolean hyperstack) {

		/** A plain image or stack (no channels or frames): positions are slice numbers. */
		public static final Position PLAIN = new Position(1, 1, false);

		/** The position for frame {@code frame} of {@code image}. */
		public static Position of(ImagePlus image, int channel, int frame) {
			boolean hyper = image.getNChannels() > 1 || image.getNFrames() > 1;
			return new Position(channel, frame, hyper);
		}
	}

	/** ROIs of all labels, positioned for a plain image or stack. */
	public static List<Roi> toRois(Labels labels, Progress progress) {
		return toRois(labels, Position.PLAIN, "", progress);
	}

	/**
	 * ROIs of all labels; {@code nameSuffix} (e.g. "-t003") is appended to every name so that
	 * ROIs of several frames stay unique.
	 */
	public static List<Roi> toRois(Labels labels, Position position, String nameSuffix, Progress progress) {
		int digits = Math.max(4, Integer.toString(labels.count()).length());
		int zDigits = Math.max(3, Integer.toString(labels.depth()).length());
		List<List<Roi>> perPlane = new ArrayList<>();
		for (int z = 0; z < labels.depth(); z++) perPlane.add(null);
		IntStream.range(0, labels.depth()).parallel().forEach(z -> {
			progress.checkCancelled();
			perPlane.set(z, tracePlane(labels, z, position, digits, zDigits, nameSuffix));
		});
		progress.checkCancelled();
		List<Roi> all = new ArrayList<>();
		for (List<Roi> plane : perPlane) all.addAll(plane);
		// stable sort: by label, slices stay in order
		all.sort(Comparator.comparingInt(r -> Integer.parseInt(r.getProperty(LABEL_PROPERTY))));
		return all;
	}

	private static List<Roi> tracePlane(Labels labels, int z, Position position, int digits, int zDigits,
		String suffix)
	{
		int w = labels.width(), h = labels.height();
		int[] data = labels.data();
		int offset = z * w * h;
		Boxes boxes = new Boxes();
		for (int y = 0; y < h; y++) {
			for (int x = 0, i = offset + y * w; x < w; x++, i++) if (data[i] != 0) boxes.add(data[i], x, y);
		}
		List<Roi> rois = new ArrayList<>(boxes.size);
		for (int k = 0; k < boxes.size; k++) {
			int label = boxes.label[k];
			int bx = boxes.x0[k], by = boxes.y0[k], bw = boxes.x1[k] - bx + 1, bh = boxes.y1[k] - by + 1;
			byte[] inside = new byte[bw * bh];
			for (int y = 0; y < bh; y++) {
				for (int x = 0, i = offset + (by + y) * w + bx; x < bw; x++, i++) if (data[i] == label) inside[y * bw + x] = (byte) 255;
			}
			ByteProcessor mask = new ByteProcessor(bw, bh, inside);
			mask.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
			ThresholdToSelection tracer = new ThresholdToSelection();
			tracer.showStatus(false);
			Roi roi = tracer.convert(mask);
			java.awt.Rectangle r = roi.getBounds();
			roi.setLocation(bx + r.x, by + r.y);
			String name = "label-" + pad(label, digits);
			if (labels.is3D()) name += "-z" + pad(z + 1, zDigits);
			roi.setName(name + suffix);
			roi.setProperty(LABEL_PROPERTY, Integer.toString(label));
			if (position.hyperstack()) roi.setPosition(position.channel(), z + 1, position.frame());
			else if (labels.is3D()) roi.setPosition(z + 1);
			rois.add(roi);
		}
		return rois;
	}

	private static String pad(int value, int digits) {
		String s = Integer.toString(value);
		return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
	}

	/** Bounding boxes of the labels seen in one plane, in order of first appearance. */
	private static final class Boxes {

		int size;
		int[] label = new int[16], x0 = new int[16], y0 = new int[16], x1 = new int[16], y1 = new int[16];
		private final java.util.HashMap<Integer, Integer> slot = new java.util.HashMap<>();
		private int lastLabel = -1, lastSlot = -1;

		void add(int l, int x, int y) {
			int k;
			if (l == lastLabel) k = lastSlot; // runs of one label along a row are the common case
			else {
				Integer s = slot.get(l);
				if (s == null) {
					k = newSlot(l, x, y);
				} else k = s;
				lastLabel = l;
				lastSlot = k;
			}
			if (x < x0[k]) x0[k] = x;
			if (x > x1[k]) x1[k] = x;
			if (y > y1[k]) y1[k] = y;
		}

		private int newSlot(int l, int x, int y) {
			if (size == label.length) {
				int n = size * 2;
				label = Arrays.copyOf(label, n);
				x0 = Arrays.copyOf(x0, n);
				y0 = Arrays.copyOf(y0, n);
				x1 = Arrays.copyOf(x1, n);
				y1 = Arrays.copyOf(y1, n);
			}
			label[size] = l;
			x0[size] = x1[size] = x;
			y0[size] = y1[size] = y;
			slot.put(l, size);
			return size++;
		}
	}

	// ---- destinations ----

	/** Refuses early when there is no ROI Manager to be had (plain headless ImageJ). */
	public static void requireRoiManagerAvailable() {
		if (GraphicsEnvironment.isHeadless()) throw noRoiManager();
	}

	/** Adds the ROIs to the ROI Manager (opening it if needed), after what the user already has there. */
	public static void addToRoiManager(List<Roi> rois) {
		requireRoiManagerAvailable();
		RoiManager manager;
		try {
			manager = roiManager(true);
		} catch (HeadlessException e) {
			throw noRoiManager();
		}
		for (Roi roi : rois) manager.addRoi(roi);
	}

	/**
	 * The ROI Manager the user or the macro works with: the open one; in a batch-mode macro, the macro's hidden one
	 * (what its roiManager(...) calls use; SegKit's commands run on another thread, where ImageJ's own lookup misses
	 * it); otherwise a new one when {@code open}, or null.
	 */
	public static RoiManager roiManager(boolean open) {
		RoiManager shown = RoiManager.getInstance();
		if (shown != null) return shown;
		RoiManager macros = ij.macro.Interpreter.getBatchModeRoiManager();
		if (macros != null) return macros;
		return open ? RoiManager.getRoiManager() : null;
	}

	private static SegKitException noRoiManager() {
		return new SegKitException("The ROI Manager cannot be opened here (ImageJ runs without a display, " +
			"headless). Choose the destination 'Overlay' (kept when the image is saved as TIFF) or 'File' " +
			"(a RoiSet .zip that the ROI Manager opens) instead.");
	}

	/** Adds the ROIs to the image's overlay, keeping what the overlay already shows. */
	public static void addToOverlay(ImagePlus image, List<Roi> rois) {
		Overlay overlay = image.getOverlay();
		if (overlay == null) overlay = new Overlay();
		for (Roi roi : rois) overlay.add(roi);
		image.setOverlay(overlay);
	}

	/**
	 * The file the ROIs would be written to: {@code file} with ".zip" added when missing. Refuses a
	 * missing path or a folder that does not exist, before any work is done.
	 */
	public static File zipTarget(File file) {
		if (file == null || file.getPath().isBlank()) throw new SegKitException("No file was given for the ROIs. " +
			"Choose where to save the RoiSet .zip (for example roi_file=/path/to/RoiSet.zip).");
		File target = file.getName().toLowerCase().endsWith(".zip") ? file : new File(file.getPath() + ".zip");
		File folder = target.getAbsoluteFile().getParentFile();
		if (folder == null || !folder.isDirectory()) throw new SegKitException("The folder '" + folder +
			"' does not exist, so '" + target.getName() + "' cannot be saved there. Create the folder or choose another.");
		if (target.isDirectory()) throw new SegKitException("'" + target + "' is a folder. Give a file name ending in .zip.");
		if (!folder.canWrite()) throw new SegKitException("SegKit may not write in the folder '" + folder +
			"'. Choose a folder you can write to.");
		return target;
	}

	/**
	 * Writes the ROIs as a RoiSet .zip (the ROI Manager's "Save" format, entries {@code <name>.roi})
	 * to a temporary file in the same folder, then moves it into place: an existing file is only
	 * replaced by a complete one, and nothing is left behind on failure or cancel.
	 *
	 * @return the file written ({@link #zipTarget})
	 */
	public static File saveZip(List<Roi> rois, File file, Progress progress) {
		File target = zipTarget(file);
		if (rois.isEmpty()) throw new SegKitException("There are no ROIs to save, so no file was written.");
		AtomicFiles.write(target.toPath(), "ROI set", temp -> {
			try (FileOutputStream fileOut = new FileOutputStream(temp.toFile());
				ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(fileOut));
				DataOutputStream out = new DataOutputStream(zip))
			{
				RoiEncoder encoder = new RoiEncoder(out);
				for (int i = 0; i < rois.size(); i++) {
					if (i % 256 == 0) progress.checkCancelled();
					Roi roi = rois.get(i);
					zip.putNextEntry(new ZipEntry(roi.getName() + ".roi"));
					encoder.write(roi);
					out.flush();
					zip.closeEntry();
				}
				zip.finish();
				out.flush();
				fileOut.getFD().sync();
			}
		});
		return target;
	}

}
