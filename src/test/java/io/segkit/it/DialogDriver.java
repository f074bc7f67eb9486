package io.segkit.it;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import io.segkit.ij1.CommandCatalog;
import io.segkit.ij1.Previewable;

import java.awt.Button;
import java.awt.Checkbox;
import java.awt.EventQueue;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.scijava.command.Command;

/**
 * Opens every SegKit dialog in a real ImageJ on a (virtual) display, as a user would from the menu, with a suitable
 * image open: checks that it opens, fits a 1280x800 screen and has a Help button; ticks Preview where the command
 * has one and waits for the overlay; cancels; checks that the images are as they were (pixels, overlay, ROI,
 * "changed", no new window). {@code check <test-images>} does so on 3D images (whose dialogs are the largest),
 * prints one PASS or FAIL line per command and exits 1 on a failure (DialogsIT); {@code screenshots <test-images>
 * <folder>} does so on 2D images and saves each dialog as a PNG, and for the previews the dialog beside its image,
 * for the user guide (scripts/user-guide-screenshots.sh).
 */
public final class DialogDriver {

	static final int MAX_WIDTH = 1280, MAX_HEIGHT = 800;

	private final Path testImages;
	private final Path screenshots;
	private final String dims;
	private final List<String> failures = new ArrayList<>();

