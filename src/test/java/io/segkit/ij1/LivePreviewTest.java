package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

import io.segkit.SegKitException;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/** The live preview: an overlay of the command's plane on show, recomputed on change, gone on OK or Cancel. */
class LivePreviewTest {

	private final ImagePlus image = IJ.createImage("cells", "8-bit ramp", 16, 12, 3);
	private final AtomicInteger computed = new AtomicInteger();

	/** A command whose plane z has the columns x < z + value set (value from the form, "fail" = refused). */
	private Previewable command(Map<String, String> values) {
		return (slice, frame, progress) -> {
			computed.incrementAndGet();
			if (values.containsKey("fail")) throw new SegKitException("Lower must be below upper.");
			int extra = Integer.parseInt(values.getOrDefault("value", "0"));
			ByteProcessor plane = new ByteProcessor(16, 12);
			for (int y = 0; y < 12; y++) for (int x = 0; x < slice + extra; x++) plane.set(x, y, 255);
			return Previewable.Preview.ofPlane(slice, plane);
		};
	}

	private static ImageRoi previewRoi(ImagePlus image) {
		Overlay overlay = image.getOverlay();
		if (overlay == null) return null;
		for (Roi roi : overlay.toArray()) if (Previewable.OVERLAY_NAME.equals(roi.getName())) return (ImageRoi) roi;
		return null;
	}

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) Thread.sleep(25);
		assertTrue(condition.getAsBoolean(), what);
	}

	/** The preview's coloured columns on its plane (red pixels of the first row). */
	private static int columns(ImageRoi roi) {
		ColorProcessor p = (ColorProcessor) roi.getProcessor();
		int n = 0;
		for (int x = 0; x < p.getWidth(); x++) if ((p.get(x, 0) & 0xffffff) == 0xff0000) n++;
		return n;
	}

	@Test
	void showsTheSliceOnShowOverTheImagesOwnOverlayAndPutsItBack() throws Exception {
		Roi own = new Roi(1, 1, 4, 4);
		Overlay original = new Overlay(own);
		image.setOverlay(original);
		byte[] pixels = ((byte[]) image.getStack().getPixels(2)).clone();
		image.setSlice(2);
		LivePreview preview = new LivePreview(image, this::command);
		try {
			preview.show(Map.of("value", "1"));
			await(() -> previewRoi(image) != null, "the preview appears");
			assertEquals(3, columns(previewRoi(image)), "slice 2 plus the typed 1");
			assertEquals(2, previewRoi(image).getZPosition());
			assertTrue(image.getOverlay().contains(own) || image.getOverlay().size() == 2, "the image's own ROI stays");
			assertEquals(2, image.getOverlay().size());

			preview.show(Map.of("value", "4"));
			await(() -> previewRoi(image) != null && columns(previewRoi(image)) == 6, "a new value recomputes");

			preview.hide();
			assertSame(original, image.getOverlay(), "unticked: the image's overlay as it was");
		} finally {
			preview.close();
		}
		assertSame(original, image.getOverlay());
		assertNull(previewRoi(image));
		assertArrayEquals(pixels, (byte[]) image.getStack().getPixels(2));
		assertFalse(image.changes, "the image is not marked as changed");
	}

	@Test
	void anotherSliceIsComputedOrTakenFromAFrameAlreadyComputed() throws Exception {
		LivePreview preview = new LivePreview(image, this::command);
		try {
			preview.show(Map.of());
			await(() -> previewRoi(image) != null, "the preview appears");
			assertEquals(1, columns(previewRoi(image)));
			image.setSlice(3);
			preview.sliceMaybeChanged(); // what the image's window reports (this image has none)
			await(() -> previewRoi(image) != null && previewRoi(image).getZPosition() == 3, "slice 3 follows");
			assertEquals(3, columns(previewRoi(image)));
			int computations = computed.get();
			preview.sliceMaybeChanged();
			assertEquals(computations, computed.get(), "the same slice is not computed again");
		} finally {
			preview.close();
		}
		assertNull(image.getOverlay(), "the image had no overlay and has none again");
	}

	@Test
	void refusedValuesShowNothingAndSayWhyInTheStatusBar() throws Exception {
		LivePreview preview = new LivePreview(image, this::command);
		try {
			preview.show(Map.of());
			await(() -> previewRoi(image) != null, "the preview appears");
			int before = computed.get();
			preview.show(Map.of("fail", ""));
			await(() -> computed.get() > before && previewRoi(image) == null, "a refused value removes the preview");
		} finally {
			preview.close();
		}
	}

	@Test
	void labelsShowInTheirColoursAndZeroStaysTransparent() {
		ShortProcessor labels = new ShortProcessor(3, 1);
		labels.set(1, 0, 1);
		labels.set(2, 0, 300);
		ColorProcessor colours = LivePreview.colours(labels);
		assertEquals(0, colours.get(0, 0) & 0xffffff);
		assertEquals(io.segkit.image.LabelImages.glasbeyLut().getRGB(1) & 0xffffff, colours.get(1, 0) & 0xffffff);
		assertEquals(io.segkit.image.LabelImages.glasbeyLut().getRGB(1 + 299 % 255) & 0xffffff, colours.get(2, 0)
			& 0xffffff);
	}
}
