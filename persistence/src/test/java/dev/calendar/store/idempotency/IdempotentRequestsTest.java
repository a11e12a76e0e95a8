package dev.calendar.store.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotentRequestsTest {
  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final IdempotentRequests requests =
      new IdempotentRequests(
          store, Duration.ofSeconds(30), Duration.ofSeconds(5), Clock.systemUTC());
  private final AtomicInteger runs = new AtomicInteger();

  private CompletionStage<StoredResponse> created() {
    int n = runs.incrementAndGet();
    return CompletableFuture.completedFuture(
        new StoredResponse(201, "application/json", "{\"n\":" + n + "}", null));
  }

  @Test
  void replaysTheFirstAnswerToARetry() {
    var first = requests.run("u1", "k", "h", this::created).toCompletableFuture().join();
    var retry = requests.run("u1", "k", "h", this::created).toCompletableFuture().join();
    assertThat(first).isInstanceOf(IdempotentRequests.Fresh.class);
    assertThat(retry)
        .isEqualTo(new IdempotentRequests.Replayed(((IdempotentRequests.Fresh) first).response()));
    assertThat(runs).hasValue(1);
  }

  @Test
  void sameKeyWithAnotherBodyIsRefused() {
    requests.run("u1", "k", "h1", this::created).toCompletableFuture().join();
    var other = requests.run("u1", "k", "h2", this::created).toCompletableFuture().join();
    assertThat(other).isInstanceOf(IdempotentRequests.KeyReused.class);
  }

  @Test
  void keysAreScopedByCaller() {
    requests.run("u1", "k", "h", this::created).toCompletableFuture().join();
    var other = requests.run("u2", "k", "h", this::created).toCompletableFuture().join();
    assertThat(other).isInstanceOf(IdempotentRequests.Fresh.class);
    assertThat(runs).hasValue(2);
  }

  @Test
  void serverFailureIsNotStoredSoARetryRunsAgain() {
    var failing =
        requests
            .run(
                "u1",
                "k",
                "h",
                () -> CompletableFuture.completedFuture(new StoredResponse(503, "x", "{}", null)))
            .toCompletableFuture()
            .join();
    assertThat(((IdempotentRequests.Fresh) failing).response().status()).isEqualTo(503);
    var retry = requests.run("u1", "k", "h", this::created).toCompletableFuture().join();
    assertThat(retry).isInstanceOf(IdempotentRequests.Fresh.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void concurrentReplaysRunTheRequestOnceAndAllGetItsAnswer() throws Exception {
    var gate = new CompletableFuture<Void>();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    var ready = new CountDownLatch(16);
    List<CompletableFuture<IdempotentRequests.Outcome>> results = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      results.add(
          CompletableFuture.supplyAsync(
              () -> {
                ready.countDown();
                // The first request's action waits on the gate, so the others overlap with it.
                return requests
                    .run("u1", "k", "h", () -> gate.thenCompose(v -> created()))
                    .toCompletableFuture()
                    .join();
              },
              pool));
    }
    ready.await();
    gate.complete(null);
    var bodies =
        results.stream()
            .map(CompletableFuture::join)
            .map(
                o ->
                    o instanceof IdempotentRequests.Fresh f
                        ? f.response()
                        : ((IdempotentRequests.Replayed) o).response())
            .distinct()
            .toList();
    pool.shutdown();
    assertThat(runs).hasValue(1);
    assertThat(bodies).hasSize(1);
  }

  @Test
  void aHolderSilentPastItsLeaseIsTakenOver() {
    var start = Instant.parse("2027-01-01T00:00:00Z");
    store.tryClaim("u1", "k", "h", start); // a request that crashed while holding the key
    var later = Clock.fixed(start.plusSeconds(31), ZoneOffset.UTC);
    var afterCrash =
        new IdempotentRequests(store, Duration.ofSeconds(30), Duration.ofSeconds(1), later);
    var outcome = afterCrash.run("u1", "k", "h", this::created).toCompletableFuture().join();
    assertThat(outcome).isInstanceOf(IdempotentRequests.Fresh.class);
    assertThat(runs).hasValue(1);
  }
}
