package dev.calendar.store.session;

import dev.calendar.session.Revocation;
import dev.calendar.session.SessionRevocations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Bearer sessions: a random 256-bit token is handed out once; only its SHA-256 is stored. A fast
 * hash is right here (unlike passwords) because the token has full entropy.
 *
 * <p>Ending sessions deletes them in the store, then tells every node's session cache through
 * {@link SessionRevocations}, and completes only after that: once a log-out or a password change is
 * answered, no reachable node accepts the ended sessions any more.
 */
public final class Sessions {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_TOKEN_LENGTH = 200;

  private final SessionStore store;
  private final SessionRevocations revocations;
  private final Duration ttl;
  private final Clock clock;

  public Sessions(SessionStore store, SessionRevocations revocations, Duration ttl, Clock clock) {
    this.store = store;
    this.revocations = revocations;
    this.ttl = ttl;
    this.clock = clock;
  }

  public record NewSession(String token, UUID userId, Instant expiresAt) {}

  public CompletionStage<NewSession> start(UUID userId) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ttl);
    return store
        .save(hash(token), userId, now, expiresAt)
        .thenApply(done -> new NewSession(token, userId, expiresAt));
  }

  public CompletionStage<Optional<UUID>> authenticate(String token) {
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return store
        .find(hash(token))
        .thenApply(
            found ->
                found
                    .filter(session -> session.expiresAt().isAfter(clock.instant()))
                    .map(StoredSession::userId));
  }

  /** Ends the session of {@code token}, on every node at once. */
  public CompletionStage<Void> end(UUID userId, String token) {
    String tokenHash = hash(token);
    return store
        .delete(userId, tokenHash)
        .thenCompose(deleted -> revocations.revoke(new Revocation.OfToken(tokenHash)));
  }

  /** Ends all of the user's sessions but the one of {@code keepToken}, on every node at once. */
  public CompletionStage<Void> endAllBut(UUID userId, String keepToken) {
    return store
        .deleteAllOf(userId, hash(keepToken))
        .thenCompose(deleted -> revocations.revoke(new Revocation.OfUser(userId)));
  }

  static String hash(String token) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
