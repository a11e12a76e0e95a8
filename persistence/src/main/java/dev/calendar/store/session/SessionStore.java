package dev.calendar.store.session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Where sessions live, keyed by the hash of their token (the token itself is never stored). */
public interface SessionStore {
  CompletionStage<Void> save(String tokenHash, UUID userId, Instant createdAt, Instant expiresAt);

  /**
   * The session of this token hash, if the store knows it. It may have expired: the caller checks
   * {@link StoredSession#expiresAt()}, so that an answer kept in memory is checked the same way.
   */
  CompletionStage<Optional<StoredSession>> find(String tokenHash);

  CompletionStage<Void> delete(UUID userId, String tokenHash);

  /**
   * Ends every session of {@code userId} but {@code keepTokenHash} (null: ends all); complete once
   * none of them is usable any more.
   */
  CompletionStage<Void> deleteAllOf(UUID userId, String keepTokenHash);
}
