package dev.calendar.store.idempotency;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Same contract as the Cassandra store (atomic per key), for testing the protocol around it. */
final class InMemoryIdempotencyStore implements IdempotencyStore {
  record Row(String hash, Instant takenAt, StoredResponse response) {}

  final Map<String, Row> rows = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Claim> tryClaim(String scope, String key, String hash, Instant now) {
    var fresh = new Row(hash, now, null);
    var prior = rows.putIfAbsent(scope + "|" + key, fresh);
    return CompletableFuture.completedFuture(
        prior == null
            ? new Acquired(now)
            : new Existing(prior.hash(), prior.takenAt(), prior.response()));
  }

  @Override
  public CompletionStage<Boolean> takeOver(String scope, String key, Instant stale, Instant now) {
    var won = new boolean[1];
    rows.computeIfPresent(
        scope + "|" + key,
        (k, row) -> {
          if (row.response() == null && row.takenAt().equals(stale)) {
            won[0] = true;
            return new Row(row.hash(), now, null);
          }
          return row;
        });
    return CompletableFuture.completedFuture(won[0]);
  }

  @Override
  public CompletionStage<Void> complete(
      String scope, String key, Instant takenAt, StoredResponse r) {
    rows.computeIfPresent(
        scope + "|" + key,
        (k, row) -> row.takenAt().equals(takenAt) ? new Row(row.hash(), takenAt, r) : row);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> release(String scope, String key, Instant takenAt) {
    rows.computeIfPresent(
        scope + "|" + key, (k, row) -> row.takenAt().equals(takenAt) ? null : row);
    return CompletableFuture.completedFuture(null);
  }
}
