package io.segkit.ij1;

import java.awt.GraphicsEnvironment;

/** Whether windows and dialogs can appear (plain ImageJ batch runs on servers have no display). */
final class Displays {

	private Displays() {}

	static boolean canShowWindows() {
		return !GraphicsEnvironment.isHeadless() && hasDisplay();
	}

	/** Whether this system has a screen (on Linux, an X11 or Wayland display, xvfb-run's included). */
	static boolean hasDisplay() {
		String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
		boolean x11 = !os.contains("win") && !os.contains("mac");
		return !x11 || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
	}

	/**
	 * Whether this JVM is plain ImageJ running a macro with {@code -batch} ({@code java -cp ij.jar ij.ImageJ -batch
	 * ...} or {@code java -jar ij.jar -batch ...}), which ImageJ ends with exit code 0 whatever happened.
	 */
	static boolean launchedAsImageJBatch() {
		String[] words = System.getProperty("sun.java.command", "").trim().split("\\s+");
		boolean imagej = words.length > 0 && (words[0].equals("ij.ImageJ") || words[0].endsWith("ij.jar"));
		return imagej && java.util.Arrays.asList(words).contains("-batch");
	}
}
