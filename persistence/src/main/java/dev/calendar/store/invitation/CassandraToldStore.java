package dev.calendar.store.invitation;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.calendar.invitation.Told;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** {@link ToldStore} on the table {@code meeting_recipients}, one partition per meeting. */
public final class CassandraToldStore implements ToldStore {
  private final CqlSession session;
  private final Executor executor;
  private final PreparedStatement select;
  private final PreparedStatement upsert;

  /** {@code executor}: where callbacks run (the system's dispatcher, not the common pool). */
  public CassandraToldStore(CqlSession session, String keyspace, Executor executor) {
    this.session = session;
    this.executor = executor;
    this.select =
        session.prepare(
            "SELECT recipient, fingerprint, sequence FROM "
                + keyspace
                + ".meeting_recipients WHERE event_id = ?");
    this.upsert =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".meeting_recipients (event_id, recipient, fingerprint, sequence)"
                + " VALUES (?, ?, ?, ?)");
  }

  @Override
  public CompletionStage<Map<String, Told>> load(UUID eventId) {
    return session
        .executeAsync(select.bind(eventId))
        .thenComposeAsync(rs -> collect(rs, new HashMap<>()), executor);
  }

  /** A meeting has few recipients, but page through in case it has more than a page. */
  private CompletionStage<Map<String, Told>> collect(AsyncResultSet rs, Map<String, Told> into) {
    for (Row row : rs.currentPage()) {
      into.put(
          row.getString("recipient"),
          new Told(row.getString("fingerprint"), row.getLong("sequence")));
    }
    if (!rs.hasMorePages()) {
      return CompletableFuture.completedFuture(into);
    }
    return rs.fetchNextPage().thenComposeAsync(next -> collect(next, into), executor);
  }

  @Override
  public CompletionStage<Void> save(UUID eventId, Map<String, Told> told) {
    // One partition: writes are independent upserts, so a retry after a partial failure is safe.
    CompletableFuture<?>[] writes =
        told.entrySet().stream()
            .map(
                e ->
                    session
                        .executeAsync(
                            upsert.bind(
                                eventId,
                                e.getKey(),
                                e.getValue().fingerprint(),
                                e.getValue().sequence()))
                        .toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(writes).thenApplyAsync(done -> null, executor);
  }
}
