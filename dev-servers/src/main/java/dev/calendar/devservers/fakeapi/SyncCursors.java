package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Page tokens and sync (delta) tokens. A listing is computed once as a snapshot and handed out page
 * by page, so writes made while a client pages show up in its next incremental round instead of
 * being lost; the last page issues a cursor at the change number the snapshot was taken at.
 */
public final class SyncCursors {

  /** What a listing asked for: the account, the window, and whether series come as instances. */
  public record Query(String account, Instant min, Instant max, boolean singleEvents) {}

  /** A sync token's meaning: changes of the query after {@code seq}, while the epoch holds. */
  public record Cursor(Query query, long seq, long epoch) {}

  /** One page; exactly one of the two tokens is set. */
  public record Page(List<JsonNode> items, String nextPageToken, String nextSyncToken) {}

  private record Snapshot(List<JsonNode> items, int offset, Cursor cursorAtEnd) {}

  private final Map<String, Cursor> cursors = new HashMap<>();
  private final Map<String, Snapshot> pages = new HashMap<>();

  /** The first page of a snapshot taken at {@code cursorAtEnd}. */
  public synchronized Page first(List<JsonNode> items, Cursor cursorAtEnd, int pageSize) {
    return page(new Snapshot(items, 0, cursorAtEnd), pageSize);
  }

  /** The next page of a snapshot, or null for an unknown page token. */
  public synchronized Page next(String pageToken, int pageSize) {
    Snapshot s = pages.remove(pageToken);
    return s == null ? null : page(s, pageSize);
  }

  /** The cursor behind a sync token, or null when unknown. */
  public synchronized Cursor cursor(String syncToken) {
    return syncToken == null ? null : cursors.get(syncToken);
  }

  public synchronized void clear() {
    cursors.clear();
    pages.clear();
  }

  private Page page(Snapshot s, int pageSize) {
    int end = Math.min(s.items().size(), s.offset() + Math.max(1, pageSize));
    List<JsonNode> items = s.items().subList(s.offset(), end);
    if (end < s.items().size()) {
      String token = Ids.base64url(24);
      pages.put(token, new Snapshot(s.items(), end, s.cursorAtEnd()));
      return new Page(items, token, null);
    }
    String token = Ids.base64url(24);
    cursors.put(token, s.cursorAtEnd());
    return new Page(items, null, token);
  }
}
