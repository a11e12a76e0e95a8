package dev.calendar.stream.sync.provider;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The date-time texts the providers read and write. */
public final class ProviderTimes {
  private ProviderTimes() {}

  /**
   * RFC 3339 with the offset {@code zone} has at {@code instant} ({@code Z} for UTC), as Google
   * wants a timed start or end: {@code 2026-12-10T09:00:00+01:00}.
   */
  public static String rfc3339(Instant instant, ZoneId zone) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
  }

  /** An RFC 3339 date-time with offset (either provider's timestamps) as an instant. */
  public static Instant parseRfc3339(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  /**
   * The wall-clock time at {@code instant} in {@code zone}, without offset, as Graph's {@code
   * dateTimeTimeZone.dateTime} wants it next to the zone's name: {@code 2026-12-10T09:00:00}.
   */
  public static String graphLocal(Instant instant, ZoneId zone) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(instant, zone));
  }
}
