package dev.calendar.store.session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Where sessions live, keyed by the hash of their token (the token itself is never stored). */
public interface SessionStore {
  CompletionStage<Void> save(String tokenHash, UUID userId, Instant createdAt, Instant expiresAt);

  /** The session's user, if the token hash is known and not expired at {@code now}. */
  CompletionStage<Optional<UUID>> userFor(String tokenHash, Instant now);

  CompletionStage<Void> delete(UUID userId, String tokenHash);

  /**
   * Ends every session of {@code userId} but {@code keepTokenHash} (null: ends all); complete once
   * none of them is usable any more.
   */
  CompletionStage<Void> deleteAllOf(UUID userId, String keepTokenHash);
}
