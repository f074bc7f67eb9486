package io.segkit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.segkit.SegKitException;

/**
 * The figures of one finished epoch.
 *
 * @param epoch epochs finished so far (1 = the first)
 * @param trainingLoss mean training loss over the epoch's iterations (CE + soft-Dice loss: can be negative)
 * @param validationDice mean foreground pseudo-Dice on the validation patches (NaN when undefined)
 * @param smoothedDice its exponential moving average (0.9 old + 0.1 new), which picks the "best" checkpoint
 * @param learningRate the learning rate used in the epoch
 * @param seconds wall-clock seconds the epoch took (training + validation + checkpoint)
 * @param best whether this epoch wrote the best checkpoint
 */
public record EpochRecord(int epoch, double trainingLoss, double validationDice, double smoothedDice,
		double learningRate, double seconds, boolean best) {

	static final String CSV_HEADER = "epoch,training_loss,validation_dice,smoothed_dice,learning_rate,seconds,best";

	/** The history as CSV (header line, then one line per epoch). */
	public static String toCsv(List<EpochRecord> history) {
		StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
		for (EpochRecord r : history) {
			b.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%.3f,%b%n", r.epoch, r.trainingLoss, r.validationDice,
				r.smoothedDice, r.learningRate, r.seconds, r.best));
		}
		return b.toString();
	}

	/** Reads {@link #toCsv} output. */
	public static List<EpochRecord> fromCsv(String csv) {
		List<EpochRecord> history = new ArrayList<>();
		String[] lines = csv.split("\\R");
		if (lines.length == 0 || !lines[0].equals(CSV_HEADER)) {
			throw new SegKitException("The training history in the checkpoint is not readable (unexpected header).");
		}
		try {
			for (int i = 1; i < lines.length; i++) {
				if (lines[i].isBlank()) continue;
				String[] f = lines[i].split(",");
				history.add(new EpochRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
					Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Boolean.parseBoolean(
						f[6])));
			}
		}
		catch (RuntimeException e) {
			throw new SegKitException("The training history in the checkpoint is damaged: " + e.getMessage(), e);
		}
		return history;
	}
}
