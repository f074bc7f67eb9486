package io.segkit.command;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.segkit.eval.SegmentationScores;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Scores a label image (or mask) against a ground-truth label image: Dice, IoU, object F1. */
@Plugin(type = Command.class, label = "Compare to Ground Truth")
public class CompareToGroundTruthCommand extends SegKitCommand {

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
		SegmentationScores s = SegmentationScores.compare(image, groundTruth);
		progress().update("Comparing to the ground truth", 1, 1);
		scores = new ResultsTable();
		scores.incrementCounter();
		scores.addValue("Image", image.getTitle());
		scores.addValue("Ground truth", groundTruth.getTitle());
		scores.addValue("Foreground Dice", s.foregroundDice());
		scores.addValue("Foreground IoU", s.foregroundIoU());
		scores.addValue("Objects", s.predictedObjects());
		scores.addValue("True objects", s.trueObjects());
		scores.addValue("Matched (IoU>0.5)", s.matchedObjects());
		scores.addValue("Precision", s.precision());
		scores.addValue("Recall", s.recall());
		scores.addValue("F1", s.f1());
		scores.addValue("Mean matched IoU", s.meanMatchedIoU());
		IJ.log(String.format("SegKit scores for %s: foreground Dice %.4f, objects %d/%d matched, F1 %.4f",
			image.getTitle(), s.foregroundDice(), s.matchedObjects(), s.trueObjects(), s.f1()));
	}
}
