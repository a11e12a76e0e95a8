package dev.calendar.api.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link TokenBucket} per key (an account, a client address), in memory on this node. Memory is
 * bounded: a bucket that has refilled completely is dropped (it is no different from a new one),
 * and when {@code maxKeys} buckets are tracked the least recently used one is evicted, so a flood
 * of made-up keys cannot grow the map without bound. Thread-safe; one lock, held only for
 * arithmetic.
 */
public final class RateLimiter<K> {
  // Full buckets looked at (oldest first) per call: keeps the map small at constant cost per call.
  private static final int SWEEP_PER_CALL = 2;

  private final TokenBucket.Limit limit;
  private final int maxKeys;
  private final Clock clock;
  private final LinkedHashMap<K, TokenBucket> buckets;

  public RateLimiter(TokenBucket.Limit limit, int maxKeys, Clock clock) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
    }
    this.limit = limit;
    this.maxKeys = maxKeys;
    this.clock = clock;
    // Access order: the eldest entry is the least recently used.
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, TokenBucket> eldest) {
            return size() > RateLimiter.this.maxKeys;
          }
        };
  }

  public TokenBucket.Limit limit() {
    return limit;
  }

  /** Takes a token for {@code key}: empty when taken, else how long until one can be. */
  public synchronized Optional<Duration> tryTake(K key) {
    Instant now = clock.instant();
    sweep(now);
    TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(limit, now));
    if (bucket.tryTake(now)) {
      return Optional.empty();
    }
    return Optional.of(bucket.waitForToken(now));
  }

  /** Returns a token taken for {@code key} (an attempt that is not to count). */
  public synchronized void giveBack(K key) {
    Instant now = clock.instant();
    TokenBucket bucket = buckets.get(key);
    if (bucket != null) {
      bucket.giveBack(now);
      if (bucket.isFull(now)) {
        buckets.remove(key);
      }
    }
  }

  /** Tokens {@code key} could take now. */
  public synchronized int available(K key) {
    TokenBucket bucket = buckets.get(key);
    return bucket == null ? limit.capacity() : bucket.available(clock.instant());
  }

  /** Buckets held in memory. */
  public synchronized int trackedKeys() {
    return buckets.size();
  }

  private void sweep(Instant now) {
    Iterator<TokenBucket> oldest = buckets.values().iterator();
    for (int i = 0; i < SWEEP_PER_CALL && oldest.hasNext(); i++) {
      if (oldest.next().isFull(now)) {
        oldest.remove();
      }
    }
  }
}
