// Deep learning on the test images: train a small 2D U-Net on four nuclei images and a small 3D U-Net
// on two nuclei volumes, then segment the held-out images with the trained models, save label images,
// ROIs and a score against the ground truth. The labels number the nuclei, so the models learn each
// nucleus with its boundary and give the nuclei back as objects, touching ones separated: no watershed
// and nothing to tune.
// Run headless with the argument
// "input=[<test-images folder>] output=[<folder>]" (add "epochs=N" for a longer training), or
// interactively (it asks for the folders).
args = getArgument();
input = parseArg(args, "input", "");
output = parseArg(args, "output", "");
epochs = parseArg(args, "epochs", "12");
if (input == "") input = getDirectory("Choose the test-images folder");
if (output == "") output = getDirectory("Choose an output folder");
setBatchMode(true);

// ---- 2D: train on nuclei2d-01..04, segment 05 and 06
train = output + "/train-2d";
copyCases(input + "/2d", train, newArray("nuclei2d-01.tif", "nuclei2d-02.tif", "nuclei2d-03.tif", "nuclei2d-04.tif"));
run("Train Segmentation Model", "images_folder=[" + train + "/images] labels_folder=[" + train + "/labels] label_meaning=objects dimensions=2D architecture=U-Net patch_size=64,64 batch_size=4 base_features=8 stages=4 epochs=" + epochs + " iterations_per_epoch=20 device=auto model_file=[" + output + "/nuclei-2d.zip] overwrite");
saveAs("Results", output + "/nuclei-2d-training.csv");
segmentAndScore(input + "/2d", newArray("nuclei2d-05.tif", "nuclei2d-06.tif"), output + "/nuclei-2d.zip", "2d");

// ---- 3D: train on nuclei3d-01..02, segment 03
train = output + "/train-3d";
copyCases(input + "/3d", train, newArray("nuclei3d-01.tif", "nuclei3d-02.tif"));
run("Train Segmentation Model", "images_folder=[" + train + "/images] labels_folder=[" + train + "/labels] label_meaning=objects dimensions=3D architecture=U-Net patch_size=16,64,64 batch_size=2 base_features=8 stages=4 epochs=" + epochs + " iterations_per_epoch=20 device=auto model_file=[" + output + "/nuclei-3d.zip] overwrite");
saveAs("Results", output + "/nuclei-3d-training.csv");
segmentAndScore(input + "/3d", newArray("nuclei3d-03.tif"), output + "/nuclei-3d.zip", "3d");

// Segments each image with the model into nuclei (objects), saves labels and ROIs, prints the score.
function segmentAndScore(folder, files, model, tag) {
	for (i = 0; i < files.length; i++) {
		name = replace(files[i], ".tif", "");
		open(folder + "/images/" + files[i]);
		image = getTitle();
		run("Segment with Model", "image=" + image + " model=[" + model + "] label_image=objects postprocessing=none minimum_size=0 tile_step=0.5 device=auto");
		labels = getTitle();
		saveAs("Tiff", output + "/" + name + "-labels.tif");
		rename(labels);
		run("Labels to ROIs", "destination=File roi_file=[" + output + "/" + name + "-rois.zip]");
		open(folder + "/labels/" + files[i]);
		rename("truth");
		selectImage(labels);
		run("Compare to Ground Truth", "ground_truth=truth");
		print("RESULT model=" + tag + " image=" + name + " dice=" + d2s(getResult("Foreground Dice", 0), 4) + " objects=" + getResult("Objects", 0) + " f1=" + d2s(getResult("F1", 0), 4) + " mean_f1=" + d2s(getResult("Mean F1 (IoU 0.5-0.9)", 0), 4));
		close("*");
	}
}

// Copies the named image/label pairs into <target>/images and <target>/labels.
function copyCases(from, target, files) {
	File.makeDirectory(target);
	File.makeDirectory(target + "/images");
	File.makeDirectory(target + "/labels");
	for (i = 0; i < files.length; i++) {
		File.copy(from + "/images/" + files[i], target + "/images/" + files[i]);
		File.copy(from + "/labels/" + files[i], target + "/labels/" + files[i]);
	}
}

// Reads key=value or key=[value with spaces] from the macro argument.
function parseArg(args, key, fallback) {
	return call("ij.Macro.getValue", args, key, fallback);
}
