package dev.calendar.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The years the service keeps time in. Every instant a request gives, and every occurrence a series
 * may have, lies in them; outside they are refused at the edge, so no check ever has to reach the
 * year 9999 (or 10000, or 0).
 */
public final class TimeRange {
  public static final int FIRST_YEAR = 1900;
  public static final int LAST_YEAR = 2200;

  /** The first instant of {@link #FIRST_YEAR} (UTC). */
  public static final Instant START =
      LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

  /** The first instant after {@link #LAST_YEAR} (UTC). */
  public static final Instant END =
      LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

  private TimeRange() {}

  public static boolean contains(Instant t) {
    return !t.isBefore(START) && t.isBefore(END);
  }
}
