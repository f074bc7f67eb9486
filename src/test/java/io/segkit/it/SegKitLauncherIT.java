package io.segkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built launcher target/segkit/bin/segkit as a real process, from another folder, headless. */
class SegKitLauncherIT {

	@TempDir
	Path dir;

	private static final Path LAUNCHER = Path.of(System.getProperty("segkit.launcher", "target/segkit/bin/segkit"));
	private static final Path ROOT = Path.of(System.getProperty("segkit.root", "."));

	private record Run(int code, String output) {}

	private Run segkit(String... args) throws Exception {
		String[] command = new String[args.length + 1];
		command[0] = LAUNCHER.toAbsolutePath().toString();
		System.arraycopy(args, 0, command, 1, args.length);
		ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		pb.environment().put("SEGKIT_JAVA_OPTS", "-Xmx1g");
		Process p = pb.start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
		return new Run(p.exitValue(), output);
	}

	@Test
	void thresholdsABundledImageFromAnotherFolder() throws Exception {
		Path image = ROOT.resolve("test-images/2d/images/nuclei2d-01.tif").toAbsolutePath();
		Run r = segkit("threshold", "-i", image.toString(), "-o", "out", "--method", "Otsu", "--labels",
			"--summary", "run.json");
		assertEquals(0, r.code(), r.output());
		assertTrue(Files.size(dir.resolve("out/nuclei2d-01-labels.tif")) > 0, r.output());
		assertTrue(Files.readString(dir.resolve("run.json")).contains("\"status\": \"ok\""));
	}

	@Test
	void anEmptyImageExitsOneAndABadOptionTwo() throws Exception {
		Path images = Files.createDirectories(dir.resolve("images"));
		Files.copy(ROOT.resolve("test-images/2d/images/nuclei2d-02.tif"), images.resolve("good.tif"));
		Files.createFile(images.resolve("empty.tif"));
		Run r = segkit("components", "-i", "images", "-o", "labels");
		assertEquals(1, r.code(), r.output());
		assertTrue(r.output().contains("empty.tif failed"), r.output());
		assertTrue(Files.exists(dir.resolve("labels/good-labels.tif")), r.output());
		Run bad = segkit("components", "-i", "images", "-o", "labels2", "--connectivity", "5");
		assertEquals(2, bad.code(), bad.output());
		assertFalse(Files.exists(dir.resolve("labels2")));
	}
}
