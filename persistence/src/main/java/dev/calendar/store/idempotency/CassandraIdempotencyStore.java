package dev.calendar.store.idempotency;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Keys in a Cassandra table, decided by lightweight transactions: of two concurrent requests with
 * one key exactly one gets {@link Acquired}. Every write to a row is conditional, because mixing
 * conditional and plain writes on one row is unsafe in Cassandra.
 */
public final class CassandraIdempotencyStore implements IdempotencyStore {
  private static final String IN_PROGRESS = "in-progress";
  private static final String DONE = "done";

  private final CqlSession session;
  private final int ttlSeconds;
  private final PreparedStatement claim;
  private final PreparedStatement takeOver;
  private final PreparedStatement complete;
  private final PreparedStatement release;

  public CassandraIdempotencyStore(CqlSession session, String keyspace, Duration ttl) {
    this.session = session;
    this.ttlSeconds = (int) ttl.toSeconds();
    String table = keyspace + ".idempotency";
    this.claim =
        session.prepare(
            "INSERT INTO "
                + table
                + " (scope, key, request_hash, state, taken_at) VALUES (?, ?, ?, '"
                + IN_PROGRESS
                + "', ?) IF NOT EXISTS USING TTL ?");
    this.takeOver =
        session.prepare(
            "UPDATE "
                + table
                + " USING TTL ? SET taken_at = ? WHERE scope = ? AND key = ?"
                + " IF state = '"
                + IN_PROGRESS
                + "' AND taken_at = ?");
    this.complete =
        session.prepare(
            "UPDATE "
                + table
                + " USING TTL ? SET state = '"
                + DONE
                + "', status = ?, content_type = ?, body = ?, location = ?"
                + " WHERE scope = ? AND key = ? IF taken_at = ?");
    this.release =
        session.prepare("DELETE FROM " + table + " WHERE scope = ? AND key = ? IF taken_at = ?");
  }

  @Override
  public CompletionStage<Claim> tryClaim(
      String scope, String key, String requestHash, Instant now) {
    return session
        .executeAsync(claim.bind(scope, key, requestHash, now, ttlSeconds))
        .thenApply(
            rs -> {
              if (rs.wasApplied()) {
                return new Acquired(now);
              }
              return existing(rs.one());
            });
  }

  private static Claim existing(Row row) {
    StoredResponse response =
        DONE.equals(row.getString("state"))
            ? new StoredResponse(
                row.getInt("status"),
                row.getString("content_type"),
                row.getString("body"),
                row.getString("location"))
            : null;
    return new Existing(row.getString("request_hash"), row.getInstant("taken_at"), response);
  }

  @Override
  public CompletionStage<Boolean> takeOver(
      String scope, String key, Instant staleTakenAt, Instant now) {
    return session
        .executeAsync(takeOver.bind(ttlSeconds, now, scope, key, staleTakenAt))
        .thenApply(rs -> rs.wasApplied());
  }

  @Override
  public CompletionStage<Void> complete(
      String scope, String key, Instant takenAt, StoredResponse r) {
    return session
        .executeAsync(
            complete.bind(
                ttlSeconds,
                r.status(),
                r.contentType(),
                r.body(),
                r.location(),
                scope,
                key,
                takenAt))
        .thenApply(rs -> null);
  }

  @Override
  public CompletionStage<Void> release(String scope, String key, Instant takenAt) {
    return session.executeAsync(release.bind(scope, key, takenAt)).thenApply(rs -> null);
  }
}
