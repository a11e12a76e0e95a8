package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** The last API and token requests, newest last, for {@code GET /dev/requests}. */
public final class RequestLog {
  static final int KEPT = 10_000;

  private record Entry(String method, String path, String query, int status, Instant at) {}

  private final Deque<Entry> entries = new ArrayDeque<>();

  public synchronized void add(String method, String path, String query, int status) {
    entries.addLast(new Entry(method, path, query, status, Instant.now()));
    while (entries.size() > KEPT) {
      entries.removeFirst();
    }
  }

  public synchronized void clear() {
    entries.clear();
  }

  /** {@code {"items":[{"method","path","query","status","at"}]}}. */
  public synchronized ObjectNode toJson() {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    for (Entry e : entries) {
      items
          .addObject()
          .put("method", e.method())
          .put("path", e.path())
          .put("query", e.query())
          .put("status", e.status())
          .put("at", e.at().toString());
    }
    return out;
  }
}
