package dev.calendar.api;

import dev.calendar.schedule.TimeRange;
import java.time.Instant;
import java.time.OffsetDateTime;
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
    Instant instant;
    try {
      instant =
          text == null
              ? null
              : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      instant = null;
    }
    if (instant == null) {
      throw Problem.invalid(field, NOT_AN_INSTANT);
    }
    if (!TimeRange.contains(instant)) {
      throw Problem.invalid(field, OUT_OF_RANGE);
    }
    return instant;
  }
}
