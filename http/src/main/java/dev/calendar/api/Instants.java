package dev.calendar.api;

import dev.calendar.schedule.TimeRange;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 instants as the API takes them: with an offset or Z, never a bare local time, and only
 * in the years of {@link TimeRange} (UTC). Every instant a request carries (body, path, query) is
 * read here.
 */
public final class Instants {

  static final String NOT_AN_INSTANT =
      "must be an RFC 3339 date-time with offset, such as 2027-03-01T09:00:00Z";
  static final String OUT_OF_RANGE =
      "must be in the years " + TimeRange.FIRST_YEAR + " through " + TimeRange.LAST_YEAR + " (UTC)";

  private Instants() {}

  /**
   * The instant {@code text} names; a 400 naming {@code field} when it is not one the API takes.
   */
  public static Instant parse(String field, String text) {
    Instant instant = text == null ? null : plainUtc(text);
    if (instant == null && text != null) {
      try {
        instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        instant = null;
      }
    }
    if (instant == null) {
      throw Problem.invalid(field, NOT_AN_INSTANT);
    }
    if (!TimeRange.contains(instant)) {
      throw Problem.invalid(field, OUT_OF_RANGE);
    }
    return instant;
  }

  /**
   * {@code instant} as {@link Instant#toString()} writes it, written without the formatter for the
   * common case of whole seconds in the years 1000 to 9999.
   */
  public static String format(Instant instant) {
    AsciiText out = new AsciiText(20);
    new Writer(out).append(instant);
    return out.toString();
  }

  /**
   * Writes instants as {@link #format} does into one text, remembering the last date written: the
   * instants of one answer (a slot list, a busy calendar) share their days, and working the date
   * out of the epoch second is most of the cost.
   */
  public static final class Writer {
    private final AsciiText out;
    private long lastEpochDay = Long.MIN_VALUE;
    // The instant as written, 2027-03-01T09:00:00Z: the date part is kept while days repeat.
    private final byte[] text = "0000-00-00T00:00:00Z".getBytes(StandardCharsets.US_ASCII);

    public Writer(AsciiText out) {
      this.out = out;
    }

    public Writer text(String text) {
      out.append(text);
      return this;
    }

    /** {@code ascii} as it is: constant pieces of JSON, encoded once. */
    public Writer text(byte[] ascii) {
      out.append(ascii);
      return this;
    }

    public Writer append(Instant instant) {
      long seconds = instant.getEpochSecond();
      long epochDay = Math.floorDiv(seconds, 86_400);
      if (instant.getNano() != 0) {
        out.append(instant.toString());
        return this;
      }
      if (epochDay != lastEpochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
          out.append(instant.toString());
          return this;
        }
        lastEpochDay = epochDay;
        twoDigits(text, 0, year / 100);
        twoDigits(text, 2, year % 100);
        twoDigits(text, 5, date.getMonthValue());
        twoDigits(text, 8, date.getDayOfMonth());
      }
      int secondOfDay = (int) (seconds - epochDay * 86_400);
      int minuteOfDay = secondOfDay / 60;
      twoDigits(text, 11, minuteOfDay / 60);
      twoDigits(text, 14, minuteOfDay % 60);
      twoDigits(text, 17, secondOfDay % 60);
      out.append(text, 0, text.length);
      return this;
    }
  }

  // "00" to "99" as ASCII: a digit pair is two loads, no division.
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private static void twoDigits(byte[] out, int at, int value) {
    out[at] = DIGIT_PAIRS[2 * value];
    out[at + 1] = DIGIT_PAIRS[2 * value + 1];
  }

  /**
   * The common form, {@code 2027-03-01T09:00:00Z}, read without the formatter (which cost a few per
   * cent of the CPU of an availability read); null for anything else, which the formatter then
   * reads or refuses.
   */
  static Instant plainUtc(String text) {
    if (text.length() != 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null; // such as February 30: the formatter gives the same refusal
    }
  }

  /** The decimal number in {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
