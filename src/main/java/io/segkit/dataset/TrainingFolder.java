package io.segkit.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import ij.ImagePlus;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.image.ImageFiles;
import io.segkit.image.Volume;

/**
 * A folder of training data as TIFF files: {@code imagesTr/} + {@code labelsTr/} (nnU-Net's names) or
 * {@code images/} + {@code labels/}. Each label file {@code NAME.tif} pairs with the image
 * {@code NAME.tif} (its channels are the network inputs) or with nnU-Net-style channel files
 * {@code NAME_0000.tif}, {@code NAME_0001.tif}, ... Cases are sorted by name and read one at a time
 * with ImageJ. Spacing comes from each image's calibration.
 */
public final class TrainingFolder {

	private final Path images;
	private final Path labels;
	private final Map<String, List<Path>> imageFiles; // case name -> channel files (one file: all channels)
	private final Map<String, Path> labelFiles;

	private TrainingFolder(Path images, Path labels, Map<String, List<Path>> imageFiles,
		Map<String, Path> labelFiles)
	{
		this.images = images;
		this.labels = labels;
		this.imageFiles = imageFiles;
		this.labelFiles = labelFiles;
	}

	/** The training data under a dataset folder (imagesTr/labelsTr or images/labels). */
	public static TrainingFolder open(Path datasetFolder) {
		for (String[] pair : new String[][] { { "imagesTr", "labelsTr" }, { "images", "labels" } }) {
			Path i = datasetFolder.resolve(pair[0]);
			Path l = datasetFolder.resolve(pair[1]);
			if (Files.isDirectory(i) && Files.isDirectory(l)) return of(i, l);
		}
		throw new SegKitException("'" + datasetFolder + "' has no imagesTr + labelsTr (or images + labels) " +
			"folders. Put the training images and their label images there, with matching file names.");
	}

	public static TrainingFolder of(Path imagesFolder, Path labelsFolder) {
		Map<String, Path> labelFiles = new TreeMap<>();
		for (Path p : tiffs(labelsFolder)) labelFiles.put(baseName(p), p);
		if (labelFiles.isEmpty()) throw new SegKitException("No TIFF label images in '" + labelsFolder + "'.");
		Map<String, Path> imageByName = new TreeMap<>();
		for (Path p : tiffs(imagesFolder)) imageByName.put(baseName(p), p);
		Map<String, List<Path>> imageFiles = new LinkedHashMap<>();
		for (String name : labelFiles.keySet()) {
			List<Path> channels = new ArrayList<>();
			if (imageByName.containsKey(name)) {
				channels.add(imageByName.get(name));
			} else {
				for (int c = 0; imageByName.containsKey(channelName(name, c)); c++) {
					channels.add(imageByName.get(channelName(name, c)));
				}
			}
			if (channels.isEmpty()) throw new SegKitException("The label image '" + labelFiles.get(name)
				.getFileName() + "' has no image: expected '" + name + ".tif' or '" + channelName(name, 0) +
				".tif' in '" + imagesFolder + "'.");
			imageFiles.put(name, channels);
		}
		return new TrainingFolder(imagesFolder, labelsFolder, imageFiles, labelFiles);
	}

	public Path imagesFolder() {
		return images;
	}

	public Path labelsFolder() {
		return labels;
	}

	/** Case names, sorted. */
	public List<String> caseNames() {
		return new ArrayList<>(labelFiles.keySet());
	}

	public int size() {
		return labelFiles.size();
	}

	/** Reads case i (images and labels) from disk. */
	public TrainingCase load(int i) {
		String name = caseNames().get(i);
		List<Volume> channels = new ArrayList<>();
		for (Path file : imageFiles.get(name)) {
			ImagePlus image = openImage(file);
			for (int c = 1; c <= image.getNChannels(); c++) channels.add(Volume.of(image, c, 1));
		}
		ImagePlus label = openImage(labelFiles.get(name));
		if (label.getNChannels() != 1) throw new SegKitException("The label image '" + label.getTitle() +
			"' has " + label.getNChannels() + " channels; a label image has one.");
		return new TrainingCase(name, channels, Volume.of(label));
	}

	/** The file ending of the label files as dataset.json states it: ".tiff" or ".tif". */
	public String fileEnding() {
		return labelFiles.values().iterator().next().getFileName().toString().toLowerCase().endsWith(".tiff")
			? ".tiff" : ".tif";
	}

	private static ImagePlus openImage(Path file) {
		ImagePlus image = ImageFiles.openOrNull(file);
		if (image == null) throw new SegKitException("ImageJ could not open '" + file + "' (empty, damaged or not an "
			+ "image). Replace it, or move it out of the training folder.");
		if (image.getNFrames() > 1) throw new SegKitException("'" + file.getFileName() + "' has " + image
			.getNFrames() + " time frames; save each frame as its own case.");
		return image;
	}

	/** The TIFF files of a folder (hidden files left out), sorted by name. */
	public static List<Path> tiffs(Path folder) {
		if (!Files.isDirectory(folder)) throw new SegKitException("The folder '" + folder + "' does not exist.");
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> Files.isRegularFile(p) && isTiff(p)).sorted().toList();
		} catch (IOException e) {
			throw new SegKitException("Could not list '" + folder + "': " + e.getMessage(), e);
		}
	}

	private static boolean isTiff(Path p) {
		String n = p.getFileName().toString().toLowerCase();
		return !n.startsWith(".") && (n.endsWith(".tif") || n.endsWith(".tiff"));
	}

	private static String baseName(Path p) {
		String n = p.getFileName().toString();
		return n.substring(0, n.lastIndexOf('.'));
	}

	private static String channelName(String caseName, int channel) {
		return String.format("%s_%04d", caseName, channel);
	}
}
