package dev.calendar.connection;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a connection is read again. After a success: the configured interval, or the feed's own
 * {@code REFRESH-INTERVAL} held within [{@code minInterval}, {@code maxInterval}], spread by ±
 * {@code jitter} so that connections created together do not poll together. After failures:
 * exponential backoff from {@code backoffMin} to {@code backoffMax}, with half its length random,
 * never sooner than a server's {@code Retry-After}; a failure that retrying cannot mend waits the
 * longest.
 */
public record PollSchedule(
    Duration interval,
    Duration minInterval,
    Duration maxInterval,
    double jitter,
    Duration backoffMin,
    Duration backoffMax) {

  public PollSchedule {
    ConnectionSettings.positive(interval, "poll-interval");
    ConnectionSettings.positive(minInterval, "min-poll-interval");
    ConnectionSettings.positive(backoffMin, "backoff-min");
    if (maxInterval.compareTo(minInterval) < 0 || backoffMax.compareTo(backoffMin) < 0) {
      throw new IllegalArgumentException("a maximum is below its minimum");
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
  }

  /** After a successful read; {@code refreshInterval}: what the feed asks for, or null. */
  public Duration afterSuccess(Duration refreshInterval, DoubleSupplier random) {
    Duration base = refreshInterval == null ? interval : clamp(refreshInterval);
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
  }

  /**
   * After the {@code failures}-th failure in a row (1 for the first); {@code retryAfter}: the
   * server's hint, or null.
   */
  public Duration afterFailure(
      int failures, boolean permanent, Duration retryAfter, DoubleSupplier random) {
    if (permanent) {
      return backoffMax;
    }
    long max = backoffMax.toMillis();
    long exponential = backoffMin.toMillis() << Math.min(Math.max(failures - 1, 0), 30);
    long capped = exponential <= 0 ? max : Math.min(exponential, max);
    long delay = capped / 2 + Math.round(capped / 2.0 * random.getAsDouble());
    if (retryAfter != null) {
      delay = Math.max(delay, Math.min(retryAfter.toMillis(), max));
    }
    return Duration.ofMillis(Math.max(1, delay));
  }

  private Duration clamp(Duration d) {
    if (d.compareTo(minInterval) < 0) {
      return minInterval;
    }
    return d.compareTo(maxInterval) > 0 ? maxInterval : d;
  }
}
