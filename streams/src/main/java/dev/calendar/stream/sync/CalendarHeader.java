package dev.calendar.stream.sync;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fetcher reads of an iCalendar file (RFC 5545): that it is one, and how often its header
 * asks to be read again (RFC 7986 {@code REFRESH-INTERVAL}, or the older {@code X-PUBLISHED-TTL}).
 */
final class CalendarHeader {
  private static final String BOM = "\uFEFF";
  private static final String BEGIN = "BEGIN:VCALENDAR";

  /** Where a component begins or the calendar ends: the header lines stop at the second one. */
  private static final Pattern COMPONENT_LINE =
      Pattern.compile("^(?:BEGIN|END):", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

  /** A folded line goes on after a line break and one space or tab. */
  private static final Pattern FOLD = Pattern.compile("\\r\\n[ \\t]|\\n[ \\t]|\\r[ \\t]");

  /** An RFC 5545 dur-value: weeks alone, or days and/or a time part. */
  private static final Pattern DURATION =
      Pattern.compile(
          "([+-])?P(?:(\\d+)W|(\\d+D)?(?:T(\\d+H)?(\\d+M)?(\\d+S)?)?)", Pattern.CASE_INSENSITIVE);

  /** A feed's name longer than this is cut (it is shown as the connection's account). */
  static final int MAX_NAME_LENGTH = 200;

  private CalendarHeader() {}

  /** {@code body} without a leading byte order mark. */
  static String withoutBom(String body) {
    return body.startsWith(BOM) ? body.substring(BOM.length()) : body;
  }

  /**
   * Whether {@code body} (without BOM) opens, after any whitespace, with a BEGIN:VCALENDAR line.
   */
  static boolean isCalendar(String body) {
    int start = 0;
    while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
      start++;
    }
    if (!body.regionMatches(true, start, BEGIN, 0, BEGIN.length())) {
      return false;
    }
    int end = start + BEGIN.length();
    return end == body.length() || body.charAt(end) == '\r' || body.charAt(end) == '\n';
  }

  /**
   * The calendar's {@code REFRESH-INTERVAL}, else its {@code X-PUBLISHED-TTL}, from the header
   * lines before its first component; null when neither is there or neither is a non-negative
   * duration.
   */
  static Duration refreshInterval(String calendar) {
    Duration refresh = null;
    Duration ttl = null;
    for (String line : headerLines(calendar)) {
      String name = name(line);
      if (name.equals("REFRESH-INTERVAL") && refresh == null) {
        refresh = duration(value(line));
      } else if (name.equals("X-PUBLISHED-TTL") && ttl == null) {
        ttl = duration(value(line));
      }
    }
    return refresh != null ? refresh : ttl;
  }

  /**
   * The calendar's display name ({@code X-WR-CALNAME}) unescaped and cut at {@link
   * #MAX_NAME_LENGTH}; null when it has none.
   */
  static String calendarName(String calendar) {
    for (String line : headerLines(calendar)) {
      if (name(line).equals("X-WR-CALNAME")) {
        String value = value(line);
        if (value == null) {
          return null;
        }
        String text =
            value
                .replace("\\n", " ")
                .replace("\\N", " ")
                .replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\\\", "\\")
                .strip();
        if (text.isEmpty()) {
          return null;
        }
        return text.length() > MAX_NAME_LENGTH ? text.substring(0, MAX_NAME_LENGTH) : text;
      }
    }
    return null;
  }

  /** The unfolded content lines before the calendar's first component. */
  private static String[] headerLines(String calendar) {
    Matcher component = COMPONENT_LINE.matcher(calendar);
    int end = calendar.length();
    if (component.find() && component.find()) {
      end = component.start();
    }
    return FOLD.matcher(calendar.substring(0, end)).replaceAll("").split("\\r\\n|\\n|\\r");
  }

  /** A content line's property name, upper-case. */
  private static String name(String line) {
    int end = 0;
    while (end < line.length() && line.charAt(end) != ';' && line.charAt(end) != ':') {
      end++;
    }
    return line.substring(0, end).trim().toUpperCase(Locale.ROOT);
  }

  /** A content line's value: after the first colon that is not inside a quoted parameter. */
  private static String value(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ':' && !quoted) {
        return line.substring(i + 1).trim();
      }
    }
    return null;
  }

  /** An RFC 5545 duration such as {@code PT1H}, {@code P1D} or {@code P1W}; null if not one. */
  static Duration duration(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches() || "-".equals(m.group(1)) || text.toUpperCase(Locale.ROOT).endsWith("T")) {
      return null;
    }
    try {
      if (m.group(2) != null) {
        return Duration.ofDays(Math.multiplyExact(Long.parseLong(m.group(2)), 7));
      }
      Duration d = Duration.ZERO;
      boolean any = false;
      for (int g = 3; g <= 6; g++) {
        String part = m.group(g);
        if (part == null) {
          continue;
        }
        any = true;
        long n = Long.parseLong(part.substring(0, part.length() - 1));
        d =
            switch (g) {
              case 3 -> d.plusDays(n);
              case 4 -> d.plusHours(n);
              case 5 -> d.plusMinutes(n);
              default -> d.plusSeconds(n);
            };
      }
      return any ? d : null;
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}
