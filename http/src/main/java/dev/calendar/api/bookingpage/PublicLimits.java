package dev.calendar.api.bookingpage;

import com.typesafe.config.Config;
import dev.calendar.api.ClientAddress;
import dev.calendar.api.Problem;
import dev.calendar.api.ratelimit.RateLimiter;
import dev.calendar.api.ratelimit.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Token buckets per client address for the public booking-page routes, which anyone can call
 * without an account: one for reading (type info, slot lists) and a stricter one for writing
 * (bookings and manage calls). Over the limit: 429 with {@code Retry-After}. Per node, in memory.
 */
public final class PublicLimits extends AllDirectives {
  private final ClientAddress clientAddress;
  private final RateLimiter<String> reads;
  private final RateLimiter<String> writes;

  public PublicLimits(
      ClientAddress clientAddress,
      TokenBucket.Limit reads,
      TokenBucket.Limit writes,
      int maxTrackedAddresses,
      Clock clock) {
    this.clientAddress = clientAddress;
    this.reads = new RateLimiter<>(reads, maxTrackedAddresses, clock);
    this.writes = new RateLimiter<>(writes, maxTrackedAddresses, clock);
  }

  /** {@code calendar.booking-pages.rate-limits}. */
  public static PublicLimits of(Config config, ClientAddress clientAddress, Clock clock) {
    Config c = config.getConfig("calendar.booking-pages.rate-limits");
    return new PublicLimits(
        clientAddress,
        limit(c.getConfig("reads")),
        limit(c.getConfig("writes")),
        c.getInt("max-tracked-addresses"),
        clock);
  }

  /** {@code per-minute} tokens a minute, at most {@code burst} at once. */
  static TokenBucket.Limit limit(Config c) {
    int perMinute = c.getInt("per-minute");
    if (perMinute < 1) {
      throw new IllegalArgumentException("per-minute must be at least 1");
    }
    return new TokenBucket.Limit(c.getInt("burst"), Duration.ofMinutes(1).dividedBy(perMinute));
  }

  public Route read(Supplier<Route> inner) {
    return limited(reads, inner);
  }

  public Route write(Supplier<Route> inner) {
    return limited(writes, inner);
  }

  private Route limited(RateLimiter<String> limiter, Supplier<Route> inner) {
    return clientAddress.extract(
        address -> {
          var wait = limiter.tryTake(address);
          if (wait.isPresent()) {
            throw Problem.tooManyRequests(
                "too many requests from this address; try again later", wait.get());
          }
          return inner.get();
        });
  }
}
