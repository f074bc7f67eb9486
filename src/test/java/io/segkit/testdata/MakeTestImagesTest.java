package io.segkit.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import io.segkit.image.LabelImages;
import io.segkit.image.Volume;

import java.io.File;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The committed test-images/ folder is what {@link MakeTestImages} makes today. */
class MakeTestImagesTest {

	private static final File ROOT = new File("test-images");

	@Test
	void committedImagesMatchTheGenerator() {
		// the loop below must cover every committed image (and so cannot pass on an empty list)
		for (String dim : List.of("2d", "3d")) {
			Set<String> generated = new HashSet<>();
			for (MakeTestImages.TestImage t : MakeTestImages.all()) if (t.folder().equals(dim)) generated.add(t.name() +
				".tif");
			assertFalse(generated.isEmpty(), dim);
			assertEquals(names(new File(ROOT, dim + "/images")), generated, dim);
		}
		for (MakeTestImages.TestImage t : MakeTestImages.all()) {
			SyntheticImage expected = SyntheticNuclei.generate(t.params());
			ImagePlus image = open(t, "images");
			ImagePlus labels = open(t, "labels");
			assertEquals(t.params().bitDepth(), image.getBitDepth(), t.name());
			assertEquals(16, labels.getBitDepth(), t.name());
			assertEquals(t.params().depth(), image.getNSlices(), t.name());
			for (ImagePlus imp : new ImagePlus[] { image, labels }) {
				assertEquals(t.params().spacing().x(), imp.getCalibration().pixelWidth, 1e-9, t.name());
				assertEquals(t.params().spacing().z(), imp.getCalibration().pixelDepth, 1e-9, t.name());
			}
			assertArrayEquals(expected.pixels(), Volume.of(image).toFloatArray(), t.name());
			assertArrayEquals(expected.labelData(), LabelImages.read(Volume.of(labels)), t.name());
			assertEquals(t.params().count(), expected.count(), t.name() + ": not every nucleus fitted");
		}
	}

	@Test
	void imagesAndLabelsComeInPairsWithMatchingNames() {
		for (String dim : List.of("2d", "3d")) {
			Set<String> images = names(new File(ROOT, dim + "/images"));
			assertTrue(images.size() >= 3, dim);
			assertEquals(images, names(new File(ROOT, dim + "/labels")), dim);
		}
	}

	private static ImagePlus open(MakeTestImages.TestImage t, String kind) {
		File file = new File(ROOT, t.folder() + "/" + kind + "/" + t.name() + ".tif");
		ImagePlus imp = IJ.openImage(file.getPath());
		assertNotNull(imp, "cannot open " + file + "; regenerate with MakeTestImages (see test-images/README.md)");
		return imp;
	}

	private static Set<String> names(File dir) {
		Set<String> names = new HashSet<>();
		File[] files = dir.listFiles((d, n) -> n.endsWith(".tif"));
		if (files != null) for (File f : files) names.add(f.getName());
		return names;
	}
}
