package io.segkit.ij1;

import ij.IJ;

import org.scijava.Context;
import org.scijava.command.CommandService;

/**
 * The SciJava context commands run in: Fiji's own when SegKit runs inside Fiji, otherwise a small
 * one made once for plain ImageJ 1.x.
 */
final class SciJavaContexts {

	private static Context context;

	private SciJavaContexts() {}

	static synchronized Context get() {
		if (context == null) context = fijiContext();
		if (context == null) context = new Context(CommandService.class);
		return context;
	}

	/** In Fiji, imagej-legacy answers this call with the running context; plain ImageJ has none. */
	private static Context fijiContext() {
		if (!isFiji()) return null;
		Object c = IJ.runPlugIn("org.scijava.Context", "");
		return c instanceof Context ctx ? ctx : null;
	}

	private static boolean isFiji() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false, SciJavaContexts.class.getClassLoader());
			return true;
		} catch (ClassNotFoundException e) {
			return false;
		}
	}
}
