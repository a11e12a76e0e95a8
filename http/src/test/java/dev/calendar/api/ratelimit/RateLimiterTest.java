package dev.calendar.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final TokenBucket.Limit twoPerMinute = new TokenBucket.Limit(2, Duration.ofSeconds(30));

  @Test
  void eachKeyHasItsOwnBucket() {
    var limiter = new RateLimiter<String>(twoPerMinute, 100, clock);
    assertThat(limiter.tryTake("a")).isEmpty();
    assertThat(limiter.tryTake("a")).isEmpty();
    assertThat(limiter.tryTake("a")).contains(Duration.ofSeconds(30));
    assertThat(limiter.tryTake("b")).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    assertThat(limiter.tryTake("a")).isEmpty();
  }

  @Test
  void aGivenBackTokenIsAvailableAgain() {
    var limiter = new RateLimiter<String>(twoPerMinute, 100, clock);
    limiter.tryTake("a");
    limiter.tryTake("a");
    limiter.giveBack("a");
    assertThat(limiter.available("a")).isEqualTo(1);
    assertThat(limiter.tryTake("a")).isEmpty();
  }

  @Test
  void randomKeysCannotGrowMemoryBeyondTheBound() {
    var limiter = new RateLimiter<String>(twoPerMinute, 1000, clock);
    for (int i = 0; i < 100_000; i++) {
      limiter.tryTake("made-up-" + i + "@example.com");
    }
    assertThat(limiter.trackedKeys()).isEqualTo(1000);
  }

  @Test
  void refilledBucketsAreDroppedAndTheRecentlyUsedKept() {
    var limiter = new RateLimiter<String>(twoPerMinute, 1000, clock);
    for (int i = 0; i < 10; i++) {
      limiter.tryTake("idle-" + i);
    }
    clock.advance(Duration.ofMinutes(1));
    limiter.tryTake("busy");
    limiter.tryTake("busy");
    // Each call sweeps the oldest buckets that have refilled.
    for (int i = 0; i < 10; i++) {
      limiter.available("busy");
      limiter.tryTake("other");
      limiter.giveBack("other");
    }
    assertThat(limiter.trackedKeys()).isEqualTo(1);
    assertThat(limiter.tryTake("busy")).isPresent();
  }

  @Test
  void concurrentTakersGetExactlyTheCapacity() throws Exception {
    var limiter =
        new RateLimiter<String>(new TokenBucket.Limit(10, Duration.ofHours(1)), 10, clock);
    int threads = 64;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      var ready = new CountDownLatch(threads);
      var go = new CountDownLatch(1);
      List<CompletableFuture<Optional<Duration>>> takes = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        takes.add(
            CompletableFuture.supplyAsync(
                () -> {
                  ready.countDown();
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  return limiter.tryTake("one-account");
                },
                pool));
      }
      ready.await();
      go.countDown();
      long taken = takes.stream().map(CompletableFuture::join).filter(Optional::isEmpty).count();
      assertThat(taken).isEqualTo(10);
    } finally {
      pool.shutdownNow();
    }
  }
}
