package dev.calendar.store.session;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sessions in a Cassandra table with a TTL, so expired sessions vanish by themselves, and the same
 * sessions listed by user (same TTL) so that all of a user's sessions can be ended. Every node
 * reads the same rows at quorum, so a log-out or a password change on one node is seen by the next
 * read on any node; nodes keep what they read in a {@link CachingSessionStore}, which revocations
 * keep just as current.
 *
 * <p>Order keeps the two tables safe without a batch: a session is listed before it becomes usable
 * and unlisted only after it stopped being usable, so ending all listed sessions ends all usable
 * ones.
 */
public final class CassandraSessionStore implements SessionStore {
  /** Driver profile of every statement here (quorum reads and writes). */
  public static final String PROFILE = "calendar-sessions-profile";

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement insertByUser;
  private final PreparedStatement select;
  private final PreparedStatement selectByUser;
  private final PreparedStatement delete;
  private final PreparedStatement deleteByUser;

  public CassandraSessionStore(CqlSession session, String keyspace) {
    this.session = session;
    this.insert =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"
                + " USING TTL ?");
    this.insertByUser =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".sessions_by_user (user_id, token_hash, expires_at) VALUES (?, ?, ?)"
                + " USING TTL ?");
    this.select =
        session.prepare(
            "SELECT user_id, expires_at FROM " + keyspace + ".sessions WHERE token_hash = ?");
    this.selectByUser =
        session.prepare(
            "SELECT token_hash FROM " + keyspace + ".sessions_by_user WHERE user_id = ?");
    this.delete = session.prepare("DELETE FROM " + keyspace + ".sessions WHERE token_hash = ?");
    this.deleteByUser =
        session.prepare(
            "DELETE FROM " + keyspace + ".sessions_by_user WHERE user_id = ? AND token_hash = ?");
  }

  private CompletionStage<AsyncResultSet> execute(BoundStatement statement) {
    return session.executeAsync(statement.setExecutionProfileName(PROFILE));
  }

  @Override
  public CompletionStage<Void> save(
      String tokenHash, UUID userId, Instant createdAt, Instant expiresAt) {
    int ttl = (int) Math.max(1, Duration.between(createdAt, expiresAt).toSeconds());
    return execute(insertByUser.bind(userId, tokenHash, expiresAt, ttl))
        .thenCompose(listed -> execute(insert.bind(tokenHash, userId, createdAt, expiresAt, ttl)))
        .thenApply(rs -> null);
  }

  @Override
  public CompletionStage<Optional<StoredSession>> find(String tokenHash) {
    return execute(select.bind(tokenHash))
        .thenApply(
            rs ->
                Optional.ofNullable(rs.one())
                    .map(
                        row ->
                            new StoredSession(
                                row.getUuid("user_id"), row.getInstant("expires_at"))));
  }

  @Override
  public CompletionStage<Void> delete(UUID userId, String tokenHash) {
    return execute(delete.bind(tokenHash))
        .thenCompose(unusable -> execute(deleteByUser.bind(userId, tokenHash)))
        .thenApply(rs -> null);
  }

  @Override
  public CompletionStage<Void> deleteAllOf(UUID userId, String keepTokenHash) {
    return execute(selectByUser.bind(userId))
        .thenCompose(first -> collect(first, new ArrayList<>()))
        .thenCompose(
            hashes -> {
              List<CompletableFuture<Void>> deletes = new ArrayList<>();
              for (String hash : hashes) {
                if (!hash.equals(keepTokenHash)) {
                  deletes.add(delete(userId, hash).toCompletableFuture());
                }
              }
              return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
            });
  }

  private static CompletionStage<List<String>> collect(AsyncResultSet page, List<String> into) {
    for (Row row : page.currentPage()) {
      into.add(row.getString("token_hash"));
    }
    if (!page.hasMorePages()) {
      return CompletableFuture.completedFuture(into);
    }
    return page.fetchNextPage().thenCompose(next -> collect(next, into));
  }
}
