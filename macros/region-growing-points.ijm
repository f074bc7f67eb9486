// Region growing from points: one point per nucleus (here the known centres from the generator's
// objects table; in practice clicked with the Multi-point tool) grows competitively into the
// nucleus until the intensity differs from the region's mean by more than the tolerance.
// Headless argument: "input=[<test-images folder>] output=[<folder>]".
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
if (input == "") input = getDirectory("Choose the test-images folder");
if (output == "") output = getDirectory("Choose an output folder");
setBatchMode(true);
name = "nuclei2d-01";
open(input + "/2d/images/" + name + ".tif");
getPixelSize(unit, pw, ph);
rows = split(File.openAsString(input + "/2d/objects/" + name + ".csv"), "\n");
xs = newArray(rows.length - 1);
ys = newArray(rows.length - 1);
for (r = 1; r < rows.length; r++) {
	cols = split(rows[r], ",");
	xs[r - 1] = parseFloat(cols[1]) / pw;
	ys[r - 1] = parseFloat(cols[2]) / ph;
}
makeSelection("point", xs, ys);
run("Region Growing", "seeds=[Point selection] tolerance=40 connectivity=8");
regions = getTitle();
saveAs("Tiff", output + "/" + name + "-regions.tif");
rename(regions);
run("Labels to ROIs", "destination=File roi_file=[" + output + "/" + name + "-rois.zip]");
open(input + "/2d/labels/" + name + ".tif");
rename("truth");
selectImage(regions);
run("Compare to Ground Truth", "ground_truth=truth");
print("RESULT image=" + name + " dice=" + d2s(getResult("Foreground Dice", 0), 4) + " objects=" + getResult("Objects", 0) + " f1=" + d2s(getResult("F1", 0), 4) + " mean_f1=" + d2s(getResult("Mean F1 (IoU 0.5-0.9)", 0), 4));
