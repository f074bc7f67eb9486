package io.segkit.ij1;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SegKit's user guide behind the dialogs' Help buttons. The guide (docs/user-guide) travels inside the plugin jar
 * (under {@value #RESOURCES}) rather than living on a web site: microscope computers are often offline, and the
 * guide then always matches the installed version. On first use in a session its pages are written as HTML, with
 * their screenshots, into a new folder of the temporary directory (removed when Fiji ends); a command's Help opens
 * its section there: the page with the heading "## command name", at that heading.
 */
public final class UserGuide {

	static final String RESOURCES = "/io/segkit/user-guide/";
	/** The guide's first page, which links to the others. */
	static final String INDEX = "README.md";

	private static final Pattern PAGE_LINK = Pattern.compile("\\]\\(([\\w.-]+\\.md)(?:#[^)]*)?\\)");
	private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

	private static Map<String, String> pages;
	private static Path folder;

	private UserGuide() {}

	/**
	 * The {@code file:} URL of the command's section of the guide, or of its first page when no page has one; null
	 * when the jar holds no guide or it cannot be written out (the dialog then has no Help button).
	 */
	public static synchronized String helpUrl(String command) {
		try {
			if (pages().isEmpty()) return null;
			Path dir = writtenOut();
			for (Map.Entry<String, String> page : pages().entrySet()) {
				if (hasSection(page.getValue(), command)) return url(dir.resolve(htmlName(page.getKey()))) + "#" +
					Markdown.anchor(command);
			}
			return url(dir.resolve(htmlName(INDEX)));
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}

	/** ImageJ opens the help URL through a macro string in single quotes: a ' of a user's folder name is escaped. */
	private static String url(Path file) {
		return file.toUri().toString().replace("'", "%27");
	}

	/** Whether a page has a section (a heading of level 2 or 3) named exactly after the command. */
	static boolean hasSection(String markdown, String command) {
		for (String line : markdown.split("\n")) {
			String t = line.trim();
			if ((t.startsWith("## ") || t.startsWith("### ")) && t.substring(t.indexOf(' ') + 1).trim().equals(command))
				return true;
		}
		return false;
	}

	/** The guide's pages by file name: the index and every page it links to, in that order (empty: no guide). */
	static synchronized Map<String, String> pages() throws IOException {
		if (pages != null) return pages;
		Map<String, String> found = new LinkedHashMap<>();
		String index = resourceText(INDEX);
		if (index != null) {
			found.put(INDEX, index);
			Matcher m = PAGE_LINK.matcher(index);
			while (m.find()) {
				String text = found.containsKey(m.group(1)) ? null : resourceText(m.group(1));
				if (text != null) found.put(m.group(1), text);
			}
		}
		pages = found;
		return pages;
	}

	/** The folder with the guide as HTML and its images, written once per session. */
	static synchronized Path writtenOut() throws IOException {
		if (folder != null && Files.isDirectory(folder)) return folder;
		Path dir = Files.createTempDirectory("segkit-user-guide");
		List<Path> written = new ArrayList<>();
		for (Map.Entry<String, String> page : pages().entrySet()) {
			String title = "SegKit user guide: " + firstHeading(page.getValue());
			written.add(Files.writeString(dir.resolve(htmlName(page.getKey())), Markdown.page(title, page.getValue()),
				StandardCharsets.UTF_8));
			for (String image : images(page.getValue())) {
				Path target = dir.resolve(image).normalize();
				if (!target.startsWith(dir) || Files.exists(target)) continue;
				try (InputStream in = UserGuide.class.getResourceAsStream(RESOURCES + image)) {
					if (in == null) continue;
					Files.createDirectories(target.getParent());
					Files.copy(in, target);
					written.add(target);
				}
			}
		}
		deleteOnExit(dir, written);
		folder = dir;
		return dir;
	}

	/** The images a page shows (paths relative to the guide). */
	static Set<String> images(String markdown) {
		Set<String> images = new LinkedHashSet<>();
		Matcher m = IMAGE.matcher(markdown);
		while (m.find()) if (!m.group(1).contains("://")) images.add(m.group(1));
		return images;
	}

	/** A page's HTML file: README.md is README.html, as the pages' links (rewritten by {@link Markdown}) say. */
	static String htmlName(String page) {
		return page.substring(0, page.length() - 3) + ".html";
	}

	private static String firstHeading(String markdown) {
		for (String line : markdown.split("\n")) if (line.startsWith("# ")) return line.substring(2).trim();
		return "SegKit";
	}

	private static String resourceText(String name) throws IOException {
		try (InputStream in = UserGuide.class.getResourceAsStream(RESOURCES + name)) {
			return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** Files first, then their folders (deleted in reverse order of registration). */
	private static void deleteOnExit(Path dir, List<Path> files) {
		dir.toFile().deleteOnExit();
		Set<File> folders = new LinkedHashSet<>();
		for (Path f : files) for (Path p = f.getParent(); p != null && !p.equals(dir); p = p.getParent()) folders.add(p
			.toFile());
		for (File f : folders) f.deleteOnExit();
		for (Path f : files) f.toFile().deleteOnExit();
	}
}
