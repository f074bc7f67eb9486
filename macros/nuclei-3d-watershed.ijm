// Touching nuclei in 3D: Otsu threshold -> distance-transform watershed with the automatic dynamic (splits
// touching nuclei, anisotropic voxels taken from the calibration) -> size filter -> measurements, ROIs, score.
// Headless argument: "input=[<test-images folder>] output=[<folder>]".
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
if (input == "") input = getDirectory("Choose the test-images folder");
if (output == "") output = getDirectory("Choose an output folder");
setBatchMode(true);
files = getFileList(input + "/3d/images");
for (i = 0; i < files.length; i++) {
	name = replace(files[i], ".tif", "");
	open(input + "/3d/images/" + files[i]);
	raw = getTitle();
	run("Auto Threshold", "method=Otsu objects=Bright histogram=Stack output=Mask");
	run("Distance Watershed", "dynamic=0 connectivity=26");
	run("Filter Labels", "minimum_size=2");
	labels = getTitle();
	saveAs("Tiff", output + "/" + name + "-labels.tif");
	rename(labels);
	run("Label Measurements", "intensity_image=[" + raw + "]");
	saveAs("Results", output + "/" + name + "-measurements.csv");
	selectImage(labels);
	run("Labels to ROIs", "destination=File roi_file=[" + output + "/" + name + "-rois.zip]");
	open(input + "/3d/labels/" + files[i]);
	rename("truth");
	selectImage(labels);
	run("Compare to Ground Truth", "ground_truth=truth");
	print("RESULT image=" + name + " dice=" + d2s(getResult("Foreground Dice", 0), 4) + " objects=" + getResult("Objects", 0) + " true=" + getResult("True objects", 0) + " f1=" + d2s(getResult("F1", 0), 4) + " mean_f1=" + d2s(getResult("Mean F1 (IoU 0.5-0.9)", 0), 4));
	close("*");
}
