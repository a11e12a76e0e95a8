package dev.calendar.api.calendar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.typesafe.config.Config;
import dev.calendar.schedule.Interval;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import org.apache.pekko.util.ByteString;

/**
 * Availability answers already written, per user and window, as the JSON they were served as.
 * Scheduling screens ask for the same weeks again and again; each repeat then costs the calendar a
 * look at its revision instead of computing busy and free time and writing them anew. An answer is
 * served only while the calendar is still at the revision it was computed from (the calendar is
 * asked every time, so it is never stale) and the zone shown is still the same. Per node, in
 * memory, bounded in bytes; the least used entries go first.
 */
final class AvailabilityAnswers {
  record Key(UUID userId, Interval window) {}

  record Answer(long revision, ZoneId zone, ByteString json) {}

  private static final int BYTES_PER_ENTRY = 256;

  private final Cache<Key, Answer> answers;

  AvailabilityAnswers(long maxBytes, Duration idleExpiry) {
    this.answers =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Key k, Answer a) -> BYTES_PER_ENTRY + a.json().size())
            .expireAfterAccess(idleExpiry)
            // Upkeep on the calling thread: the common pool is a single thread on 2 cores.
            .executor(Runnable::run)
            .build();
  }

  /** {@code calendar.availability.answer-cache}. */
  static AvailabilityAnswers of(Config config) {
    Config c = config.getConfig("calendar.availability.answer-cache");
    return new AvailabilityAnswers(c.getBytes("max-size"), c.getDuration("idle-expiry"));
  }

  /** The answer kept for {@code key}, or null. */
  Answer get(Key key) {
    return answers.getIfPresent(key);
  }

  void put(Key key, Answer answer) {
    answers.put(key, answer);
  }

  /** How many answers are kept (estimated), for tests. */
  long size() {
    answers.cleanUp();
    return answers.estimatedSize();
  }
}
