package dev.calendar.devservers.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.AccountEvents;
import dev.calendar.devservers.fakeapi.HttpCall;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.StoredEvent;
import dev.calendar.devservers.fakeapi.SyncCursors;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code events.list}: a full listing of a window, or with {@code syncToken} the changes since the
 * token, both paged from a snapshot and ending in a new {@code nextSyncToken}.
 */
final class GoogleListing {
  static final int DEFAULT_PAGE = 250;
  static final int MAX_PAGE = 2500;

  /** Parameters Google refuses together with a sync token. */
  private static final List<String> NOT_WITH_SYNC_TOKEN =
      List.of(
          "timeMin",
          "timeMax",
          "orderBy",
          "q",
          "updatedMin",
          "iCalUID",
          "privateExtendedProperty",
          "sharedExtendedProperty");

  private final GoogleCalendars calendars;
  private final SyncCursors cursors = new SyncCursors();

  GoogleListing(GoogleCalendars calendars) {
    this.calendars = calendars;
  }

  void clear() {
    cursors.clear();
  }

  ObjectNode list(String email, HttpCall call) {
    int pageSize = pageSize(call);
    SyncCursors.Page page;
    String pageToken = call.param("pageToken");
    String syncToken = call.param("syncToken");
    if (pageToken != null) {
      page = cursors.next(pageToken, pageSize);
      if (page == null) {
        throw GoogleErrors.fail(400, "invalid", "Invalid pageToken value.");
      }
    } else if (syncToken != null) {
      page = incremental(email, syncToken, call, pageSize);
    } else {
      page = full(email, call, pageSize);
    }
    ObjectNode out =
        Json.object()
            .put("kind", "calendar#events")
            .put("etag", "\"" + System.nanoTime() + "\"")
            .put("summary", email)
            .put("updated", Instant.now().toString())
            .put("timeZone", "UTC")
            .put("accessRole", "owner");
    out.putArray("defaultReminders");
    out.putArray("items").addAll(page.items());
    if (page.nextPageToken() != null) {
      out.put("nextPageToken", page.nextPageToken());
    } else {
      out.put("nextSyncToken", page.nextSyncToken());
    }
    return out;
  }

  private SyncCursors.Page full(String email, HttpCall call, int pageSize) {
    SyncCursors.Query query =
        new SyncCursors.Query(
            email,
            instant(call, "timeMin"),
            instant(call, "timeMax"),
            "true".equals(call.param("singleEvents")));
    boolean showDeleted = "true".equals(call.param("showDeleted"));
    AccountEvents acct = calendars.account(email);
    synchronized (acct) {
      List<JsonNode> items = select(acct, query, e -> showDeleted || !e.removed(), byStart());
      return cursors.first(
          items, new SyncCursors.Cursor(query, acct.seq(), acct.cursorEpoch()), pageSize);
    }
  }

  private SyncCursors.Page incremental(
      String email, String syncToken, HttpCall call, int pageSize) {
    for (String p : NOT_WITH_SYNC_TOKEN) {
      if (call.hasParam(p)) {
        throw GoogleErrors.fail(
            400, "invalidParameter", "Parameter " + p + " cannot be used with syncToken.");
      }
    }
    AccountEvents acct = calendars.account(email);
    synchronized (acct) {
      SyncCursors.Cursor cursor = cursors.cursor(syncToken);
      if (cursor == null
          || !cursor.query().account().equals(email)
          || cursor.epoch() != acct.cursorEpoch()) {
        throw GoogleErrors.fail(
            410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
      }
      List<JsonNode> items =
          select(
              acct,
              cursor.query(),
              e -> e.changeSeq() > cursor.seq(),
              Comparator.comparingLong(StoredEvent::changeSeq));
      return cursors.first(
          items, new SyncCursors.Cursor(cursor.query(), acct.seq(), acct.cursorEpoch()), pageSize);
    }
  }

  /**
   * With singleEvents instances and single events, never masters; without, masters, single events,
   * and instances changed on their own (Google's exceptions).
   */
  private static List<JsonNode> select(
      AccountEvents acct,
      SyncCursors.Query query,
      Predicate<StoredEvent> wanted,
      Comparator<StoredEvent> order) {
    return acct.all().stream()
        .filter(e -> query.singleEvents() ? !e.isMaster() : !e.isInstance() || e.overridden())
        .filter(e -> e.overlaps(query.min(), query.max()))
        .filter(wanted)
        .sorted(order)
        .map(e -> (JsonNode) e.json().deepCopy())
        .toList();
  }

  private static Comparator<StoredEvent> byStart() {
    return Comparator.comparing(StoredEvent::start).thenComparing(StoredEvent::id);
  }

  private static int pageSize(HttpCall call) {
    String max = call.param("maxResults");
    if (max == null) {
      return DEFAULT_PAGE;
    }
    try {
      int n = Integer.parseInt(max);
      if (n < 1) {
        throw GoogleErrors.fail(400, "invalid", "Invalid value for: maxResults");
      }
      return Math.min(n, MAX_PAGE);
    } catch (NumberFormatException e) {
      throw GoogleErrors.fail(400, "invalid", "Invalid value for: maxResults");
    }
  }

  private static Instant instant(HttpCall call, String name) {
    String v = call.param(name);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeException e) {
      throw GoogleErrors.fail(400, "badRequest", "Bad Request: " + name + " must be RFC 3339");
    }
  }
}
