package dev.calendar.store.notification;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.calendar.notification.Notification;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The delivery log in {@code notification_deliveries} (one row per target) and {@code
 * notifications_by_user} (the history). Writes are upserts of the whole row and leave null values
 * unset, so a retry of the same write is harmless and no tombstones are written.
 */
public final class CassandraDeliveryLog implements DeliveryLog {
  private final CqlSession session;
  private final PreparedStatement selectTarget;
  private final PreparedStatement upsertTarget;
  private final PreparedStatement upsertHistory;

  public CassandraDeliveryLog(CqlSession session, String keyspace) {
    this.session = session;
    this.selectTarget =
        session.prepare(
            "SELECT status, attempts FROM " + keyspace + ".notification_deliveries WHERE key = ?");
    this.upsertTarget =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".notification_deliveries (key, status, attempts, sent_at, error, updated_at)"
                + " VALUES (:key, :status, :attempts, :sent_at, :error, :updated_at)");
    this.upsertHistory =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".notifications_by_user (user_id, due_at, key, kind, channel, recipient,"
                + " event_id, occurrence_start, sent_at, attempts, status, error) VALUES (:user_id,"
                + " :due_at, :key, :kind, :channel, :recipient, :event_id, :occurrence_start,"
                + " :sent_at, :attempts, :status, :error)");
  }

  @Override
  public CompletionStage<Optional<Recorded>> find(String target) {
    return session
        .executeAsync(selectTarget.bind(target))
        .thenApply(
            rs -> {
              var row = rs.one();
              if (row == null || row.getString("status") == null) {
                return Optional.empty();
              }
              return Optional.of(
                  new Recorded(
                      DeliveryStatus.fromWire(row.getString("status")), row.getInt("attempts")));
            });
  }

  @Override
  public CompletionStage<Void> recordTarget(
      String target, DeliveryStatus status, int attempts, String error, Instant at) {
    BoundStatementBuilder b =
        upsertTarget
            .boundStatementBuilder()
            .setString("key", target)
            .setString("status", status.wireName())
            .setInt("attempts", attempts)
            .setInstant("updated_at", at);
    if (status == DeliveryStatus.SENT) {
      b = b.setInstant("sent_at", at);
    }
    if (error != null) {
      b = b.setString("error", error);
    }
    return session.executeAsync(b.build()).thenApply(rs -> null);
  }

  @Override
  public CompletionStage<Void> recordHistory(
      Notification n,
      String recipient,
      DeliveryStatus status,
      int attempts,
      String error,
      Instant at) {
    if (n.historyUserId() == null || n.dueAt() == null) {
      return CompletableFuture.completedFuture(null);
    }
    BoundStatementBuilder b =
        upsertHistory
            .boundStatementBuilder()
            .setUuid("user_id", n.historyUserId())
            .setInstant("due_at", n.dueAt())
            .setString("key", n.key())
            .setString("kind", n.kind().wireName())
            .setString("channel", n.channel().wireName())
            .setInt("attempts", attempts)
            .setString("status", status.wireName());
    if (recipient != null) {
      b = b.setString("recipient", recipient);
    }
    if (n.eventId() != null) {
      b = b.setUuid("event_id", n.eventId());
    }
    if (n.occurrenceStart() != null) {
      b = b.setInstant("occurrence_start", n.occurrenceStart());
    }
    if (status == DeliveryStatus.SENT) {
      b = b.setInstant("sent_at", at);
    }
    if (error != null) {
      b = b.setString("error", error);
    }
    return session.executeAsync(b.build()).thenApply(rs -> null);
  }
}
