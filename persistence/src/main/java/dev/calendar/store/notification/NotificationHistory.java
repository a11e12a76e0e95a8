package dev.calendar.store.notification;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Reads a user's delivery history ({@code notifications_by_user}, written by the notifier and the
 * reminder scheduler) by due time, a page at a time. The cursor names the last row returned, so a
 * page never repeats or skips a row even while new deliveries are added.
 */
public final class NotificationHistory {
  /**
   * One delivery as {@code GET /users/{id}/notifications} lists it; {@code id} is derived from the
   * idempotency key, so it is stable across pages and reads.
   */
  public record Entry(
      UUID id,
      String kind,
      String channel,
      String recipient,
      UUID eventId,
      Instant occurrenceStart,
      Instant dueAt,
      Instant sentAt,
      int attempts,
      String status,
      String error) {}

  /** A page; {@code nextCursor} is empty on the last one. */
  public record Page(List<Entry> entries, Optional<String> nextCursor) {}

  /** Where the next page starts: after the row ({@code dueAt}, {@code key}). */
  public record Cursor(Instant dueAt, String key) {
    public String encode() {
      String text = dueAt.toEpochMilli() + "|" + key;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when {@code text} is not a cursor this class made. */
    public static Optional<Cursor> decode(String text) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        int bar = decoded.indexOf('|');
        if (bar <= 0 || bar == decoded.length() - 1) {
          return Optional.empty();
        }
        return Optional.of(
            new Cursor(
                Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, bar))),
                decoded.substring(bar + 1)));
      } catch (IllegalArgumentException e) { // bad base64 or number
        return Optional.empty();
      }
    }
  }

  private static final String COLUMNS =
      "due_at, key, kind, channel, recipient, event_id, occurrence_start, sent_at, attempts,"
          + " status, error";

  private final CqlSession session;
  private final PreparedStatement firstPage;
  private final PreparedStatement nextPage;

  public NotificationHistory(CqlSession session, String keyspace) {
    this.session = session;
    String from = " FROM " + keyspace + ".notifications_by_user WHERE user_id = ?";
    this.firstPage =
        session.prepare("SELECT " + COLUMNS + from + " AND due_at >= ? AND due_at < ? LIMIT ?");
    // A tuple bound resumes strictly after the last row, ties on due_at broken by key.
    this.nextPage =
        session.prepare(
            "SELECT " + COLUMNS + from + " AND (due_at, key) > (?, ?) AND (due_at) < (?) LIMIT ?");
  }

  /** Up to {@code limit} deliveries due in [start, end), after {@code after} when given. */
  public CompletionStage<Page> page(
      UUID userId, Instant start, Instant end, Optional<Cursor> after, int limit) {
    // One row more than asked tells whether there is a next page.
    var statement =
        after
            .filter(c -> !c.dueAt().isBefore(start))
            .map(c -> nextPage.bind(userId, c.dueAt(), c.key(), end, limit + 1))
            .orElseGet(() -> firstPage.bind(userId, start, end, limit + 1));
    return session.executeAsync(statement).thenApply(rs -> toPage(rs, limit));
  }

  private static Page toPage(AsyncResultSet rs, int limit) {
    List<Entry> entries = new ArrayList<>();
    Cursor last = null;
    boolean more = false;
    for (Row row : rs.currentPage()) {
      if (entries.size() == limit) {
        more = true;
        break;
      }
      String key = row.getString("key");
      last = new Cursor(row.getInstant("due_at"), key);
      entries.add(
          new Entry(
              UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)),
              row.getString("kind"),
              row.getString("channel"),
              row.getString("recipient"),
              row.getUuid("event_id"),
              row.getInstant("occurrence_start"),
              row.getInstant("due_at"),
              row.getInstant("sent_at"),
              row.isNull("attempts") ? 0 : row.getInt("attempts"),
              row.getString("status"),
              row.getString("error")));
    }
    return new Page(entries, more ? Optional.of(last.encode()) : Optional.empty());
  }
}
