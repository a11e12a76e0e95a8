package dev.calendar.store.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a request at most once per (scope, key): the first caller runs it and its answer is stored;
 * retries with the same body get that answer again, with a different body a mismatch. A retry that
 * arrives while the first is still running waits for it (up to a limit) instead of running twice.
 * Answers of 500 and above are not stored, so a retry after a server failure runs again.
 */
public final class IdempotentRequests {
  private static final Duration POLL = Duration.ofMillis(50);

  public sealed interface Outcome permits Fresh, Replayed, KeyReused, StillInProgress {}

  public record Fresh(StoredResponse response) implements Outcome {}

  public record Replayed(StoredResponse response) implements Outcome {}

  /** The key was used before with another request body. */
  public record KeyReused() implements Outcome {}

  /** The first request with the key is still running after waiting for it. */
  public record StillInProgress() implements Outcome {}

  private final IdempotencyStore store;
  private final Duration lease;
  private final Duration maxWait;
  private final Clock clock;

  public IdempotentRequests(IdempotencyStore store, Duration lease, Duration maxWait, Clock clock) {
    this.store = store;
    this.lease = lease;
    this.maxWait = maxWait;
    this.clock = clock;
  }

  public CompletionStage<Outcome> run(
      String scope,
      String key,
      String requestHash,
      Supplier<CompletionStage<StoredResponse>> action) {
    return attempt(scope, key, requestHash, action, clock.instant().plus(maxWait));
  }

  private CompletionStage<Outcome> attempt(
      String scope,
      String key,
      String requestHash,
      Supplier<CompletionStage<StoredResponse>> action,
      Instant giveUpAt) {
    Instant now = clock.instant();
    return store
        .tryClaim(scope, key, requestHash, now)
        .thenCompose(
            claim -> {
              if (claim instanceof IdempotencyStore.Acquired acquired) {
                return runHolding(scope, key, acquired.takenAt(), action);
              }
              var existing = (IdempotencyStore.Existing) claim;
              if (!existing.requestHash().equals(requestHash)) {
                return done(new KeyReused());
              }
              if (existing.response() != null) {
                return done(new Replayed(existing.response()));
              }
              if (existing.takenAt().plus(lease).isBefore(now)) {
                // The holder has been silent past its lease: presumed crashed.
                return store
                    .takeOver(scope, key, existing.takenAt(), now)
                    .thenCompose(
                        won ->
                            won
                                ? runHolding(scope, key, now, action)
                                : attempt(scope, key, requestHash, action, giveUpAt));
              }
              if (clock.instant().isAfter(giveUpAt)) {
                return done(new StillInProgress());
              }
              return CompletableFuture.supplyAsync(() -> null, delayed())
                  .thenCompose(ignored -> attempt(scope, key, requestHash, action, giveUpAt));
            });
  }

  private CompletionStage<Outcome> runHolding(
      String scope, String key, Instant takenAt, Supplier<CompletionStage<StoredResponse>> action) {
    CompletionStage<StoredResponse> result;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result
        .handle(
            (response, failure) -> {
              if (failure != null || response.status() >= 500) {
                return store
                    .release(scope, key, takenAt)
                    .handle((ignored, releaseFailure) -> response)
                    .thenCompose(
                        r ->
                            failure != null
                                ? CompletableFuture.<Outcome>failedFuture(failure)
                                : done(new Fresh(r)));
              }
              return store
                  .complete(scope, key, takenAt, response)
                  .thenApply(ignored -> (Outcome) new Fresh(response));
            })
        .thenCompose(stage -> stage);
  }

  private static Executor delayed() {
    return CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static CompletionStage<Outcome> done(Outcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }
}