	private DialogDriver(Path testImages, Path screenshots) {
		this.testImages = testImages;
		this.screenshots = screenshots;
		this.dims = screenshots == null ? "3d" : "2d";
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 2 || args[0].equals("screenshots") && args.length < 3) {
			System.err.println("usage: DialogDriver check <test-images> | screenshots <test-images> <folder>");
			System.exit(2);
		}
		DialogDriver driver = new DialogDriver(Path.of(args[1]), args[0].equals("screenshots") ? Path.of(args[2])
			: null);
		int failed;
		try {
			failed = driver.run();
		} catch (Throwable t) {
			t.printStackTrace();
			failed = -1;
		}
		System.out.println("DONE " + (failed == 0 ? "all dialogs passed" : failed + " failure(s)"));
		System.exit(failed == 0 ? 0 : 1);
	}

	private int run() throws Exception {
		new ImageJ();
		IJ.wait(1000);
		for (Map.Entry<String, String> e : CommandCatalog.menuEntries().entrySet()) {
			Class<? extends Command> type = Class.forName(e.getValue()).asSubclass(Command.class);
			if (CommandCatalog.macroKeys(type).isEmpty()) {
				System.out.println("SKIP " + e.getKey() + ": no dialog (nothing to ask)");
				continue;
			}
			try {
				check(e.getKey(), Previewable.class.isAssignableFrom(type));
			} catch (Exception | AssertionError ex) {
				fail(e.getKey(), ex.toString());
			}
			closeDialogs();
			closeImages();
		}
		return failures.size();
	}

	private void check(String command, boolean preview) throws Exception {
		ImagePlus image = openImagesFor(command);
		Map<Integer, String> before = state();
		Overlay overlay = image.getOverlay();
		Roi roi = image.getRoi();
		IJ.doCommand(command);
		GenericDialog dialog = awaitDialog(command);
		if (dialog == null) throw new AssertionError("no dialog within 30 s");
		if (screenshots != null) besideTheImage(dialog, image);
		IJ.wait(500);
		Rectangle bounds = new Rectangle(dialog.getLocationOnScreen(), dialog.getSize());
		List<String> problems = new ArrayList<>();
		if (bounds.width > MAX_WIDTH || bounds.height > MAX_HEIGHT) problems.add("is " + bounds.width + "x" + bounds
			.height + ", more than " + MAX_WIDTH + "x" + MAX_HEIGHT);
		Button help = dialog.getButtons()[3];
		if (help == null || !help.isVisible()) problems.add("has no Help button");
		save(bounds, command, "");
		if (preview && !showPreview(dialog, image)) problems.add("showed no preview overlay within 60 s");
		else if (preview) {
			save(bounds.union(image.getWindow().getBounds()), command, "-preview");
			if (image.getNSlices() > 1 && !previewFollowsTheSlice(image)) problems.add("preview did not follow a " +
				"change of slice within 60 s");
		}
		cancel(dialog);
		awaitClosed(dialog);
		IJ.wait(300);
		if (image.getOverlay() != overlay) problems.add("left the image's overlay changed: " + image.getOverlay());
		if (image.getRoi() != roi) problems.add("changed the image's selection");
		if (image.changes) problems.add("marked the image as changed");
		Map<Integer, String> after = state();
		if (!after.equals(before)) problems.add("changed the open images: " + before + " -> " + after);
		if (!problems.isEmpty()) throw new AssertionError(bounds.width + "x" + bounds.height + " " + String.join("; ",
			problems));
		System.out.println("PASS " + command + " " + bounds.width + "x" + bounds.height + (preview ? " with preview" :
			""));
	}

	/** Screenshots show a preview's dialog and image side by side. */
	private static void besideTheImage(GenericDialog dialog, ImagePlus image) throws Exception {
		Rectangle window = image.getWindow().getBounds();
		EventQueue.invokeAndWait(() -> dialog.setLocation(window.x + window.width + 10, window.y));
	}

	/** The images a user would have open for the command; the returned one is the current image. */
	private ImagePlus openImagesFor(String command) {
		// the 2D screenshots show nuclei2d-02, whose touching pairs the watershed preview splits
		String name = dims + "/%s/nuclei" + dims + (dims.equals("2d") ? "-02.tif" : "-01.tif");
		ImagePlus gray = IJ.openImage(testImages.resolve(String.format(name, "images")).toString());
		ImagePlus labels = IJ.openImage(testImages.resolve(String.format(name, "labels")).toString());
		String kind = switch (command) {
			case "Connected Components", "Distance Transform", "Distance Watershed" -> "mask";
			case "Filter Labels", "Relabel", "Label Measurements", "Labels to ROIs", "Compare to Ground Truth" ->
				"labels";
			default -> "gray";
		};
		ImagePlus current = switch (kind) {
			case "mask" -> mask(labels);
			case "labels" -> labels;
			default -> gray;
		};
		if (current != gray) gray.show();
		if (command.equals("Compare to Ground Truth")) {
			ImagePlus truth = labels.duplicate();
			truth.setTitle(labels.getTitle().replace(".tif", "-truth"));
			truth.show();
		}
		current.show();
		current.getWindow().setLocation(10, 40);
		current.setSlice(current.getNSlices() / 2 + 1);
		WindowManager.setCurrentWindow(current.getWindow());
		IJ.wait(500);
		return current;
	}

	private static ImagePlus mask(ImagePlus labels) {
		ij.ImageStack planes = new ij.ImageStack(labels.getWidth(), labels.getHeight());
		for (int z = 1; z <= labels.getStackSize(); z++) {
			ImageProcessor p = labels.getStack().getProcessor(z);
			ByteProcessor b = new ByteProcessor(p.getWidth(), p.getHeight());
			for (int i = 0; i < p.getPixelCount(); i++) b.set(i, p.getf(i) > 0 ? 255 : 0);
			planes.addSlice(b);
		}
		ImagePlus mask = new ImagePlus(labels.getTitle().replace(".tif", "-mask"), planes);
		mask.setCalibration(labels.getCalibration());
		return mask;
	}

	/** Title, "changed" flag and a checksum of the pixels of every open image, by image ID. */
	private static Map<Integer, String> state() {
		Map<Integer, String> state = new LinkedHashMap<>();
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids) {
			ImagePlus image = WindowManager.getImage(id);
			CRC32 crc = new CRC32();
			for (int i = 1; i <= image.getStackSize(); i++) {
				Object pixels = image.getStack().getPixels(i);
				if (pixels instanceof byte[] b) crc.update(b);
				else if (pixels instanceof short[] s) for (short v : s) crc.update(v);
				else if (pixels instanceof float[] f) for (float v : f) crc.update(Float.floatToIntBits(v));
			}
			state.put(id, image.getTitle() + " changes=" + image.changes + " crc=" + crc.getValue());
		}
		return state;
	}

	private static GenericDialog awaitDialog(String title) {
		for (int i = 0; i < 300; i++) {
			for (Window w : Window.getWindows()) if (w instanceof GenericDialog d && d.isShowing() && title.equals(d
				.getTitle())) return d;
			IJ.wait(100);
		}
		return null;
	}

	/** Ticks Preview as a click would and waits for the preview overlay. */
	private static boolean showPreview(GenericDialog dialog, ImagePlus image) throws Exception {
		Checkbox box = dialog.getPreviewCheckbox();
		if (box == null) throw new AssertionError("has no Preview checkbox");
		EventQueue.invokeAndWait(() -> {
			box.setState(true);
			dialog.itemStateChanged(new ItemEvent(box, ItemEvent.ITEM_STATE_CHANGED, box, ItemEvent.SELECTED));
		});
		for (int i = 0; i < 600; i++) {
			Overlay overlay = image.getOverlay();
			if (overlay != null && overlay.get(Previewable.OVERLAY_NAME) != null) {
				IJ.wait(500);
				return true;
			}
			IJ.wait(100);
		}
		return false;
	}

	/** Shows the next slice, as the window's slider does, and waits for the preview of that slice. */
	private static boolean previewFollowsTheSlice(ImagePlus image) throws Exception {
		int next = image.getCurrentSlice() % image.getNSlices() + 1;
		EventQueue.invokeAndWait(() -> image.setSlice(next));
		for (int i = 0; i < 600; i++) {
			Overlay overlay = image.getOverlay();
			Roi preview = overlay == null ? null : overlay.get(Previewable.OVERLAY_NAME);
			if (preview != null && preview.getZPosition() == next) return true;
			IJ.wait(100);
		}
		return false;
	}

	private static void cancel(GenericDialog dialog) throws Exception {
		Button cancel = dialog.getButtons()[1];
		EventQueue.invokeAndWait(() -> dialog.actionPerformed(new ActionEvent(cancel, ActionEvent.ACTION_PERFORMED,
			cancel.getLabel())));
	}

	private static void awaitClosed(GenericDialog dialog) {
		for (int i = 0; i < 100 && dialog.isShowing(); i++) IJ.wait(100);
		if (dialog.isShowing()) throw new AssertionError("did not close on Cancel");
	}

	private void save(Rectangle area, String command, String suffix) throws Exception {
		if (screenshots == null) return;
		Files.createDirectories(screenshots);
		String name = command.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + suffix + ".png";
		AtomicReference<java.awt.image.BufferedImage> shot = new AtomicReference<>();
		EventQueue.invokeAndWait(() -> {}); // let the dialog paint
		shot.set(new Robot().createScreenCapture(area));
		ImageIO.write(shot.get(), "png", new File(screenshots.toFile(), name));
		System.out.println("SAVED " + name);
	}

	private void fail(String command, String why) {
		failures.add(command);
		System.out.println("FAIL " + command + ": " + why);
	}

	private static void closeDialogs() {
		for (Window w : Window.getWindows()) if (w instanceof GenericDialog d && d.isShowing()) d.dispose();
	}

	private static void closeImages() {
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids) {
			ImagePlus image = WindowManager.getImage(id);
			image.changes = false;
			image.close();
		}
		IJ.wait(200);
	}
}
