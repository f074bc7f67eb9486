package io.segkit.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.dataset.TrainingFolder;
import io.segkit.engine.Engines;
import io.segkit.image.ImageFiles;
import io.segkit.image.LabelImages;
import io.segkit.image.Labels;
import io.segkit.image.Titles;
import io.segkit.image.Volume;
import io.segkit.instances.InstanceDecoder;
import io.segkit.model.InstanceDecoding;
import io.segkit.model.LoadedModel;
import io.segkit.model.ModelBundle;

/**
 * One "Segment with Model" run: loads a model bundle once on the chosen device and segments an open image or every
 * TIFF of a folder. Per image it makes a label image (classes, or objects = connected components of each class)
 * and optionally the class probabilities as a 32-bit hyperstack (one channel per class). Folder runs write
 * {@code NAME-labels.tif} (and {@code NAME-probabilities.tif}) through a temporary file, so an interrupted run
 * never leaves a half-written output, and skip images whose label file already exists, so a run can be repeated.
 */
public final class SegmentationJob implements AutoCloseable {

	/** What the label image holds; AUTOMATIC: the objects of an instance model, else the classes. */
	public enum Output {
		CLASSES, OBJECTS, AUTOMATIC
	}

	/** Clean-up of the class map before objects are numbered. */
	public enum Cleanup {
		/** What cross-validation chose for the model (none when the model has no such choice). */
		MODEL,
		NONE,
		/** Keep only the largest connected part of all foreground. */
		LARGEST,
		/** Keep only the largest connected part of each class. */
		LARGEST_PER_CLASS
	}

	/** The images made for one input. */
	/** The outputs, and how many voxels had no value (NaN) and were labelled background. */
	public record Result(ImagePlus labels, ImagePlus probabilities, long voxelsWithoutValue) {}

	/** One row of a folder run's summary. */
	public record Row(String image, String status, int objectsOrClasses, double seconds) {

		private static final String FAILED = "failed: ";

		static Row failed(Path file, String why) {
			return new Row(file.getFileName().toString(), FAILED + why, 0, 0);
		}

		/** True when the image could not be segmented (its status says why). */
		public boolean failed() {
			return status.startsWith(FAILED);
		}
	}

	private final Path modelFile;
	private final SlidingWindowPredictor.Options options;
	/** The device's manager, the model's configurations and the segmenter; all replaced when a full GPU hands over
	 * to the CPU. */
	private NDManager manager;
	private List<LoadedModel> configurations;
	private ImageSegmenter segmenter;
	private java.util.function.Consumer<String> notices = message -> IJ.log("SegKit: " + message);
	private final Output output;
	private final boolean probabilities;
	private final PostprocessingDecision cleanup;
	private final double minimumSize;

	/**
	 * Loads the model. {@code minimumSize} (calibrated area or volume, 0 = off) removes smaller connected parts of
	 * every class after {@code cleanup}.
	 */
	public SegmentationJob(Path modelFile, String device, SlidingWindowPredictor.Options options, Output output,
			boolean probabilities, Cleanup cleanup, double minimumSize) {
		if (!(minimumSize >= 0)) throw new SegKitException("The minimum size must be 0 or more, not " + minimumSize
			+ ".");
		this.modelFile = modelFile;
		this.options = options;
		ModelBundle.Contents bundle = load(Engines.device(device));
		this.output = output != Output.AUTOMATIC ? output : model().spec().isInstanceModel() ? Output.OBJECTS
			: Output.CLASSES;
		this.probabilities = probabilities;
		this.cleanup = decision(cleanup, bundle.extras());
		this.minimumSize = minimumSize;
	}

	/** Loads the model onto {@code device}: a new manager, configurations and segmenter. */
	private ModelBundle.Contents load(Device device) {
		NDManager m = Engines.call(() -> Engines.pytorch().newBaseManager(device));
		ModelBundle.Contents bundle;
		try {
			bundle = ModelBundle.readContents(modelFile, m);
		}
		catch (RuntimeException e) {
			m.close();
			throw e;
		}
		manager = m;
		configurations = bundle.configurations();
		segmenter = new ImageSegmenter(configurations, m, options.withMirroring(options.mirror() || decoding() != null
			&& decoding().mirroring()));
		segmenter.setNotices(notices);
		return bundle;
	}

	/** Where notes go that the user should read (default: ImageJ's Log); the command line prints them. */
	public void setNotices(java.util.function.Consumer<String> notices) {
		this.notices = notices;
		segmenter.setNotices(notices);
	}

