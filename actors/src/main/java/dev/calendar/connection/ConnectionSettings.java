package dev.calendar.connection;

import com.typesafe.config.Config;
import dev.calendar.external.ExternalSource;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code calendar.connections}, read once.
 *
 * @param schedule when connections are read again
 * @param maxPerUser connections one user may have
 * @param maxUrlLength the longest feed URL accepted
 * @param devMode loopback feed URLs are allowed (over http too)
 */
public record ConnectionSettings(
    PollSchedule schedule, int maxPerUser, int maxUrlLength, boolean devMode) {

  public static ConnectionSettings of(Config config) {
    Config c = config.getConfig("calendar.connections");
    return new ConnectionSettings(
        new PollSchedule(
            c.getDuration("poll-interval"),
            c.getDuration("min-poll-interval"),
            c.getDuration("max-poll-interval"),
            c.getDouble("jitter"),
            c.getDuration("backoff-min"),
            c.getDuration("backoff-max")),
        c.getInt("max-per-user"),
        c.getInt("max-url-length"),
        config.getBoolean("calendar.dev-mode"));
  }

  /** The connection's busy time in its user's calendar is kept under this source id. */
  public static String sourceOf(UUID connectionId) {
    return ExternalSource.CONNECTION_PREFIX + connectionId;
  }

  static Duration positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }
}
