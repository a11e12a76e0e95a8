package dev.calendar.api.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of {@code capacity} tokens that gains one token every {@code refillEvery}, up to
 * its capacity. Kept as one instant, the time at which it is full again (the GCRA form of a token
 * bucket), so it needs no background refill and is exact. Pure and not thread-safe: the caller
 * passes the time and guards concurrent use ({@link RateLimiter} does both).
 */
public final class TokenBucket {

  /** A burst of {@code capacity} tokens, then one every {@code refillEvery}. */
  public record Limit(int capacity, Duration refillEvery) {
    public Limit {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
      }
      if (refillEvery.isNegative() || refillEvery.isZero()) {
        throw new IllegalArgumentException("refillEvery must be positive, was " + refillEvery);
      }
    }

    /** How long an empty bucket takes to be full again. */
    Duration fullRefill() {
      return refillEvery.multipliedBy(capacity);
    }
  }

  private final Limit limit;
  // At or before now: the bucket holds all its tokens. Each token taken moves it refillEvery later.
  private Instant fullAt;

  /** A full bucket. */
  public TokenBucket(Limit limit, Instant now) {
    this.limit = limit;
    this.fullAt = now;
  }

  /** Takes one token if there is one; false (and nothing changes) when the bucket is empty. */
  public boolean tryTake(Instant now) {
    if (!waitForToken(now).isZero()) {
      return false;
    }
    fullAt = later(fullAt, now).plus(limit.refillEvery());
    return true;
  }

  /** Puts one taken token back (never beyond the capacity). */
  public void giveBack(Instant now) {
    fullAt = later(fullAt.minus(limit.refillEvery()), now);
  }

  /** Zero when a token can be taken now, else how long until one can. */
  public Duration waitForToken(Instant now) {
    // Taking a token must leave fullAt no further ahead than a full refill.
    Instant next = later(fullAt, now).plus(limit.refillEvery()).minus(limit.fullRefill());
    return next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO;
  }

  /** Tokens that could be taken now. */
  public int available(Instant now) {
    long owedNanos = Duration.between(now, later(fullAt, now)).toNanos();
    long refillNanos = limit.refillEvery().toNanos();
    long owedTokens = (owedNanos + refillNanos - 1) / refillNanos;
    return (int) (limit.capacity() - owedTokens);
  }

  /** A full bucket is as good as none: it can be dropped and made again when needed. */
  public boolean isFull(Instant now) {
    return !fullAt.isAfter(now);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
