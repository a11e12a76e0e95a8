package dev.calendar.store.idempotency;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Durable record of idempotency keys: who holds a key, and the answer once there is one. */
public interface IdempotencyStore {

  sealed interface Claim permits Acquired, Existing {}

  /** The caller now holds the key; {@code takenAt} identifies this hold. */
  record Acquired(Instant takenAt) implements Claim {}

  /** Someone used the key before; {@code response} is null while that request is in progress. */
  record Existing(String requestHash, Instant takenAt, StoredResponse response) implements Claim {}

  CompletionStage<Claim> tryClaim(String scope, String key, String requestHash, Instant now);

  /** Takes over a hold presumed dead; true when this caller now holds it (as of {@code now}). */
  CompletionStage<Boolean> takeOver(String scope, String key, Instant staleTakenAt, Instant now);

  CompletionStage<Void> complete(
      String scope, String key, Instant takenAt, StoredResponse response);

  /** Gives the key up after a failure, so that a retry can run the request again. */
  CompletionStage<Void> release(String scope, String key, Instant takenAt);
}
