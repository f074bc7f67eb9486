package io.segkit.ij1;

import java.awt.GraphicsEnvironment;

/** Whether windows and dialogs can appear (plain ImageJ batch runs on servers have no display). */
final class Displays {

	private Displays() {}

	static boolean canShowWindows() {
		if (GraphicsEnvironment.isHeadless()) return false;
		String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
		boolean x11 = !os.contains("win") && !os.contains("mac");
		return !x11 || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
	}
}
