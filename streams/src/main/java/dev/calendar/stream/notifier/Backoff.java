package dev.calendar.stream.notifier;

import java.time.Duration;

/**
 * Exponential backoff with jitter: after the n-th failed attempt wait {@code min * 2^(n-1)}, at
 * most {@code max}, stretched by a random share of up to {@code randomFactor}. So the wait lies in
 * {@code [base, base * (1 + randomFactor)]}: never shorter than the configured backoff, and spread
 * out so that messages failing together do not retry together.
 */
public record Backoff(Duration min, Duration max, double randomFactor) {

  public Backoff {
    if (min.isNegative() || max.compareTo(min) < 0 || randomFactor < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= min <= max and randomFactor >= 0");
    }
  }

  /** The wait before the next attempt, without jitter, after {@code failedAttempts} (>= 1). */
  public Duration base(int failedAttempts) {
    int doublings = Math.min(Math.max(failedAttempts, 1) - 1, 62);
    double nanos = min.toNanos() * Math.pow(2, doublings);
    return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
  }

  /** {@link #base} stretched by {@code random} (in [0, 1)) times {@code randomFactor}. */
  public Duration delay(int failedAttempts, double random) {
    double stretched = base(failedAttempts).toNanos() * (1 + randomFactor * random);
    return Duration.ofNanos((long) stretched);
  }
}
