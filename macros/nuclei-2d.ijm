// Nuclei in 2D: automatic threshold -> distance watershed with the automatic dynamic (chosen from the
// objects' size, no tuning) -> size filter -> measurements,
// ROIs and a score against the ground truth. Run headless with the argument
// "input=[<test-images folder>] output=[<folder>]", or interactively (it asks for the folders).
args = getArgument();
input = parseArg(args, "input", "");
output = parseArg(args, "output", "");
if (input == "") input = getDirectory("Choose the test-images folder");
if (output == "") output = getDirectory("Choose an output folder");
setBatchMode(true);
files = getFileList(input + "/2d/images");
for (i = 0; i < files.length; i++) {
	name = replace(files[i], ".tif", "");
	open(input + "/2d/images/" + files[i]);
	run("Auto Threshold", "method=Otsu objects=Bright histogram=Stack output=Mask");
	run("Distance Watershed", "dynamic=0 connectivity=8");
	run("Filter Labels", "minimum_size=2");
	labels = getTitle();
	saveAs("Tiff", output + "/" + name + "-labels.tif");
	rename(labels);
	run("Label Measurements", "intensity_image=" + files[i]);
	saveAs("Results", output + "/" + name + "-measurements.csv");
	selectImage(labels);
	run("Labels to ROIs", "destination=File roi_file=[" + output + "/" + name + "-rois.zip]");
	open(input + "/2d/labels/" + files[i]);
	rename("truth");
	selectImage(labels);
	run("Compare to Ground Truth", "ground_truth=truth");
	print("RESULT image=" + name + " dice=" + d2s(getResult("Foreground Dice", 0), 4) + " objects=" + getResult("Objects", 0) + " f1=" + d2s(getResult("F1", 0), 4) + " mean_f1=" + d2s(getResult("Mean F1 (IoU 0.5-0.9)", 0), 4));
	close("*");
}

// Reads key=value or key=[value with spaces] from the macro argument.
function parseArg(args, key, fallback) {
	return call("ij.Macro.getValue", args, key, fallback);
}
