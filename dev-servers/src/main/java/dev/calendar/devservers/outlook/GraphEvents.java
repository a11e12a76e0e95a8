package dev.calendar.devservers.outlook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.AccountEvents;
import dev.calendar.devservers.fakeapi.EventAccounts;
import dev.calendar.devservers.fakeapi.Ids;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.StoredEvent;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events of every account, written as Exchange writes them: a new change key on every write,
 * times kept as instants and answered in UTC, series stored as master plus occurrences, deleted
 * items kept (hidden from the API) so that delta rounds and the admin listing can show them.
 */
final class GraphEvents extends EventAccounts {

  /** Told once per write, after the account's lock is released. */
  interface Listener {
    void changed(String account, String changeType, ObjectNode event);
  }

  /** What a create answered, and whether it made a new event (not a transactionId repeat). */
  record Created(ObjectNode event, boolean isNew) {}

  private static final Set<String> SERVER_FIELDS =
      Set.of(
          "@odata.etag",
          "@odata.context",
          "id",
          "changeKey",
          "createdDateTime",
          "lastModifiedDateTime",
          "type",
          "seriesMasterId",
          "isDeleted",
          "originalStartTimeZone",
          "originalEndTimeZone");
  private static final Set<String> SHOW_AS =
      Set.of("free", "tentative", "busy", "oof", "workingElsewhere", "unknown");

  private final Listener listener;

  GraphEvents(Listener listener) {
    this.listener = listener;
  }

  Created create(String email, ObjectNode body) {
    AccountEvents acct = account(email);
    ObjectNode result;
    synchronized (acct) {
      String transactionId = Json.text(body, "transactionId");
      if (transactionId != null) {
        for (StoredEvent e : acct.all()) {
          if (!e.removed() && transactionId.equals(Json.text(e.json(), "transactionId"))) {
            return new Created(e.json().deepCopy(), false);
          }
        }
      }
      String id = "AAMkAD" + Ids.base64url(33);
      boolean series = body.hasNonNull("recurrence");
      String now = GraphTimes.timestamp(Instant.now());
      StoredEvent e = new StoredEvent(id, null, series);
      store(
          acct,
          e,
          build(id, clientFields(body), now, series ? "seriesMaster" : "singleInstance", null));
      result = e.json().deepCopy();
    }
    listener.changed(email, "created", result);
    return new Created(result, true);
  }

  /** PATCH: given fields merged in; an occurrence so changed becomes an exception. */
  @Override
  public ObjectNode patch(String email, String id, ObjectNode body) {
    AccountEvents acct = account(email);
    ObjectNode result;
    synchronized (acct) {
      StoredEvent e = find(acct, id);
      ObjectNode merged = e.json().deepCopy();
      ObjectNode changes = clientFields(body);
      for (String whole : List.of("start", "end", "recurrence")) {
        if (changes.has(whole)) {
          merged.set(whole, changes.remove(whole));
        }
      }
      Json.mergeInto(merged, changes);
      String type = Json.text(e.json(), "type");
      if (e.isInstance()) {
        merged.remove("recurrence");
        e.setOverridden(true);
        type = "exception";
      } else if (e.isMaster() != merged.hasNonNull("recurrence")) {
        throw GraphErrors.fail(
            400, "ErrorInvalidRequest", "Turning a single event into a series is not supported.");
      }
      store(acct, e, build(id, merged, Json.text(e.json(), "createdDateTime"), type, e.masterId()));
      result = e.json().deepCopy();
    }
    listener.changed(email, "updated", result);
    return result;
  }

  /** DELETE: gone from the API (a master with its occurrences); 404 when already gone. */
  @Override
  public void delete(String email, String id) {
    AccountEvents acct = account(email);
    ObjectNode result;
    synchronized (acct) {
      StoredEvent e = find(acct, id);
      remove(acct, e);
      if (e.isMaster()) {
        for (StoredEvent o : acct.instancesOf(e.id())) {
          if (!o.removed()) {
            remove(acct, o);
          }
        }
      } else if (e.isInstance()) {
        e.setOverridden(true);
      }
      result = e.json().deepCopy();
    }
    listener.changed(email, "deleted", result);
  }

  private static void remove(AccountEvents acct, StoredEvent e) {
    e.setRemoved(true);
    stamp(acct, e);
  }

  @Override
  protected StoredEvent find(AccountEvents acct, String id) {
    StoredEvent e = acct.get(id);
    if (e == null || e.removed()) {
      throw GraphErrors.fail(
          404, "ErrorItemNotFound", "The specified object was not found in the store.");
    }
    return e;
  }

  private static ObjectNode clientFields(ObjectNode body) {
    ObjectNode copy = body.deepCopy();
    copy.remove(SERVER_FIELDS);
    return copy;
  }

