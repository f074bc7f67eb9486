package io.segkit.command;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.IJ;

import io.segkit.SegKitException;
import io.segkit.engine.GpuProbe;
import io.segkit.engine.GpuSupport;
import io.segkit.engine.LibtorchInstaller;

/**
 * Install GPU Support: puts libtorch 2.7.1 for CUDA 12.8 on disk (downloaded from where DJL publishes it, resumable
 * and verified, or a libtorch already unpacked) and makes SegKit use it from the next start of Fiji. Checks first
 * that this computer has an NVIDIA driver new enough for CUDA 12.8; "Install anyway" skips that (to prepare a copy
 * of Fiji for another computer).
 */
@Plugin(type = Command.class, label = "Install GPU Support")
public class InstallGpuSupportCommand extends SegKitCommand {

	@Parameter(label = "Install into", style = FileWidget.DIRECTORY_STYLE, required = false,
		description = "The folder that gets libtorch-2.7.1-cu128-<platform> (about 3 GB unpacked); empty = Fiji's "
			+ "folder.")
	File folder;

	@Parameter(label = "Existing libtorch folder", style = FileWidget.DIRECTORY_STYLE, required = false,
		description = "Instead of downloading: the lib folder of a CUDA libtorch already unpacked (libtorch/lib of "
			+ "pytorch.org's zip). Its version comes from the build-version file beside it.")
	File existing;

	@Parameter(label = "Download from", required = false,
		description = "Where libtorch's files.txt is (DJL's server by default; a mirror of it works the same).")
	String source = LibtorchInstaller.DEFAULT_SOURCE.toString();

	@Parameter(label = "Install anyway", required = false,
		description = "Install even though no suitable NVIDIA driver is found here (for a copy of Fiji meant for "
			+ "another computer). SegKit still uses the CPU where no driver is found.")
	boolean force;

	@Parameter(type = ItemIO.OUTPUT, label = "Result")
	String result;

	@Override
	public void run() {
		GpuProbe probe = GpuProbe.detect();
		IJ.log("Install GPU Support: " + probe.describe());
		boolean useExisting = existing != null && !existing.getPath().isEmpty();
		GpuSupport.Installed installed = LibtorchInstaller.installUnlessRefused(probe, force, "ticking \"Install "
			+ "anyway\"", useExisting ? existing.toPath() : null, URI.create(source.trim()), useExisting ? null
				: installFolder(), progress());
		result = "GPU support: libtorch " + installed.version() + " " + installed.flavour() + " in " + installed
			.folder() + ". Restart Fiji to compute on the GPU; SegKit Engine Info then says which GPU is used.";
		IJ.log(result);
	}

	private Path installFolder() {
		if (folder != null && !folder.getPath().isEmpty()) return folder.toPath();
		String fiji = IJ.getDirectory("imagej");
		if (fiji == null) throw new SegKitException("Fiji's folder is not known here: choose the folder to install "
			+ "into.");
		return Path.of(fiji);
	}
}