	/**
	 * One frame; when the GPU's memory is too small even for one tile, the model moves to the CPU, with a note, and
	 * the frame (and every later image of this job) is segmented there.
	 */
	private ImageSegmenter.Frame segmentFrame(ImagePlus image, int t, Progress progress) {
		try {
			return segmenter.segment(image, t, progress);
		}
		catch (DeviceMemory.Exhausted e) {
			if (!e.device.isGpu()) throw e;
			notices.accept(e.getMessage() + " Segmenting on the CPU instead (slower), this image and the next ones.");
			NDManager gpu = manager;
			load(Device.cpu());
			gpu.close();
			return segmenter.segment(image, t, progress);
		}
	}

	private PostprocessingDecision decision(Cleanup choice, java.util.Map<String, byte[]> extras) {
		int classes = model().spec().classNames().size();
		return switch (choice) {
			case NONE -> PostprocessingDecision.NONE;
			case LARGEST -> new PostprocessingDecision(true, new int[0], null, Double.NaN, Double.NaN);
			case LARGEST_PER_CLASS -> new PostprocessingDecision(false, java.util.stream.IntStream.range(1, classes)
				.toArray(), null, Double.NaN, Double.NaN);
			case MODEL -> {
				byte[] stored = extras.get(ModelBundle.Entries.POSTPROCESSING);
				yield stored == null ? PostprocessingDecision.NONE : PostprocessingDecision.fromJson(new String(stored,
					java.nio.charset.StandardCharsets.UTF_8));
			}
		};
	}

	/** The postprocessing that is applied, for the log. */
	public PostprocessingDecision postprocessing() {
		return cleanup;
	}

	/** What turns the probabilities into labels, for the log: an instance model's decoding, else the postprocessing. */
	public String describeLabelling() {
		return decoding() != null ? "instance model, objects split: " + decoding() : "postprocessing: " + cleanup;
	}

	/** The model (the first configuration of an ensemble). */
	public LoadedModel model() {
		return configurations.get(0);
	}

	/** Every configuration the predictions average (one for a single model). */
	public List<LoadedModel> configurations() {
		return configurations;
	}

	/** The device the model runs on, for the log. */
	public String device() {
		return Engines.describe(manager.getDevice());
	}

	/** How an instance model's probabilities become objects (its own, with the minimum size asked for), or null. */
	public InstanceDecoding decoding() {
		InstanceDecoding own = model().spec().instances();
		return own == null || minimumSize == 0 ? own : own.withMinimumSize(minimumSize);
	}

	/** Classes (cleaned up), or objects: the connected components of each class. */
	private int[] classLabels(ImageSegmenter.Frame frame, Volume like, Progress progress) {
		int[] classes = cleanUp(Labels.of(frame.classes(), like)).data();
		return output == Output.OBJECTS ? ImageSegmenter.objects(classes, frame.classCount(), like.width(),
			like.height(), like.depth(), like.spacing(), connectivity(like), progress) : classes;
	}

	/** An instance model's objects, split where it predicts boundaries; as classes, 1 wherever there is an object. */
	private int[] instanceLabels(ImageSegmenter.Frame frame, Volume like, Progress progress) {
		int[] objects = InstanceDecoder.decode(frame.probabilities(), like.width(), like.height(), like.depth(), like
			.spacing(), decoding(), progress).data();
		if (output == Output.OBJECTS) return objects;
		for (int i = 0; i < objects.length; i++) objects[i] = objects[i] > 0 ? 1 : 0;
		return objects;
	}

	private Labels cleanUp(Labels classes) {
		Labels out = cleanup.changesAnything() ? Postprocessing.apply(cleanup, classes) : classes;
		return minimumSize > 0 ? Postprocessing.removeSmallComponentsCalibrated(out, minimumSize, cleanup
			.connectivity()) : out;
	}

	/** Segments every frame of an open image; nothing is shown or saved. */
	public Result segment(ImagePlus image, Progress progress) {
		long voxelsWithoutValue = segmenter.requireSuitable(image);
		List<int[]> labelFrames = new ArrayList<>();
		List<float[][]> probabilityFrames = new ArrayList<>();
		Volume like = Volume.of(image, 1, 1);
		for (int t = 1; t <= image.getNFrames(); t++) {
			progress.checkCancelled();
			ImageSegmenter.Frame frame = segmentFrame(image, t, progress);
			labelFrames.add(decoding() != null ? instanceLabels(frame, like, progress) : classLabels(frame, like,
				progress));
			if (probabilities) probabilityFrames.add(frame.classProbabilities());
		}
		String base = Titles.base(image.getTitle());
		ImagePlus labels = LabelImages.createFrames(base + (output == Output.OBJECTS ? "-objects" : "-classes"),
			labelFrames, like);
		ImagePlus probs = probabilities ? probabilityImage(base + "-probabilities", probabilityFrames, like) : null;
		return new Result(labels, probs, voxelsWithoutValue);
	}

