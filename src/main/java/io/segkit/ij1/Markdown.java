package io.segkit.ij1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown the user guide is written in, as HTML for a browser: headings (with GitHub's anchors, so links work
 * on GitHub and offline alike), paragraphs, lists, tables, code blocks, quotes, images, links (to .md pages become
 * .html), code, bold and italics. Only what the guide uses; anything else stays text.
 */
final class Markdown {

	private static final Pattern HEADING = Pattern.compile("(#{1,4})\\s+(.*)");
	private static final Pattern BULLET = Pattern.compile("\\s*[-*]\\s+(.*)");
	private static final Pattern NUMBERED = Pattern.compile("\\s*\\d+\\.\\s+(.*)");
	private static final Pattern TABLE_RULE = Pattern.compile("\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?");
	private static final Pattern INLINE = Pattern.compile(
		"`([^`]+)`|!\\[([^\\]]*)\\]\\(([^)\\s]+)\\)|\\[([^\\]]+)\\]\\(([^)\\s]+)\\)|\\*\\*(.+?)\\*\\*|\\*([^*\\s][^*]*)\\*");

	private Markdown() {}

	/** A whole HTML page for the Markdown text. */
	static String page(String title, String markdown) {
		return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n<style>" +
			"body{font-family:sans-serif;max-width:56em;margin:1em auto;padding:0 1em;line-height:1.45}" +
			"code,pre{background:#f3f3f3}pre{padding:.6em;overflow:auto}table{border-collapse:collapse}" +
			"td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}img{max-width:100%}" +
			"blockquote{border-left:4px solid #ccc;margin-left:0;padding-left:1em;color:#444}</style></head>\n" +
			"<body>\n" + html(markdown) + "</body></html>\n";
	}

	/** The HTML of the Markdown blocks. */
	static String html(String markdown) {
		StringBuilder out = new StringBuilder();
		List<String> lines = List.of(markdown.replace("\r", "").split("\n", -1));
		int i = 0;
		while (i < lines.size()) {
			String line = lines.get(i);
			Matcher m;
			if (line.isBlank()) i++;
			else if (line.startsWith("```")) i = code(lines, i, out);
			else if ((m = HEADING.matcher(line)).matches()) {
				int level = m.group(1).length();
				out.append("<h").append(level).append(" id=\"").append(anchor(m.group(2))).append("\">").append(inline(m
					.group(2))).append("</h").append(level).append(">\n");
				i++;
			}
			else if (isTableStart(lines, i)) i = table(lines, i, out);
			else if (BULLET.matcher(line).matches()) i = list(lines, i, BULLET, "ul", out);
			else if (NUMBERED.matcher(line).matches()) i = list(lines, i, NUMBERED, "ol", out);
			else if (line.startsWith(">")) i = quote(lines, i, out);
			else i = paragraph(lines, i, out);
		}
		return out.toString();
	}

	/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
	static String anchor(String heading) {
		String text = heading.replaceAll("`", "").toLowerCase(Locale.ROOT);
		StringBuilder slug = new StringBuilder();
		for (int k = 0; k < text.length(); k++) {
			char c = text.charAt(k);
			if (Character.isLetterOrDigit(c) || c == '-' || c == '_') slug.append(c);
			else if (c == ' ') slug.append('-');
		}
		return slug.toString();
	}

	private static int code(List<String> lines, int i, StringBuilder out) {
		out.append("<pre><code>");
		int k = i + 1;
		for (; k < lines.size() && !lines.get(k).startsWith("```"); k++) out.append(escape(lines.get(k))).append('\n');
		out.append("</code></pre>\n");
		return k + 1;
	}

	private static boolean isTableStart(List<String> lines, int i) {
		return lines.get(i).trim().startsWith("|") && i + 1 < lines.size() && TABLE_RULE.matcher(lines.get(i + 1)
			.trim()).matches();
	}

	private static int table(List<String> lines, int i, StringBuilder out) {
		out.append("<table>\n");
		row(lines.get(i), "th", out);
		int k = i + 2;
		for (; k < lines.size() && lines.get(k).trim().startsWith("|"); k++) row(lines.get(k), "td", out);
		out.append("</table>\n");
		return k;
	}

