package dev.calendar.devservers.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.AccountEvents;
import dev.calendar.devservers.fakeapi.EventAccounts;
import dev.calendar.devservers.fakeapi.Ids;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.StoredEvent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The events of every account, written as Google writes them: etag and {@code updated} renewed on
 * every write, deletes turning events into cancelled ones, series stored as master plus instances
 * re-expanded on every change of the master. Each write calls the change listener (channels) once,
 * after the account's lock is released.
 */
final class GoogleCalendars extends EventAccounts {
  private static final Pattern CLIENT_ID = Pattern.compile("[a-v0-9]{5,1024}");

  /** Fields the server owns: ignored when a client sends them. */
  private static final Set<String> SERVER_FIELDS =
      Set.of(
          "kind",
          "etag",
          "id",
          "created",
          "updated",
          "htmlLink",
          "recurringEventId",
          "originalStartTime");

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Consumer<String> onChange;

  GoogleCalendars(Consumer<String> onChange) {
    this.onChange = onChange;
  }

  ObjectNode insert(String email, ObjectNode body) {
    AccountEvents acct = account(email);
    ObjectNode result;
    synchronized (acct) {
      String id = Json.text(body, "id");
      if (id != null) {
        if (!CLIENT_ID.matcher(id).matches()) {
          throw GoogleErrors.fail(400, "invalid", "Invalid resource id value.");
        }
        if (acct.get(id) != null) {
          throw GoogleErrors.fail(409, "duplicate", "The requested identifier already exists.");
        }
      } else {
        id = Ids.base32hex(26);
      }
      String now = now();
      ObjectNode json = build(email, id, withoutServerFields(body), now);
      StoredEvent e = new StoredEvent(id, null, SeriesExpansion.isSeries(json));
      store(acct, e, json);
      result = e.json().deepCopy();
    }
    onChange.accept(email);
    return result;
  }

  /** PATCH: the given fields merged in ({@code start}/{@code end} replaced whole). */
  @Override
  public ObjectNode patch(String email, String id, ObjectNode body) {
    return write(
        email,
        id,
        existing -> {
          ObjectNode merged = existing.deepCopy();
          ObjectNode changes = withoutServerFields(body);
          for (String whole : List.of("start", "end", "recurrence")) {
            if (changes.has(whole)) {
              merged.set(whole, changes.remove(whole));
            }
          }
          Json.mergeInto(merged, changes);
          return merged;
        });
  }

  /** PUT: everything but the server's fields replaced. */
  ObjectNode replace(String email, String id, ObjectNode body) {
    return write(
        email,
        id,
        existing -> {
          ObjectNode replaced = withoutServerFields(body);
          for (String kept : SERVER_FIELDS) {
            if (existing.has(kept)) {
              replaced.set(kept, existing.get(kept));
            }
          }
          return replaced;
        });
  }

  /** DELETE: cancelled (a master with all its instances); 410 when already cancelled. */
  @Override
  public void delete(String email, String id) {
    AccountEvents acct = account(email);
    synchronized (acct) {
      StoredEvent e = find(acct, id);
      if (e.removed()) {
        throw GoogleErrors.fail(410, "deleted", "Resource has been deleted");
      }
      ObjectNode json = e.json().deepCopy();
      json.put("status", "cancelled");
      if (e.isInstance()) {
        e.setOverridden(true);
      }
      store(acct, e, json);
    }
    onChange.accept(email);
  }

  private interface Change {
    ObjectNode apply(ObjectNode existing);
  }

  private ObjectNode write(String email, String id, Change change) {
    AccountEvents acct = account(email);
    ObjectNode result;
    synchronized (acct) {
      StoredEvent e = find(acct, id);
      ObjectNode json = change.apply(e.json());
      if (e.isInstance()) {
        // An instance stays one: it may move, but cannot become a series of its own.
        json.remove("recurrence");
        e.setOverridden(true);
      } else if (e.isMaster() != SeriesExpansion.isSeries(json)) {
        throw GoogleErrors.fail(
            400, "invalid", "Turning a single event into a series (or back) is not supported.");
      }
      store(acct, e, build(email, id, json, Json.text(e.json(), "created")));
      result = e.json().deepCopy();
    }
    onChange.accept(email);
    return result;
  }

  @Override
  protected StoredEvent find(AccountEvents acct, String id) {
    StoredEvent e = acct.get(id);
    if (e == null) {
      throw GoogleErrors.fail(404, "notFound", "Not Found");
    }
    return e;
  }

