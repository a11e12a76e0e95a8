package dev.calendar.session;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Sessions in one Cassandra table with a TTL, so expired sessions vanish by themselves. Every node
 * reads the same row, so a logout on one node is seen by all the others at once.
 */
public final class CassandraSessionStore implements SessionStore {
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final PreparedStatement delete;

  public CassandraSessionStore(CqlSession session, String keyspace) {
    this.session = session;
    this.insert =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"
                + " USING TTL ?");
    this.select =
        session.prepare(
            "SELECT user_id, expires_at FROM " + keyspace + ".sessions WHERE token_hash = ?");
    this.delete = session.prepare("DELETE FROM " + keyspace + ".sessions WHERE token_hash = ?");
  }

  @Override
  public CompletionStage<Void> save(
      String tokenHash, UUID userId, Instant createdAt, Instant expiresAt) {
    int ttl = (int) Math.max(1, Duration.between(createdAt, expiresAt).toSeconds());
    return session
        .executeAsync(insert.bind(tokenHash, userId, createdAt, expiresAt, ttl))
        .thenApply(rs -> null);
  }

  @Override
  public CompletionStage<Optional<UUID>> userFor(String tokenHash, Instant now) {
    return session
        .executeAsync(select.bind(tokenHash))
        .thenApply(
            rs -> {
              var row = rs.one();
              if (row == null || !row.getInstant("expires_at").isAfter(now)) {
                return Optional.empty();
              }
              return Optional.of(row.getUuid("user_id"));
            });
  }

  @Override
  public CompletionStage<Void> delete(String tokenHash) {
    return session.executeAsync(delete.bind(tokenHash)).thenApply(rs -> null);
  }
}
