package dev.calendar.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** RFC 3339 instants as the API takes them: with an offset or Z, never a bare local time. */
public final class Instants {
  private Instants() {}

  public static Instant parseOrNull(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A query or path parameter; a 400 naming it when it is not an RFC 3339 instant. */
  public static Instant param(String name, String text) {
    Instant instant = text == null ? null : parseOrNull(text);
    if (instant == null) {
      throw Problem.invalid(
          name, "must be an RFC 3339 date-time with offset, such as 2027-03-01T09:00:00Z");
    }
    return instant;
  }
}
