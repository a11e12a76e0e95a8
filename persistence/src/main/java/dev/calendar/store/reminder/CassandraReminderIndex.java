package dev.calendar.store.reminder;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.calendar.notification.Channel;
import dev.calendar.reminder.DueReminder;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The reminder index in the tables {@code reminders_by_minute}, {@code reminders_by_event} and
 * {@code reminder_checkpoints} (NotificationTables). A reminder's two rows are written together and
 * expire {@link #KEPT_AFTER_DUE} after its due time, so fired reminders need no clean-up.
 */
public final class CassandraReminderIndex implements ReminderIndex {
  /** Rows outlive their due time by this much: long enough for any catch-up or inspection. */
  static final Duration KEPT_AFTER_DUE = Duration.ofDays(7);

  private final CqlSession session;
  private final int partitions;
  private final Clock clock;
  private final Executor executor;
  private final PreparedStatement insertByMinute;
  private final PreparedStatement insertByEvent;
  private final PreparedStatement selectByEvent;
  private final PreparedStatement deleteByMinute;
  private final PreparedStatement deleteByEvent;
  private final PreparedStatement selectDue;
  private final PreparedStatement selectWatermark;
  private final PreparedStatement updateWatermark;
  private final PreparedStatement insertHistory;

  /**
   * @param executor runs the continuations of the driver's futures (not the common pool)
   */
  public CassandraReminderIndex(
      CqlSession session, String keyspace, int partitions, Clock clock, Executor executor) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1");
    }
    this.session = session;
    this.partitions = partitions;
    this.clock = clock;
    this.executor = executor;
    String ks = keyspace + ".";
    this.insertByMinute =
        session.prepare(
            "INSERT INTO "
                + ks
                + "reminders_by_minute (partition, minute, due_at, key, event_id,"
                + " occurrence_start, occurrence_end, offset, channel, user_id, address,"
                + " history_user_id, title, recurring, zone)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
    this.insertByEvent =
        session.prepare(
            "INSERT INTO "
                + ks
                + "reminders_by_event (event_id, key, partition, minute, due_at)"
                + " VALUES (?, ?, ?, ?, ?) USING TTL ?");
    this.selectByEvent =
        session.prepare(
            "SELECT key, partition, minute, due_at FROM "
                + ks
                + "reminders_by_event WHERE event_id = ?");
    this.deleteByMinute =
        session.prepare(
            "DELETE FROM "
                + ks
                + "reminders_by_minute WHERE partition = ? AND minute = ? AND due_at = ?"
                + " AND key = ?");
    this.deleteByEvent =
        session.prepare("DELETE FROM " + ks + "reminders_by_event WHERE event_id = ? AND key = ?");
    this.selectDue =
        session.prepare(
            "SELECT due_at, key, event_id, occurrence_start, occurrence_end, offset, channel,"
                + " user_id, address, history_user_id, title, recurring, zone FROM "
                + ks
                + "reminders_by_minute WHERE partition = ? AND minute = ? AND due_at > ?"
                + " AND due_at <= ?");
    this.selectWatermark =
        session.prepare("SELECT watermark FROM " + ks + "reminder_checkpoints WHERE partition = ?");
    this.updateWatermark =
        session.prepare(
            "UPDATE " + ks + "reminder_checkpoints SET watermark = ? WHERE partition = ?");
    this.insertHistory =
        session.prepare(
            "INSERT INTO "
                + ks
                + "notifications_by_user (user_id, due_at, key, kind, channel, recipient,"
                + " event_id, occurrence_start, attempts, status, error)"
                + " VALUES (?, ?, ?, 'reminder', ?, ?, ?, ?, 0, 'dead', ?)");
  }

  @Override
  public int partitions() {
    return partitions;
  }

  @Override
  public CompletionStage<Void> put(DueReminder r) {
    int partition = partitionOf(r.eventId());
    Instant minute = minuteOf(r.dueAt());
    int ttl = ttlSeconds(r.dueAt());
    return all(
        List.of(
            session.executeAsync(
                insertByMinute.bind(
                    partition,
                    minute,
                    r.dueAt(),
                    r.key(),
                    r.eventId(),
                    r.occurrenceStart(),
                    r.end(),
                    r.offset().toString(),
                    r.channel().wireName(),
                    r.userId(),
                    r.address(),
                    r.historyUserId(),
                    r.title(),
                    r.recurring(),
                    r.zone() == null ? null : r.zone().getId(),
                    ttl)),
            session.executeAsync(
                insertByEvent.bind(r.eventId(), r.key(), partition, minute, r.dueAt(), ttl))));
  }

  @Override
  public CompletionStage<Void> replace(UUID eventId, List<DueReminder> reminders) {
    Set<String> keep = new HashSet<>();
    reminders.forEach(r -> keep.add(r.key()));
    return rows(selectByEvent.bind(eventId))
        .thenComposeAsync(
            existing -> {
              List<CompletionStage<?>> writes = new ArrayList<>();
              for (Row row : existing) {
                String key = row.getString("key");
                if (!keep.contains(key)) {
                  writes.add(
                      session.executeAsync(
                          deleteByMinute.bind(
                              row.getInt("partition"),
                              row.getInstant("minute"),
                              row.getInstant("due_at"),
                              key)));
                  writes.add(session.executeAsync(deleteByEvent.bind(eventId, key)));
                }
              }
              for (DueReminder r : reminders) {
                writes.add(put(r));
              }
              return all(writes);
            },
            executor);
  }

  @Override
  public CompletionStage<List<DueReminder>> due(int partition, Instant after, Instant upTo) {
    if (!upTo.isAfter(after)) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<CompletableFuture<List<Row>>> reads = new ArrayList<>();
    // due_at > after can only be in after's minute or a later one
    for (Instant minute = minuteOf(after);
        !minute.isAfter(upTo);
        minute = minute.plus(1, ChronoUnit.MINUTES)) {
      reads.add(rows(selectDue.bind(partition, minute, after, upTo)).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApplyAsync(
            done -> {
              List<DueReminder> out = new ArrayList<>();
              for (CompletableFuture<List<Row>> read : reads) {
                read.join().forEach(row -> out.add(reminder(row)));
              }
              out.sort(Comparator.comparing(DueReminder::dueAt));
              return out;
            },
            executor);
  }

  @Override
  public CompletionStage<Optional<Instant>> watermark(int partition) {
    return session
        .executeAsync(selectWatermark.bind(partition))
        .thenApplyAsync(
            rs -> Optional.ofNullable(rs.one()).map(row -> row.getInstant("watermark")), executor);
  }

  @Override
  public CompletionStage<Void> saveWatermark(int partition, Instant watermark) {
    return session
        .executeAsync(updateWatermark.bind(watermark, partition))
        .thenApply(rs -> (Void) null);
  }

  @Override
  public CompletionStage<Void> recordDead(DueReminder r, String error) {
    return session
        .executeAsync(
            insertHistory.bind(
                r.historyUserId(),
                r.dueAt(),
                r.key(),
                r.channel().wireName(),
                r.recipient(),
                r.eventId(),
                r.occurrenceStart(),
                error))
        .thenApply(rs -> (Void) null);
  }

  static Instant minuteOf(Instant t) {
    return t.truncatedTo(ChronoUnit.MINUTES);
  }

  private int ttlSeconds(Instant dueAt) {
    Instant now = clock.instant();
    Instant base = dueAt.isAfter(now) ? dueAt : now;
    return (int) Duration.between(now, base.plus(KEPT_AFTER_DUE)).toSeconds();
  }

  private static DueReminder reminder(Row row) {
    Instant start = row.getInstant("occurrence_start");
    return new DueReminder(
        row.getUuid("event_id"),
        start,
        Duration.parse(row.getString("offset")),
        Channel.fromWire(row.getString("channel")),
        row.getUuid("user_id"),
        row.getString("address"),
        row.getUuid("history_user_id"),
        row.getString("title"),
        start,
        row.getInstant("occurrence_end"),
        row.getBoolean("recurring"),
        row.getInstant("due_at"),
        zone(row.getString("zone")));
  }

  /** A row written before the column existed, or with a zone id this JVM lacks, reads as UTC. */
  private static ZoneId zone(String id) {
    if (id == null) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  /** Every row of a query, page after page. */
  private CompletionStage<List<Row>> rows(BoundStatement statement) {
    List<Row> out = new ArrayList<>();
    return session.executeAsync(statement).thenComposeAsync(rs -> drain(rs, out), executor);
  }

  private CompletionStage<List<Row>> drain(AsyncResultSet rs, List<Row> out) {
    rs.currentPage().forEach(out::add);
    if (!rs.hasMorePages()) {
      return CompletableFuture.completedFuture(out);
    }
    return rs.fetchNextPage().thenComposeAsync(next -> drain(next, out), executor);
  }

  private static CompletionStage<Void> all(List<? extends CompletionStage<?>> stages) {
    return CompletableFuture.allOf(
        stages.stream()
            .map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new));
  }
}