  /**
   * The stored form of a client's event: Google's fields first, the client's as given, start and
   * end normalized to Google's way of writing them.
   */
  private static ObjectNode build(String email, String id, ObjectNode body, String created) {
    ObjectNode json = Json.object().put("kind", "calendar#event").put("etag", "").put("id", id);
    String status = Json.text(body, "status");
    if (status == null) {
      status = "confirmed";
    } else if (!Set.of("confirmed", "tentative", "cancelled").contains(status)) {
      throw GoogleErrors.fail(400, "invalid", "Invalid value for: status");
    }
    json.put("status", status);
    json.setAll(withoutServerFields(body));
    json.put("status", status);
    if (body.has("recurringEventId")) {
      json.set("recurringEventId", body.get("recurringEventId"));
      json.set("originalStartTime", body.get("originalStartTime"));
    }
    try {
      EventTime start = EventTime.parse(body, "start");
      EventTime end = EventTime.parse(body, "end");
      if (start.allDay() != end.allDay()) {
        throw new IllegalArgumentException(
            "Start and end times must either both be date or both be dateTime.");
      }
      if (end.point().isBefore(start.point())) {
        throw new IllegalArgumentException("The specified time range is empty.");
      }
      json.set("start", start.toJson());
      json.set("end", end.toJson());
    } catch (IllegalArgumentException e) {
      throw GoogleErrors.fail(400, "required", e.getMessage());
    }
    json.put("created", created);
    json.put("updated", created);
    if (!json.hasNonNull("iCalUID")) {
      json.put("iCalUID", id + "@google.com");
    }
    if (!json.hasNonNull("transparency")) {
      json.put("transparency", "opaque");
    }
    for (String person : List.of("creator", "organizer")) {
      if (!json.has(person)) {
        json.putObject(person).put("email", email).put("self", true);
      }
    }
    return json;
  }

  private static ObjectNode withoutServerFields(ObjectNode body) {
    ObjectNode copy = body.deepCopy();
    copy.remove(SERVER_FIELDS);
    return copy;
  }

  /** Puts the new JSON on the event, stamps it, and for a master re-expands its instances. */
  private static void store(AccountEvents acct, StoredEvent e, ObjectNode json) {
    e.setJson(json);
    e.setRemoved("cancelled".equals(Json.text(json, "status")));
    EventTime start = EventTime.parse(json, "start");
    EventTime end = EventTime.parse(json, "end");
    e.setSpan(start.point(), end.point());
    acct.put(e);
    stamp(acct, e);
    if (e.isMaster()) {
      expand(acct, e);
    }
  }

  private static void expand(AccountEvents acct, StoredEvent master) {
    Map<String, SeriesExpansion.Instance> fresh;
    try {
      fresh = SeriesExpansion.instances(master.json());
    } catch (IllegalArgumentException | DateTimeException ex) {
      throw GoogleErrors.fail(400, "invalid", "Invalid recurrence rule: " + ex.getMessage());
    }
    for (StoredEvent old : acct.instancesOf(master.id())) {
      SeriesExpansion.Instance now = fresh.remove(old.id());
      if (master.removed() || now == null) {
        if (!old.removed()) {
          ObjectNode json = old.json().deepCopy().put("status", "cancelled");
          old.setJson(json);
          old.setRemoved(true);
          stamp(acct, old);
        }
      } else if (!old.overridden() && !sameContent(old.json(), now.json())) {
        now.json().put("created", Json.text(old.json(), "created"));
        old.setJson(now.json());
        old.setSpan(now.start().point(), now.end().point());
        old.setRemoved("cancelled".equals(Json.text(now.json(), "status")));
        stamp(acct, old);
      }
    }
    if (!master.removed()) {
      for (SeriesExpansion.Instance i : fresh.values()) {
        StoredEvent e = new StoredEvent(i.id(), master.id(), false);
        e.setJson(i.json());
        e.setSpan(i.start().point(), i.end().point());
        e.setRemoved("cancelled".equals(Json.text(i.json(), "status")));
        acct.put(e);
        stamp(acct, e);
      }
    }
    Instant first = master.start();
    Instant last = master.end();
    for (StoredEvent i : acct.instancesOf(master.id())) {
      first = i.start().isBefore(first) ? i.start() : first;
      last = i.end().isAfter(last) ? i.end() : last;
    }
    master.setSpan(first, last);
  }

  private static boolean sameContent(JsonNode a, JsonNode b) {
    ObjectNode x = a.deepCopy();
    ObjectNode y = b.deepCopy();
    for (ObjectNode n : List.of(x, y)) {
      n.remove(List.of("etag", "updated", "created"));
    }
    return x.equals(y);
  }

  /** A new change number, etag and {@code updated}. */
  private static void stamp(AccountEvents acct, StoredEvent e) {
    long seq = acct.touch(e);
    e.json().put("etag", "\"" + seq + "\"");
    e.json().put("updated", now());
  }

  /** RFC 3339 in UTC with milliseconds, as Google writes {@code created} and {@code updated}. */
  private static String now() {
    return TIMESTAMP.format(Instant.now());
  }
}