	/**
	 * Segments every TIFF in {@code input} into {@code outputFolder} (which must exist and differ from the input
	 * folder); images whose label file exists are skipped. An image that fails is reported in its row and the run
	 * goes on; cancel stops between images (and within one, at the next tile batch).
	 */
	public List<Row> segmentFolder(Path input, Path outputFolder, Progress progress) {
		requireFolders(input, outputFolder);
		List<Path> images = TrainingFolder.tiffs(input);
		if (images.isEmpty()) throw new SegKitException("There are no TIFF images in '" + input + "'.");
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			progress.checkCancelled();
			Path file = images.get(i);
			String name = Titles.base(file.getFileName().toString());
			progress.update("Segmenting " + file.getFileName() + " (" + (i + 1) + "/" + images.size() + ")", i,
				images.size());
			Path labelsFile = outputFolder.resolve(name + "-labels.tif");
			if (Files.exists(labelsFile)) {
				rows.add(new Row(file.getFileName().toString(), "skipped: " + labelsFile.getFileName() + " exists", 0,
					0));
				continue;
			}
			rows.add(segmentFile(file, labelsFile, outputFolder.resolve(name + "-probabilities.tif"), progress));
		}
		return rows;
	}

	/**
	 * Refuses, before any work, a folder run whose output folder is missing or is the input folder (outputs would
	 * overwrite inputs and be taken for inputs on the next run).
	 */
	public static void requireFolders(Path input, Path outputFolder) {
		if (input == null || !Files.isDirectory(input)) throw new SegKitException("The input folder '" + input
			+ "' does not exist. Choose the folder with the images to segment.");
		if (outputFolder == null || !Files.isDirectory(outputFolder)) {
			throw new SegKitException("Choose an existing output folder for the label images.");
		}
		try {
			if (Files.isSameFile(input, outputFolder)) {
				throw new SegKitException("The output folder must differ from the input folder, so that inputs are "
					+ "never overwritten and outputs are not taken for inputs on the next run.");
			}
		}
		catch (IOException e) {
			throw new SegKitException("Cannot compare the folders '" + input + "' and '" + outputFolder + "': " + e
				.getMessage() + ".", e);
		}
	}

	/**
	 * Segments one TIFF into {@code labelsFile} (and {@code probabilitiesFile} with probability maps), written
	 * through temporary files; an unreadable image or one the model cannot segment gives a failed row and writes
	 * nothing.
	 */
	public Row segmentFile(Path file, Path labelsFile, Path probabilitiesFile, Progress progress) {
		long start = System.nanoTime();
		ImagePlus image = ImageFiles.openOrNull(file);
		if (image == null) return Row.failed(file, "not an image ImageJ can open (empty, damaged or another format); "
			+ "the other images were segmented");
		try {
			Result r = segment(image, progress);
			if (r.probabilities() != null) ImageFiles.saveTiff(r.probabilities(), probabilitiesFile);
			ImageFiles.saveTiff(r.labels(), labelsFile); // last: its presence marks the image as done
			int count = (int) r.labels().getStatistics().max;
			return new Row(file.getFileName().toString(), "done", count, (System.nanoTime() - start) / 1e9);
		}
		catch (SegKitException e) {
			return Row.failed(file, e.getMessage());
		}
		finally {
			image.close();
		}
	}

	private static ImagePlus probabilityImage(String title, List<float[][]> frames, Volume like) {
		int classes = frames.get(0).length;
		int plane = like.planeSize();
		ImageStack stack = new ImageStack(like.width(), like.height());
		for (float[][] frame : frames) {
			for (int z = 0; z < like.depth(); z++) {
				for (int c = 0; c < classes; c++) {
					float[] pixels = new float[plane];
					System.arraycopy(frame[c], z * plane, pixels, 0, plane);
					stack.addSlice(new FloatProcessor(like.width(), like.height(), pixels));
				}
			}
		}
		ImagePlus image = new ImagePlus(title, stack);
		image.setDimensions(classes, like.depth(), frames.size());
		image.setOpenAsHyperStack(true);
		image.setCalibration(like.calibration());
		image.setDisplayRange(0, 1);
		return image;
	}

	private static Connectivity connectivity(Volume like) {
		return Connectivity.of(like.depth() > 1 ? "6" : "4");
	}


	/** Frees the model's memory (on the GPU, too). */
	@Override
	public void close() {
		manager.close();
	}
}