	private static void row(String line, String cell, StringBuilder out) {
		String t = line.trim();
		if (t.startsWith("|")) t = t.substring(1);
		if (t.endsWith("|")) t = t.substring(0, t.length() - 1);
		out.append("<tr>");
		for (String c : splitCells(t)) out.append('<').append(cell).append('>').append(inline(c.trim())).append("</")
			.append(cell).append('>');
		out.append("</tr>\n");
	}

	/** Cells split at | outside `code` (a macro line in a cell may hold one). */
	private static List<String> splitCells(String row) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean inCode = false;
		for (char c : row.toCharArray()) {
			if (c == '`') inCode = !inCode;
			if (c == '|' && !inCode) {
				cells.add(cell.toString());
				cell.setLength(0);
			} else cell.append(c);
		}
		cells.add(cell.toString());
		return cells;
	}

	private static int list(List<String> lines, int i, Pattern item, String tag, StringBuilder out) {
		out.append('<').append(tag).append(">\n");
		int k = i;
		StringBuilder current = null;
		for (; k < lines.size(); k++) {
			String line = lines.get(k);
			Matcher m = item.matcher(line);
			if (m.matches()) {
				if (current != null) out.append("<li>").append(inline(current.toString())).append("</li>\n");
				current = new StringBuilder(m.group(1));
			} else if (!line.isBlank() && Character.isWhitespace(line.charAt(0))) current.append(' ').append(line
				.trim());
			else break;
		}
		out.append("<li>").append(inline(current.toString())).append("</li>\n</").append(tag).append(">\n");
		return k;
	}

	private static int quote(List<String> lines, int i, StringBuilder out) {
		StringBuilder text = new StringBuilder();
		int k = i;
		for (; k < lines.size() && lines.get(k).startsWith(">"); k++) text.append(lines.get(k).substring(1).trim())
			.append('\n');
		out.append("<blockquote>").append(html(text.toString())).append("</blockquote>\n");
		return k;
	}

	private static int paragraph(List<String> lines, int i, StringBuilder out) {
		StringBuilder text = new StringBuilder();
		int k = i;
		for (; k < lines.size(); k++) {
			String line = lines.get(k);
			if (line.isBlank() || k > i && (HEADING.matcher(line).matches() || line.startsWith("```") || line
				.startsWith(">") || isTableStart(lines, k) || BULLET.matcher(line).matches() || NUMBERED.matcher(line)
					.matches())) break;
			text.append(text.length() == 0 ? "" : " ").append(line.trim());
		}
		out.append("<p>").append(inline(text.toString())).append("</p>\n");
		return k;
	}

	/** Code, images, links, bold and italics within a block; the rest escaped. */
	static String inline(String text) {
		StringBuilder out = new StringBuilder();
		Matcher m = INLINE.matcher(text);
		int at = 0;
		while (m.find()) {
			out.append(escape(text.substring(at, m.start())));
			if (m.group(1) != null) out.append("<code>").append(escape(m.group(1))).append("</code>");
			else if (m.group(3) != null) out.append("<img src=\"").append(escape(m.group(3))).append("\" alt=\"").append(
				escape(m.group(2))).append("\">");
			else if (m.group(5) != null) out.append("<a href=\"").append(escape(link(m.group(5)))).append("\">").append(
				inline(m.group(4))).append("</a>");
			else if (m.group(6) != null) out.append("<b>").append(inline(m.group(6))).append("</b>");
			else out.append("<i>").append(inline(m.group(7))).append("</i>");
			at = m.end();
		}
		return out.append(escape(text.substring(at))).toString();
	}

	/** A link to another page of the guide points at its HTML. */
	private static String link(String target) {
		if (target.contains("://")) return target;
		int hash = target.indexOf('#');
		String file = hash < 0 ? target : target.substring(0, hash), rest = hash < 0 ? "" : target.substring(hash);
		return (file.endsWith(".md") ? file.substring(0, file.length() - 3) + ".html" : file) + rest;
	}

	static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
