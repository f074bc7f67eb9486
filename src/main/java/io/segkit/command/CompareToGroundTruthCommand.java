package io.segkit.command;

import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.segkit.eval.ObjectScores;
import io.segkit.eval.SegmentationScores;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Scores a label image (or mask) against a ground-truth label image: foreground Dice and IoU, and the objects
 * matched one-to-one at IoU 0.5 to 0.9 (precision, recall, F1, mean F1, mean matched IoU, panoptic quality).
 */
@Plugin(type = Command.class, label = "Compare to Ground Truth")
public class CompareToGroundTruthCommand extends SegKitCommand {

	/** The column of the F1 at each IoU threshold: "F1@0.5", "F1@0.55", ..., "F1@0.9". */
	static String f1Column(double threshold) {
		return "F1@" + threshold;
	}

	@Parameter(label = "Image")
	ImagePlus image;
	@Parameter(label = "Ground truth")
	ImagePlus groundTruth;
	@Parameter(type = ItemIO.OUTPUT, label = "Scores")
	ResultsTable scores;

	@Override
	public void run() {
		progress().update("Comparing to the ground truth", 0, 1);
		progress().checkCancelled();
		SegmentationScores s = SegmentationScores.compare(image, groundTruth, progress());
		progress().update("Comparing to the ground truth", 1, 1);
		ObjectScores o = s.objects();
		scores = new ResultsTable();
		scores.incrementCounter();
		scores.addValue("Image", image.getTitle());
		scores.addValue("Ground truth", groundTruth.getTitle());
		scores.addValue("Foreground Dice", s.foregroundDice());
		scores.addValue("Foreground IoU", s.foregroundIoU());
		scores.addValue("Objects", o.predictedObjects());
		scores.addValue("True objects", o.trueObjects());
		scores.addValue("Matched (IoU>=0.5)", o.matched());
		scores.addValue("Precision", o.precision());
		scores.addValue("Recall", o.recall());
		scores.addValue("F1", o.f1());
		scores.addValue("Mean F1 (IoU 0.5-0.9)", o.meanF1());
		scores.addValue("Mean matched IoU", o.meanMatchedIoU());
		scores.addValue("PQ", o.panopticQuality());
		for (ObjectScores.AtThreshold a : o.byThreshold()) scores.addValue(f1Column(a.threshold()), a.f1());
		IJ.log(logLine(image.getTitle(), s));
	}

	/** One line a biologist reads at a glance: objects found, missed, extra; F1, mean F1, PQ; Dice. */
	static String logLine(String title, SegmentationScores s) {
		ObjectScores o = s.objects();
		ObjectScores.AtThreshold half = o.atHalf();
		return String.format(Locale.ROOT, "SegKit scores for %s: %d of %d true objects found (IoU >= 0.5), %d extra; "
			+ "F1 %.3f, mean F1 (IoU 0.5-0.9) %.3f, PQ %.3f; foreground Dice %.3f", title, half.truePositives(), o
				.trueObjects(), half.falsePositives(), o.f1(), o.meanF1(), o.panopticQuality(), s.foregroundDice());
	}
}
