package dev.calendar.calendar;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code calendar.calendars} block (calendar-service.conf): how long an unsettled hold blocks
 * time, how the calendar asks its meeting about a due hold, and its snapshots.
 */
public record CalendarSettings(
    Duration holdTtl,
    Duration retrySettle,
    Duration askTimeout,
    int snapshotEvery,
    int keepSnapshots) {
  public static final String PATH = "calendar.calendars";

  /** The values calendar-service.conf ships with. */
  public static final CalendarSettings DEFAULTS =
      new CalendarSettings(
          Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(5), 100, 2);

  public static CalendarSettings of(Config root) {
    Config c = root.getConfig(PATH);
    return new CalendarSettings(
        c.getDuration("hold-ttl"),
        c.getDuration("retry-settle"),
        c.getDuration("ask-timeout"),
        c.getInt("snapshot-every"),
        c.getInt("keep-snapshots"));
  }

  /** The instant a hold placed {@code now} expires at. */
  public Instant holdExpiry(Instant now) {
    return now.plus(holdTtl);
  }
}
