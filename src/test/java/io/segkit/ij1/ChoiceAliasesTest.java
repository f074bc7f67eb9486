package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.Macro;
import ij.Menus;
import ij.macro.Interpreter;

import io.segkit.SegKitException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Former names of choice values, rewritten by the bridge: the current label, an old name, an unknown value. */
class ChoiceAliasesTest extends MacroThreadTest {

	private static String run(String options) {
		return echo(AliasTestCommand.class, options);
	}

	@Test
	void theCurrentLabelIsTakenAsItIs() {
		assertEquals("ATTENTION_UNET|Attention U-Net|C8|null", run("architecture=[Attention U-Net] connectivity=8"));
		assertEquals("PLAIN_UNET|U-Net|C8|null", run(""), "defaults (connectivity 8 on the 2D test image)");
	}

	@Test
	void aFormerNameBecomesTheCurrentLabelBeforeTheFormReadsIt() {
		assertEquals("CE_NET|CE-Net|C26|null", run("architecture=CE_NET connectivity=26"));
		assertEquals("PLAIN_UNET|U-Net|C6|null", run("architecture=plain_unet connectivity=6"), "ignoring case");
		// what a GenericDialog would read: the label, bracketed when it has spaces; the rest as it was
		run("model_file=[/tmp/a b.zip] architecture=ATTENTION_UNET connectivity=18");
		assertEquals("model_file=[/tmp/a b.zip] architecture=[Attention U-Net] connectivity=18", Macro.getOptions()
			.trim());
	}

	@Test
	void anUnknownValueIsAClearErrorListingTheChoices() {
		SegKitException e = assertThrows(SegKitException.class, () -> run("architecture=NoSuchNet"));
		assertEquals("'NoSuchNet' is not a choice for 'Architecture' in Alias Test. Use one of: U-Net, " +
			"Attention U-Net, CE-Net.", e.getMessage());
		assertTrue(assertThrows(SegKitException.class, () -> run("connectivity=5")).getMessage().contains(
			"Use one of: 4, 8, 6, 18, 26."));
	}

	@Test
	void declarationsParseAndOptionsKeepTheirOtherEntries() {
		assertEquals(Map.of("plain_unet", "U-Net", "attention_unet", "Attention U-Net", "ce_net", "CE-Net"),
			ChoiceAliases.parse("PLAIN_UNET=U-Net; ATTENTION_UNET=Attention U-Net;CE_NET=CE-Net"));
		assertEquals(Map.of(), ChoiceAliases.parse(""));
		assertThrows(IllegalArgumentException.class, () -> ChoiceAliases.parse("PLAIN_UNET"));
		ParameterSpec spec = new ParameterSpec("a", "Architecture", ParameterSpec.Kind.CHOICE, "U-Net", List.of(
			"U-Net", "CE-Net"), 0, null, Map.of("ce_net", "CE-Net"));
		assertEquals("x=[a b] architecture=CE-Net flag y=1 ", ChoiceAliases.rewrite("x=[a b] architecture=CE_NET " +
			"flag y=1 ", List.of(spec), "T"));
		assertEquals("architecture=[CE-Net]", ChoiceAliases.rewrite("architecture=[CE-Net]", List.of(spec), "T"));
	}

	/**
	 * A real macro: ImageJ's interpreter runs {@code run("Alias Test", ...)} through its command table to the
	 * bridge, as from a recorded macro file.
	 */
	@Test
	void aRecordedMacroWithTheFormerNameRuns(@TempDir Path emptyPlugins) throws Exception {
		HeadlessMacroRunner.installPluginCommands(emptyPlugins.toFile());
		Menus.getCommands().put("Alias Test", "io.segkit.ij1.CommandBridge(\"" + AliasTestCommand.class.getName() +
			"\")");
		boolean batch = Interpreter.batchMode;
		Interpreter.batchMode = true;
		try {
			AliasTestCommand.lastEcho = null;
			IJ.runMacro("run(\"Alias Test\", \"architecture=ATTENTION_UNET connectivity=26\");");
			assertEquals("ATTENTION_UNET|Attention U-Net|C26|null", AliasTestCommand.lastEcho);
			IJ.runMacro("run(\"Alias Test\", \"architecture=[CE-Net] connectivity=4\");");
			assertEquals("CE_NET|CE-Net|C4|null", AliasTestCommand.lastEcho);

			AliasTestCommand.lastEcho = null;
			int errors = CommandBridge.errorsReported();
			String output = capturingOutput(() -> IJ.runMacro("run(\"Alias Test\", \"architecture=NoSuchNet\");\n" +
				"print(\"NOT REACHED\");"));
			assertNull(AliasTestCommand.lastEcho, "the command did not run");
			assertEquals(errors + 1, CommandBridge.errorsReported());
			assertTrue(output.contains("'NoSuchNet' is not a choice for 'Architecture'"), output);
			assertTrue(!output.contains("NOT REACHED"), "the macro stopped: " + output);
		} finally {
			Interpreter.batchMode = batch;
		}
	}

	/** What the action printed on standard output and error (errors go to stderr without ImageJ's window). */
	private static String capturingOutput(Runnable action) {
		PrintStream previousOut = System.out, previousErr = System.err;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		System.setOut(capture);
		System.setErr(capture);
		try {
			action.run();
		} finally {
			System.setOut(previousOut);
			System.setErr(previousErr);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}
}
