package io.segkit.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.dataset.DatasetJson;
import io.segkit.dataset.TrainingFolder;
import io.segkit.plan.Fingerprint;
import io.segkit.plan.FingerprintExtractor;
import io.segkit.plan.FolderPlanning;
import io.segkit.plan.MemoryBudget;
import io.segkit.plan.Planner;
import io.segkit.plan.Plans;

/**
 * Command line: prints nnU-Net-style plans ({@code nnUNetPlans.json} layout) for a dataset.
 *
 * <pre>
 * java -cp ... io.segkit.cli.PlanCli dataset_fingerprint.json dataset.json [--gpu-memory-gb 8]
 * java -cp ... io.segkit.cli.PlanCli --extract DATASET_FOLDER [--samples N] [--gpu-memory-gb 8]
 * options: --gpu-memory-gb G | --cpu-memory-gb G   memory budget (default: 8 GB GPU, nnU-Net's default)
 *          --lowres                              also print nnU-Net's 3d_lowres configuration
 *          --output FILE                         also write the plans to FILE
 * </pre>
 *
 * With {@code --extract}, the fingerprint of the TIFF pairs in DATASET_FOLDER (imagesTr + labelsTr or
 * images + labels) is computed and written there as {@code dataset_fingerprint.json}; the folder's
 * {@code dataset.json} is used if it exists, otherwise one is written.
 */
public final class PlanCli {

	static final String USAGE = String.join("\n",
		"Usage: PlanCli dataset_fingerprint.json dataset.json [options]",
		"       PlanCli --extract DATASET_FOLDER [--samples N] [options]",
		"Options: --gpu-memory-gb G | --cpu-memory-gb G  (default: 8 GB GPU)",
		"         --lowres        also plan nnU-Net's 3d_lowres configuration",
		"         --output FILE   also write the plans to FILE");

	private PlanCli() {}

	public static void main(String[] args) {
		int status = run(args, System.out, System.err);
		if (status != 0) System.exit(status);
	}

	/** Runs the command; returns 0 on success, 1 for a problem with the data, 2 for bad arguments. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		Path fingerprintFile = null;
		Path datasetFile = null;
		Path extractFolder = null;
		Path output = null;
		MemoryBudget budget = MemoryBudget.DEFAULT;
		boolean lowres = false;
		long samples = FingerprintExtractor.DEFAULT_SAMPLES;
		try {
			for (int i = 0; i < args.length; i++) {
				String a = args[i];
				switch (a) {
					case "--gpu-memory-gb" -> budget = MemoryBudget.gpu(number(args, ++i, a));
					case "--cpu-memory-gb" -> budget = MemoryBudget.cpu(number(args, ++i, a));
					case "--lowres" -> lowres = true;
					case "--output" -> output = Path.of(value(args, ++i, a));
					case "--extract" -> extractFolder = Path.of(value(args, ++i, a));
					case "--samples" -> samples = (long) number(args, ++i, a);
					case "-h", "--help" -> {
						out.println(USAGE);
						return 0;
					}
					default -> {
						if (a.startsWith("--")) throw new IllegalArgumentException("Unknown option " + a);
						if (fingerprintFile == null) fingerprintFile = Path.of(a);
						else if (datasetFile == null) datasetFile = Path.of(a);
						else throw new IllegalArgumentException("Unexpected argument " + a);
					}
				}
			}
			if (extractFolder == null && datasetFile == null) throw new IllegalArgumentException(
				"Give dataset_fingerprint.json and dataset.json, or --extract FOLDER.");
			if (extractFolder != null && fingerprintFile != null) throw new IllegalArgumentException(
				"Give either --extract FOLDER or the two JSON files, not both.");
		} catch (IllegalArgumentException e) {
			err.println(e.getMessage());
			err.println(USAGE);
			return 2;
		}
		try {
			Fingerprint fingerprint;
			DatasetJson dataset;
			Path datasetFolder;
			if (extractFolder != null) {
				TrainingFolder folder = TrainingFolder.open(extractFolder);
				fingerprint = new FingerprintExtractor(samples, FingerprintExtractor.DEFAULT_SEED).extract(folder, Progress.NONE);
				fingerprint.write(extractFolder.resolve("dataset_fingerprint.json"));
				Path datasetJson = extractFolder.resolve("dataset.json");
				if (Files.exists(datasetJson)) {
					dataset = DatasetJson.read(datasetJson);
				} else {
					dataset = FolderPlanning.datasetJson(folder, fingerprint);
					dataset.write(datasetJson);
				}
				datasetFolder = extractFolder;
			} else {
				fingerprint = Fingerprint.read(fingerprintFile);
				dataset = DatasetJson.read(datasetFile);
				datasetFolder = datasetFile.toAbsolutePath().getParent();
			}
			if (dataset.name() == null && datasetFolder != null && datasetFolder.getFileName() != null) {
				dataset = dataset.withName(datasetFolder.getFileName().toString());
			}
			Plans plans = new Planner(budget, lowres).plan(fingerprint, dataset);
			String json = plans.toJson();
			out.print(json);
			if (output != null) plans.write(output);
			return 0;
		} catch (SegKitException e) {
			err.println(e.getMessage());
			return 1;
		}
	}

	private static String value(String[] args, int i, String option) {
		if (i >= args.length) throw new IllegalArgumentException(option + " needs a value.");
		return args[i];
	}

	private static double number(String[] args, int i, String option) {
		String v = value(args, i, option);
		try {
			return Double.parseDouble(v);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(option + " needs a number, not '" + v + "'.");
		}
	}
}
