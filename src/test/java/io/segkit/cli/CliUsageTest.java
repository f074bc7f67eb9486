package io.segkit.cli;

import static io.segkit.cli.CliTesting.segkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.cli.CliTesting.Run;

/** Bad arguments: exit code 2, a message that says what to do, and nothing written. */
class CliUsageTest {

	@TempDir
	Path dir;

	private static final List<String> SUBCOMMANDS = List.of("plan", "train", "auto-train", "segment", "evaluate",
		"info", "threshold", "components", "watershed", "measure");

	private static void assertUsage(Run r, String... expected) {
		assertEquals(SegKitCli.USAGE, r.code(), r.toString());
		assertTrue(r.err().contains("--help' for the options"), r.toString());
		for (String text : expected) assertTrue(r.err().contains(text), "'" + text + "' in " + r);
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> all = Files.walk(dir)) {
			return all.sorted().toList();
		}
	}

	@Test
	void helpListsSubcommandsExitCodesAndExamples() {
		Run r = segkit("--help");
		assertEquals(0, r.code(), r.toString());
		for (String name : SUBCOMMANDS) assertTrue(r.out().contains(name), name + " in " + r.out());
		assertTrue(r.out().contains("Exit codes:") && r.out().contains("bad arguments"), r.out());
		for (String name : SUBCOMMANDS) {
			Run help = segkit(name, "--help");
			assertEquals(0, help.code(), help.toString());
			assertTrue(help.out().contains("Examples:") && help.out().contains("segkit " + name), help.out());
			assertTrue(help.out().contains("--threads") && help.out().contains("--quiet"), help.out());
		}
	}

	@Test
	void noSubcommandOrAnUnknownOneIsAUsageError() {
		assertUsage(segkit(), "Name what to do");
		assertUsage(segkit("segmnet"), "segment");
		assertUsage(segkit("threshold", "-i", "a.tif", "-o", "b.tif", "--bogus"), "--bogus");
	}

	@Test
	void missingRequiredOptionsAreNamed() {
		assertUsage(segkit("segment", "-i", "a.tif"), "--output", "--model");
	}

	@Test
	void badValuesAreUsageErrors() throws IOException {
		Path image = CliTesting.save(CliTesting.discs("a", 0), dir.resolve("a.tif"));
		Path out = dir.resolve("a-mask.tif");
		assertUsage(segkit("threshold", "-i", image.toString(), "-o", out.toString(), "--method", "Magic"),
			"Unknown threshold method 'Magic'", "Otsu");
		assertUsage(segkit("threshold", "-i", image.toString(), "-o", out.toString(), "--connectivity", "5"), "26");
		assertUsage(segkit("threshold", "-i", image.toString(), "-o", out.toString(), "--threads", "0"),
			"--threads must be 1 or more");
		assertUsage(segkit("segment", "-i", image.toString(), "-o", out.toString(), "-m", "m.zip", "--device", "tpu"),
			"Unknown device 'tpu'", "gpu:N");
		assertUsage(segkit("threshold", "-i", image.toString(), "-o", out.toString(), "--summary", dir.resolve(
			"s.txt").toString()), ".csv or .json");
		assertUsage(segkit("threshold", "-i", image.toString(), "-o", out.toString(), "--summary", dir.resolve(
			"no/such/s.csv").toString()), "does not exist");
		assertEquals(List.of(dir, image), files(), "nothing written");
	}

	@Test
	void inputsAndOutputsThatCannotWorkAreRefusedBeforeAnyWork() throws IOException {
		Path images = Files.createDirectories(dir.resolve("images"));
		Path image = CliTesting.save(CliTesting.discs("a", 0), images.resolve("a.tif"));
		List<Path> before = files();
		assertUsage(segkit("threshold", "-i", dir.resolve("missing.tif").toString(), "-o", dir.toString()),
			"does not exist");
		assertUsage(segkit("threshold", "-i", images.toString(), "-o", images.toString()), "must differ");
		assertUsage(segkit("threshold", "-i", images.toString(), "-o", image.toString()), "must be a folder too");
		assertUsage(segkit("threshold", "-i", image.toString(), "-o", image.toString()), "is the input");
		assertUsage(segkit("threshold", "-i", image.toString(), "-o", dir.resolve("a.png").toString()), ".tif");
		assertUsage(segkit("threshold", "-i", images.toString(), "-o", dir.resolve("no/such/out").toString()),
			"does not exist");
		Path empty = Files.createDirectories(dir.resolve("empty"));
		assertUsage(segkit("components", "-i", empty.toString(), "-o", dir.resolve("out").toString()),
			"no TIFF files");
		assertUsage(segkit("segment", "-i", image.toString(), "-o", dir.resolve("o.tif").toString(), "-m", dir.resolve(
			"missing.zip").toString(), "--device", "cpu"), "model file", "does not exist");
		assertUsage(segkit("evaluate", "-p", images.toString(), "-g", image.toString()), "two folders or two files");
		assertUsage(segkit("train", "-m", dir.resolve("m.zip").toString()), "-i FOLDER");
		assertUsage(segkit("train", "-i", dir.toString(), "-m", dir.resolve("m.zip").toString()), "images + labels");
		assertUsage(segkit("auto-train", "-i", dir.resolve("nothing").toString(), "-m", dir.resolve("m.zip")
			.toString()), "does not exist");
		Files.delete(empty);
		assertEquals(before, files(), "nothing written");
		assertFalse(Files.exists(dir.resolve("out")));
	}
}
