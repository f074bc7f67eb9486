package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The user guide behind the Help buttons: every menu command has its section, every picture and link of the guide
 * leads somewhere, and the pages written out for the browser hold no Markdown left over.
 */
class UserGuideTest {

	private static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"|src=\"([^\"]+)\"");

	@Test
	void everyCommandHasItsSectionAndHelpOpensIt() throws Exception {
		Map<String, String> pages = UserGuide.pages();
		assertEquals(List.of("README.md", "classic-thresholds.md", "objects-and-watersheds.md",
			"labels-rois-measurements.md", "deep-learning.md", "headless-and-cli.md"), List.copyOf(pages.keySet()));
		for (String command : CommandCatalog.menuEntries().keySet()) {
			String url = UserGuide.helpUrl(command);
			assertNotNull(url, command);
			URI uri = URI.create(url);
			assertEquals("file", uri.getScheme(), url);
			assertEquals(Markdown.anchor(command), uri.getFragment(), command + " has no section of its own: " + url);
			Path page = Path.of(new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null));
			assertTrue(Files.readString(page).contains("id=\"" + uri.getFragment() + "\""), url);
		}
	}

	@Test
	void everyPictureAndLinkOfTheWrittenGuideLeadsSomewhere() throws Exception {
		Path dir = UserGuide.writtenOut();
		List<String> broken = new ArrayList<>();
		for (String page : UserGuide.pages().keySet()) {
			Path html = dir.resolve(UserGuide.htmlName(page));
			String text = Files.readString(html);
			assertFalse(text.contains("](") || text.contains("**") || text.contains("|---"), page +
				" has Markdown left over");
			Matcher m = LINK.matcher(text);
			while (m.find()) {
				String target = m.group(1) != null ? m.group(1) : m.group(2);
				if (target.contains("://")) continue;
				String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
				String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
				Path linked = file.isEmpty() ? html : dir.resolve(file);
				if (!Files.isRegularFile(linked)) broken.add(page + " -> " + target);
				else if (anchor != null && !Files.readString(linked).contains("id=\"" + anchor + "\"")) broken.add(page +
					" -> " + target + " (no such section)");
			}
		}
		assertEquals(List.of(), broken);
	}

	@Test
	void everyPictureIsInTheRepository() {
		List<String> missing = new ArrayList<>();
		try {
			for (Map.Entry<String, String> page : UserGuide.pages().entrySet()) for (String image : UserGuide.images(page
				.getValue())) if (!Files.isRegularFile(Path.of("docs/user-guide").resolve(image))) missing.add(page
					.getKey() + ": " + image);
		} catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
		assertEquals(List.of(), missing, "run scripts/user-guide-screenshots.sh");
	}

	@Test
	void sectionsAreHeadingsNamedExactlyAfterTheCommand() {
		assertTrue(UserGuide.hasSection("# Page\n\n## Auto Threshold\ntext", "Auto Threshold"));
		assertTrue(UserGuide.hasSection("### Relabel\n", "Relabel"));
		assertFalse(UserGuide.hasSection("## Auto Threshold tips\n", "Auto Threshold"));
		assertFalse(UserGuide.hasSection("Auto Threshold\n", "Auto Threshold"));
	}
}
