package io.segkit.ij1;

import ij.IJ;
import ij.ImageListener;
import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import io.segkit.Cancelled;
import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.LabelImages;

import java.awt.EventQueue;
import java.awt.image.IndexColorModel;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The live preview of a {@link Previewable} command, as ImageJ's Threshold dialog shows its result: an overlay on the
 * slice on show (masks red, labels in their colours, half transparent), recomputed in the background when a value
 * or the slice changes (a newer request cancels the older one), and removed on OK or Cancel, when the image's own
 * overlay comes back as it was. The image's pixels, ROI and "changed" state are never touched.
 */
final class LivePreview {

	/** Typing a number sends one change per key: wait this long for the next before computing. */
	static final int SETTLE_MS = 200;
	private static final double OPACITY = 0.5;

	private final ImagePlus image;
	private final Function<Map<String, String>, Previewable> command;
	private final AtomicInteger request = new AtomicInteger();
	private Consumer<Boolean> busy = b -> {};

	private ExecutorService worker;
	private ImageListener slices;
	private Overlay original;
	private boolean originalHidden, showing;
	private volatile Map<String, String> values;
	private volatile Previewable.Preview result;
	private volatile int resultFrame, shownSlice, shownFrame;

	/** {@code command}: a fresh copy of the command filled with the dialog's values (may refuse them). */
	LivePreview(ImagePlus image, Function<Map<String, String>, Previewable> command) {
		this.image = image;
		this.command = command;
	}

	/** Told true while a preview is computed (the dialog then shows "wait..." as ImageJ's do). */
	void onBusy(Consumer<Boolean> action) {
		busy = action;
	}

	/** Shows the result for these values (computed in the background). */
	synchronized void show(Map<String, String> newValues) {
		if (worker == null) start();
		values = newValues;
		result = null;
		compute(false);
	}

	/** Removes the preview (the Preview box was unticked); the image's own overlay is back. */
	synchronized void hide() {
		request.incrementAndGet();
		result = null;
		restore();
	}

	/** Ends the preview for good (OK or Cancel): nothing computes any more and the image is as it was. */
	void close() {
		request.incrementAndGet();
		ExecutorService running;
		synchronized (this) {
			running = worker;
		}
		if (running != null) { // waited for outside the lock, which a finishing computation may need
			running.shutdownNow();
			try {
				running.awaitTermination(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this) {
			if (slices != null) ImagePlus.removeImageListener(slices);
			values = null;
			restore();
		}
	}

	private void start() {
		worker = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "SegKit preview");
			t.setDaemon(true);
			return t;
		});
		original = image.getOverlay();
		originalHidden = image.getHideOverlay();
		slices = new ImageListener() {

			@Override
			public void imageUpdated(ImagePlus imp) {
				if (imp == image) sliceMaybeChanged();
			}

			@Override
			public void imageOpened(ImagePlus imp) {}

			@Override
			public void imageClosed(ImagePlus imp) {
				if (imp == image) request.incrementAndGet();
			}
		};
		ImagePlus.addImageListener(slices);
	}

	/** An image window reports every slice change as an update (so does any other change of the image). */
	synchronized void sliceMaybeChanged() {
		if (values == null || !showing && result == null) return;
		int[] czt = position();
		if (czt[1] == shownSlice && czt[2] == shownFrame) return;
		Previewable.Preview known = result;
		if (known != null && resultFrame == czt[2] && known.covers(czt[1])) draw(known, czt[1], czt[2]);
		else compute(true);
	}

	/** Channel, slice and frame on show (1-based), also for an image without a window. */
	private int[] position() {
		return image.convertIndexToPosition(image.getCurrentSlice());
	}

	/** Computes in the background for the slice on show; {@code now}: no settling time (a slice change). */
	private void compute(boolean now) {
		int id = request.incrementAndGet();
		Map<String, String> given = values;
		int[] czt = position();
		int slice = czt[1], frame = czt[2];
		worker.execute(() -> run(id, given, slice, frame, now));
	}

	private void run(int id, Map<String, String> given, int slice, int frame, boolean now) {
		Progress progress = new Progress() {

			@Override
			public void update(String step, long done, long total) {}

			@Override
			public boolean isCancelRequested() {
				return request.get() != id;
			}
		};
		try {
			if (!now) Thread.sleep(SETTLE_MS);
			progress.checkCancelled();
			setBusy(true);
			Previewable.Preview preview = command.apply(given).preview(slice, frame, progress);
			synchronized (this) {
				if (request.get() != id) return;
				result = preview;
				resultFrame = frame;
				draw(preview, slice, frame);
			}
			IJ.showStatus("");
		} catch (InterruptedException | Cancelled e) {
			// a newer request, or the dialog closed
		} catch (SegKitException | IllegalArgumentException e) {
			failed(id, e.getMessage());
		} catch (RuntimeException | OutOfMemoryError e) {
			failed(id, e.toString());
		} finally {
			if (request.get() == id) setBusy(false);
		}
	}

	private synchronized void failed(int id, String message) {
		if (request.get() != id) return;
		restore();
		IJ.showStatus("Preview: " + message);
	}

	private void setBusy(boolean running) {
		EventQueue.invokeLater(() -> busy.accept(running));
	}

	private void draw(Previewable.Preview preview, int slice, int frame) {
		ImageRoi roi = new ImageRoi(0, 0, colours(preview.plane(slice)));
		roi.setZeroTransparent(true);
		roi.setOpacity(OPACITY);
		roi.setName(Previewable.OVERLAY_NAME);
		roi.setPosition(0, slice, frame);
		Overlay overlay = original == null ? new Overlay() : original.duplicate();
		overlay.add(roi);
		shownSlice = slice;
		shownFrame = frame;
		showing = true;
		image.setOverlay(overlay);
	}

	private void restore() {
		if (!showing) return;
		showing = false;
		image.setOverlay(original);
		image.setHideOverlay(originalHidden);
	}

	/** A mask (8-bit) in red, labels each in the colour of SegKit's label images; 0 stays black (transparent). */
	static ColorProcessor colours(ImageProcessor plane) {
		int n = plane.getPixelCount();
		int[] rgb = new int[n];
		IndexColorModel lut = LabelImages.glasbeyLut();
		boolean mask = plane instanceof ByteProcessor;
		for (int i = 0; i < n; i++) {
			float v = plane.getf(i);
			if (v == 0 || Float.isNaN(v)) continue;
			rgb[i] = mask ? 0xff0000 : lut.getRGB(1 + (int) ((Math.abs((long) v) - 1) % 255)) & 0xffffff;
		}
		return new ColorProcessor(plane.getWidth(), plane.getHeight(), rgb);
	}
}
