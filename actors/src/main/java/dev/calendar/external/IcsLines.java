package dev.calendar.external;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The content lines of an ICS text after unfolding, each with the physical line it starts on.
 * ical4j keeps no line numbers in what it parses, so the parser's callbacks are matched with these
 * lines in order (see {@link IcsTree}). The scan also refuses a line that is not of the form {@code
 * NAME[;PARAM=...]:value}: ical4j would read such a line as a property whose value is the next line
 * and report a problem somewhere later, if at all.
 */
final class IcsLines {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final int QUOTED = 40;

  /** A content line: the physical line it starts on and its name, upper case. */
  record Line(int number, String name) {}

  private final List<Line> lines;
  private final String text;
  private int next;
  private int last = 1;

  private IcsLines(List<Line> lines, String text) {
    this.lines = lines;
    this.text = text;
  }

  /**
   * Scans {@code text}. Line breaks may be CRLF, LF or CR; {@link #text()} has CRLF everywhere,
   * which is what ical4j unfolds (it takes LF followed by a space for two lines unless told to be
   * relaxed), with the same physical lines.
   */
  static IcsLines scan(String text) {
    String[] physical = text.split("\r\n|\r|\n", -1);
    StringBuilder crlf = new StringBuilder(text.length() + physical.length);
    List<Line> lines = new ArrayList<>();
    StringBuilder logical = null;
    int start = 0;
    for (int i = 0; i < physical.length; i++) {
      String p = physical[i];
      if (i == 0 && p.startsWith("\uFEFF")) {
        p = p.substring(1); // a byte order mark
      }
      crlf.append(p).append("\r\n");
      boolean continuation = !p.isEmpty() && (p.charAt(0) == ' ' || p.charAt(0) == '\t');
      if (continuation && logical != null) {
        logical.append(p, 1, p.length());
        continue;
      }
      if (logical != null) {
        lines.add(check(logical.toString(), start));
      }
      logical = p.isBlank() ? null : new StringBuilder(p);
      start = i + 1;
    }
    if (logical != null) {
      lines.add(check(logical.toString(), start));
    }
    return new IcsLines(lines, crlf.toString());
  }

  private static Line check(String line, int number) {
    int end = 0;
    while (end < line.length() && line.charAt(end) != ';' && line.charAt(end) != ':') {
      end++;
    }
    String name = line.substring(0, end);
    boolean quoted = false;
    int colon = -1;
    for (int i = end; i < line.length() && colon < 0; i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ':' && !quoted) {
        colon = i;
      }
    }
    if (!NAME.matcher(name).matches() || colon < 0) {
      String shown = line.length() > QUOTED ? line.substring(0, QUOTED) + "..." : line;
      throw new IcsProblem(number, "not a content line NAME:value: \"" + shown + "\"");
    }
    return new Line(number, name.toUpperCase(Locale.ROOT));
  }

  /** The text with CRLF line breaks, for ical4j. */
  String text() {
    return text;
  }

  /**
   * The physical line of the next content line named {@code name}, looking forward from the last
   * one matched; the last line matched when there is none (the parser saw something the scan did
   * not, which the scan's own check makes unlikely).
   */
  int next(String name) {
    for (int i = next; i < lines.size(); i++) {
      if (lines.get(i).name().equalsIgnoreCase(name)) {
        next = i + 1;
        last = lines.get(i).number();
        return last;
      }
    }
    return last;
  }
}
