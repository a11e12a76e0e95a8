package dev.calendar.devservers.outlook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.AccountEvents;
import dev.calendar.devservers.fakeapi.HttpCall;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.StoredEvent;
import dev.calendar.devservers.fakeapi.SyncCursors;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /me/calendarView/delta}: a full round over a window, paged with {@code $skiptoken} links,
 * ending in a {@code $deltatoken} link whose GET answers the changes since, with deleted and
 * cancelled items as {@code @removed}. On request the next incremental page also repeats the last
 * page delivered, as Graph sometimes does.
 */
final class GraphDelta {
  static final int DEFAULT_PAGE = 50;
  private static final Pattern MAX_PAGE = Pattern.compile("odata\\.maxpagesize=(\\d+)");

  private final GraphEvents events;
  private final Supplier<String> baseUrl;
  private final SyncCursors cursors = new SyncCursors();
  private final Map<String, List<JsonNode>> lastPage = new HashMap<>();
  private final Set<String> replayNext = new HashSet<>();

  GraphDelta(GraphEvents events, Supplier<String> baseUrl) {
    this.events = events;
    this.baseUrl = baseUrl;
  }

  synchronized void replayNextRound(String email) {
    replayNext.add(email);
  }

  synchronized void clear() {
    cursors.clear();
    lastPage.clear();
    replayNext.clear();
  }

  ObjectNode delta(String email, HttpCall call) {
    int pageSize = pageSize(call.header("Prefer"));
    SyncCursors.Page page;
    if (call.param("$skiptoken") != null) {
      page = cursors.next(call.param("$skiptoken"), pageSize);
      if (page == null) {
        throw syncStateNotFound();
      }
    } else if (call.param("$deltatoken") != null) {
      page = changes(email, call.param("$deltatoken"), pageSize);
    } else {
      page = full(email, call, pageSize);
    }
    synchronized (this) {
      lastPage.put(email, page.items());
    }
    String link = baseUrl.get() + "/v1.0/me/calendarView/delta?";
    ObjectNode out =
        Json.object().put("@odata.context", baseUrl.get() + "/v1.0/$metadata#Collection(event)");
    out.putArray("value").addAll(page.items());
    if (page.nextPageToken() != null) {
      out.put("@odata.nextLink", link + "$skiptoken=" + page.nextPageToken());
    } else {
      out.put("@odata.deltaLink", link + "$deltatoken=" + page.nextSyncToken());
    }
    return out;
  }

  private SyncCursors.Page full(String email, HttpCall call, int pageSize) {
    Instant min = instant(call, "startDateTime");
    Instant max = instant(call, "endDateTime");
    SyncCursors.Query query = new SyncCursors.Query(email, min, max, true);
    AccountEvents acct = events.account(email);
    synchronized (acct) {
      List<JsonNode> items =
          acct.all().stream()
              .filter(e -> !e.isMaster() && !gone(e) && e.overlaps(min, max))
              .sorted(Comparator.comparing(StoredEvent::start).thenComparing(StoredEvent::id))
              .map(e -> (JsonNode) e.json().deepCopy())
              .toList();
      return cursors.first(
          items, new SyncCursors.Cursor(query, acct.seq(), acct.cursorEpoch()), pageSize);
    }
  }

  private SyncCursors.Page changes(String email, String deltaToken, int pageSize) {
    AccountEvents acct = events.account(email);
    List<JsonNode> items = new ArrayList<>();
    synchronized (this) {
      if (replayNext.remove(email)) {
        items.addAll(lastPage.getOrDefault(email, List.of()));
      }
    }
    synchronized (acct) {
      SyncCursors.Cursor cursor = cursors.cursor(deltaToken);
      if (cursor == null
          || !cursor.query().account().equals(email)
          || cursor.epoch() != acct.cursorEpoch()) {
        throw syncStateNotFound();
      }
      SyncCursors.Query q = cursor.query();
      acct.all().stream()
          .filter(
              e -> !e.isMaster() && e.changeSeq() > cursor.seq() && e.overlaps(q.min(), q.max()))
          .sorted(Comparator.comparingLong(StoredEvent::changeSeq))
          .forEach(e -> items.add(gone(e) ? removed(e.id()) : e.json().deepCopy()));
      return cursors.first(
          items, new SyncCursors.Cursor(q, acct.seq(), acct.cursorEpoch()), pageSize);
    }
  }

  private static boolean gone(StoredEvent e) {
    return e.removed() || e.json().path("isCancelled").asBoolean();
  }

  private static JsonNode removed(String id) {
    ObjectNode out = Json.object().put("@odata.type", "#microsoft.graph.event").put("id", id);
    out.putObject("@removed").put("reason", "deleted");
    return out;
  }

  private static RuntimeException syncStateNotFound() {
    return GraphErrors.fail(
        410,
        "syncStateNotFound",
        "The sync state generation is not found or has expired. Please start a new sync round.");
  }

  private static int pageSize(String prefer) {
    if (prefer != null) {
      Matcher m = MAX_PAGE.matcher(prefer);
      if (m.find()) {
        return Math.max(1, Integer.parseInt(m.group(1)));
      }
    }
    return DEFAULT_PAGE;
  }

  private static Instant instant(HttpCall call, String name) {
    String v = call.param(name);
    if (v == null) {
      throw GraphErrors.fail(
          400,
          "ErrorInvalidParameter",
          "This request requires a time window specified by the query string parameters"
              + " StartDateTime and EndDateTime.");
    }
    try {
      return GraphTimes.parseTimestamp(v);
    } catch (DateTimeException e) {
      throw GraphErrors.fail(400, "ErrorInvalidParameter", "Invalid " + name + ": " + v);
    }
  }
}
