package io.segkit.ij1;

import ij.ImagePlus;

import io.segkit.command.Choices;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * A command used only to test former choice names: Architecture as Train and Auto-Train will declare it, with the
 * names Auto-Train's macros recorded before the shared vocabulary; the values end up in the output's "echo".
 */
@Plugin(type = Command.class, label = "Alias Test")
public class AliasTestCommand implements Command {

	@Parameter(label = "Image")
	ImagePlus image;
	@Parameter(label = "Architecture", choices = { Choices.U_NET, Choices.ATTENTION_U_NET, Choices.CE_NET },
		attrs = @Attr(name = ChoiceAliases.ATTRIBUTE, value = Choices.ARCHITECTURE_ALIASES))
	String architecture = Choices.U_NET;
	@Parameter(label = "Connectivity", choices = { Choices.CONNECTIVITY_4, Choices.CONNECTIVITY_8,
		Choices.CONNECTIVITY_6, Choices.CONNECTIVITY_18, Choices.CONNECTIVITY_26 })
	String connectivity = Choices.CONNECTIVITY_26;
	@Parameter(label = "Model file", required = false)
	java.io.File modelFile;
	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus result;

	/** The inputs of the last run, for tests that run it through a macro. */
	static volatile String lastEcho;

	@Override
	public void run() {
		String echo = Choices.ARCHITECTURE.of(architecture) + "|" + architecture + "|" + Choices.CONNECTIVITY.of(
			connectivity) + "|" + modelFile;
		lastEcho = echo;
		result = new ImagePlus(image.getTitle() + "-alias", image.getProcessor().duplicate());
		result.setProperty("echo", echo);
	}
}
