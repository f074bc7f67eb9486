package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Markdown of the user guide as HTML: what the guide uses, with GitHub's anchors. */
class MarkdownTest {

	@Test
	void headingsGetGitHubsAnchors() {
		assertEquals("auto-threshold", Markdown.anchor("Auto Threshold"));
		assertEquals("rois-to-label-image", Markdown.anchor("ROIs to Label Image"));
		assertEquals("auto-train", Markdown.anchor("Auto-Train"));
		assertEquals("segkit-engine-info", Markdown.anchor("SegKit Engine Info"));
		assertEquals("headless-runs-and-the-command-line", Markdown.anchor("Headless runs and the command line"));
		assertEquals("k-means-clustering", Markdown.anchor("K-means Clustering"));
		assertEquals("<h2 id=\"auto-threshold\">Auto Threshold</h2>\n", Markdown.html("## Auto Threshold"));
	}

	@Test
	void blocks() {
		String html = Markdown.html("""
			# Title
			Some *text* with **bold**,
			`code` and a [link](objects.md#distance-watershed).

			- one
			- two
			  continued
			1. first
			2. second

			| Key | Values |
			|---|---|
			| `method` | `Otsu` or `a|b` |

			```
			run("Auto Threshold", "method=Otsu");
			```
			> A note
			![The dialog](images/auto-threshold.png)

			#hashtag is text
			""");
		assertTrue(html.contains("<h1 id=\"title\">Title</h1>"), html);
		assertTrue(html.contains("<p>Some <i>text</i> with <b>bold</b>, <code>code</code> and a <a href=\"" +
			"objects.html#distance-watershed\">link</a>.</p>"), html);
		assertTrue(html.contains("<ul>\n<li>one</li>\n<li>two continued</li>\n</ul>"), html);
		assertTrue(html.contains("<ol>\n<li>first</li>\n<li>second</li>\n</ol>"), html);
		assertTrue(html.contains("<tr><th>Key</th><th>Values</th></tr>"), html);
		assertTrue(html.contains("<tr><td><code>method</code></td><td><code>Otsu</code> or <code>a|b</code></td></tr>"),
			html);
		assertTrue(html.contains("<pre><code>run(&quot;Auto Threshold&quot;, &quot;method=Otsu&quot;);\n</code></pre>"),
			html);
		assertTrue(html.contains("<blockquote><p>A note</p>\n</blockquote>"), html);
		assertTrue(html.contains("<img src=\"images/auto-threshold.png\" alt=\"The dialog\">"), html);
		assertTrue(html.contains("<p>#hashtag is text</p>"), html);
	}

	@Test
	void aPageIsAWholeHtmlDocumentAndTextIsEscaped() {
		String page = Markdown.page("SegKit <guide>", "a < b & c");
		assertTrue(page.startsWith("<!DOCTYPE html>"), page);
		assertTrue(page.contains("<title>SegKit &lt;guide&gt;</title>"), page);
		assertTrue(page.contains("<p>a &lt; b &amp; c</p>"), page);
	}
}
