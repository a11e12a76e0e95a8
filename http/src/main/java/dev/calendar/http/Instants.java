package dev.calendar.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 instants as the API takes them: with an offset or Z, never a bare local time, and only
 * in the years {@link #MIN_YEAR} through {@link #MAX_YEAR} (UTC). This is the one place that range
 * is set; every instant a request carries (body, path, query) is read here.
 */
public final class Instants {
  /** The first year an instant the API takes may fall in, in UTC. */
  public static final int MIN_YEAR = 1900;

  /** The last year (inclusive) an instant the API takes may fall in, in UTC. */
  public static final int MAX_YEAR = 2200;

  private static final Instant FIRST =
      OffsetDateTime.of(MIN_YEAR, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
  private static final Instant AFTER_LAST =
      OffsetDateTime.of(MAX_YEAR + 1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();

  static final String NOT_AN_INSTANT =
      "must be an RFC 3339 date-time with offset, such as 2027-03-01T09:00:00Z";
  static final String OUT_OF_RANGE =
      "must be in the years " + MIN_YEAR + " through " + MAX_YEAR + " (UTC)";

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
    if (instant.isBefore(FIRST) || !instant.isBefore(AFTER_LAST)) {
      throw Problem.invalid(field, OUT_OF_RANGE);
    }
    return instant;
  }

  /** A query or path parameter; a 400 naming it when it is not an instant the API takes. */
  public static Instant param(String name, String text) {
    return parse(name, text);
  }
}
