// Pixel classes without training: k-means clustering of intensities (background, nucleus,
// nucleolus) and an adaptive (local) threshold that copes with uneven illumination.
// Headless argument: "input=[<test-images folder>] output=[<folder>]".
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
if (input == "") input = getDirectory("Choose the test-images folder");
if (output == "") output = getDirectory("Choose an output folder");
setBatchMode(true);
name = "nuclei2d-02";
open(input + "/2d/images/" + name + ".tif");
raw = getTitle();
run("K-means Clustering", "classes=3 seed=1");
saveAs("Tiff", output + "/" + name + "-kmeans.tif");
// classes 2 and 3 (the brighter ones) are nuclear: compare them as foreground to the truth
run("Manual Threshold", "lower=2 upper=3 output=Labels connectivity=8");
kmeansNuclei = getTitle();
open(input + "/2d/labels/" + name + ".tif");
rename("truth");
selectImage(kmeansNuclei);
run("Compare to Ground Truth", "ground_truth=truth");
print("RESULT method=kmeans image=" + name + " dice=" + d2s(getResult("Foreground Dice", 0), 4));
selectImage(raw);
run("Local Threshold", "method=Mean radius=15 objects=Bright offset=-10 window=2D output=Labels connectivity=8");
local = getTitle();
saveAs("Tiff", output + "/" + name + "-local.tif");
rename(local);
run("Compare to Ground Truth", "ground_truth=truth");
print("RESULT method=local image=" + name + " dice=" + d2s(getResult("Foreground Dice", 0), 4));