  /** The stored form: Graph's fields in Graph's order, the client's as given, times in UTC. */
  private static ObjectNode build(
      String id, ObjectNode in, String created, String type, String seriesMasterId) {
    ObjectNode json =
        Json.object()
            .put("@odata.etag", "")
            .put("id", id)
            .put("createdDateTime", created)
            .put("lastModifiedDateTime", created)
            .put("changeKey", "");
    json.putArray("categories");
    json.putNull("transactionId");
    json.put("subject", "");
    json.putObject("body").put("contentType", "text").put("content", "");
    json.putObject("location").put("displayName", "");
    json.setAll(in);
    boolean allDay = in.path("isAllDay").asBoolean(false);
    json.put("isAllDay", allDay);
    String showAs = Json.text(in, "showAs");
    if (showAs != null && !SHOW_AS.contains(showAs)) {
      throw GraphErrors.fail(400, "ErrorInvalidRequest", "Invalid showAs value " + showAs);
    }
    json.put("showAs", showAs == null ? "busy" : showAs);
    json.put("isCancelled", in.path("isCancelled").asBoolean(false));
    json.put("type", type);
    json.put("seriesMasterId", seriesMasterId);
    if (!json.has("recurrence")) {
      json.putNull("recurrence");
    }
    try {
      JsonNode start = in.get("start");
      JsonNode end = in.get("end");
      if (start == null || end == null || !start.isObject() || !end.isObject()) {
        throw new IllegalArgumentException("An event needs both start and end.");
      }
      Instant s =
          allDay
              ? GraphTimes.midnight(GraphTimes.date(start, "start"))
              : GraphTimes.instant(start, "start");
      Instant e =
          allDay
              ? GraphTimes.midnight(GraphTimes.date(end, "end"))
              : GraphTimes.instant(end, "end");
      if (e.isBefore(s)) {
        throw new IllegalArgumentException("The end of an event must not be before its start.");
      }
      String zone = Json.text(start, "timeZone");
      json.put("originalStartTimeZone", zone == null ? "UTC" : zone);
      String endZone = Json.text(end, "timeZone");
      json.put("originalEndTimeZone", endZone == null ? "UTC" : endZone);
      GraphTimes.zone(zone);
      json.set("start", GraphTimes.toJson(s));
      json.set("end", GraphTimes.toJson(e));
    } catch (IllegalArgumentException ex) {
      throw GraphErrors.fail(400, "ErrorInvalidRequest", ex.getMessage());
    }
    return json;
  }

  private static void store(AccountEvents acct, StoredEvent e, ObjectNode json) {
    e.setJson(json);
    e.setSpan(
        GraphTimes.instant(json.get("start"), "start"), GraphTimes.instant(json.get("end"), "end"));
    acct.put(e);
    stamp(acct, e);
    if (e.isMaster()) {
      expand(acct, e);
    }
  }

  /** Re-creates the occurrences of a master; occurrences changed on their own are kept. */
  private static void expand(AccountEvents acct, StoredEvent master) {
    Map<String, ObjectNode> fresh = occurrences(master);
    for (StoredEvent old : acct.instancesOf(master.id())) {
      ObjectNode now = fresh.remove(old.id());
      if (now == null) {
        if (!old.removed()) {
          remove(acct, old);
        }
      } else if (!old.overridden() && !sameContent(old.json(), now)) {
        old.setJson(now);
        setSpanFromJson(old);
        stamp(acct, old);
      }
    }
    for (Map.Entry<String, ObjectNode> f : fresh.entrySet()) {
      StoredEvent o = new StoredEvent(f.getKey(), master.id(), false);
      o.setJson(f.getValue());
      setSpanFromJson(o);
      acct.put(o);
      stamp(acct, o);
    }
    Instant first = master.start();
    Instant last = master.end();
    for (StoredEvent o : acct.instancesOf(master.id())) {
      first = o.start().isBefore(first) ? o.start() : first;
      last = o.end().isAfter(last) ? o.end() : last;
    }
    master.setSpan(first, last);
  }

  private static void setSpanFromJson(StoredEvent e) {
    e.setSpan(
        GraphTimes.instant(e.json().get("start"), "start"),
        GraphTimes.instant(e.json().get("end"), "end"));
  }

  private static Map<String, ObjectNode> occurrences(StoredEvent master) {
    ObjectNode m = master.json();
    boolean allDay = m.path("isAllDay").asBoolean();
    ZoneId zone = GraphTimes.zone(Json.text(m, "originalStartTimeZone"));
    Instant start = master.start();
    Duration length = Duration.between(start, master.end());
    LocalDateTime localStart =
        allDay
            ? LocalDateTime.ofInstant(start, ZoneOffset.UTC)
            : LocalDateTime.ofInstant(start, zone);
    List<LocalDateTime> starts;
    try {
      starts = GraphRecurrence.occurrences(m.get("recurrence"), localStart, allDay, zone);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw GraphErrors.fail(400, "ErrorInvalidRequest", "Invalid recurrence: " + e.getMessage());
    }
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (LocalDateTime local : starts) {
      Instant s =
          allDay
              ? GraphTimes.midnight(LocalDate.from(local))
              : ZonedDateTime.ofLocal(local, zone, null).toInstant();
      String id = "AAMkAD" + Ids.base64url(master.id().substring(6) + "|" + s.getEpochSecond());
      ObjectNode o = m.deepCopy();
      o.put("id", id);
      o.put("type", "occurrence");
      o.put("seriesMasterId", master.id());
      o.putNull("recurrence");
      o.putNull("transactionId");
      o.set("start", GraphTimes.toJson(s));
      o.set("end", GraphTimes.toJson(s.plus(length)));
      out.put(id, o);
    }
    return out;
  }

  private static boolean sameContent(JsonNode a, JsonNode b) {
    ObjectNode x = a.deepCopy();
    ObjectNode y = b.deepCopy();
    for (ObjectNode n : List.of(x, y)) {
      n.remove(List.of("@odata.etag", "changeKey", "lastModifiedDateTime", "createdDateTime"));
    }
    return x.equals(y);
  }

  /** A new change number, change key, etag and modification time. */
  private static void stamp(AccountEvents acct, StoredEvent e) {
    acct.touch(e);
    String changeKey = Ids.base64url(12);
    e.json().put("changeKey", changeKey);
    e.json().put("@odata.etag", "W/\"" + changeKey + "\"");
    e.json().put("lastModifiedDateTime", GraphTimes.timestamp(Instant.now()));
  }
}
