package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ICS import on a real node: the imported events are busy in availability, a booking over them is a
 * 409 naming the import, booking-page slots over them are not listed; a re-import replaces by UID;
 * bad files are 4xx naming the line and change nothing.
 */
class CalendarImportIT {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  private record User(String id, String token) {
    Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + token);
    }

    Map<String, String> ics() {
      return Map.of("Authorization", "Bearer " + token, Api.CONTENT_TYPE, "text/calendar");
    }
  }

  private static User user() {
    JsonNode body = api.signUp(Api.uniqueEmail("importer"), "password1");
    return new User(body.get("id").asText(), body.get("token").asText());
  }

  /** A day two weeks from now in Berlin. */
  private static final LocalDate DAY = LocalDate.now(BERLIN).plusDays(14);

  private static String local(String time) {
    return DAY.toString().replace("-", "") + "T" + time.replace(":", "") + "00";
  }

  private static Instant berlin(String time) {
    return DAY.atTime(java.time.LocalTime.parse(time)).atZone(BERLIN).toInstant();
  }

  private static String calendar(String... events) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//import//EN\r\n"
        + String.join("", events)
        + "END:VCALENDAR\r\n";
  }

  private static String event(String uid, String from, String to, String... more) {
    return "BEGIN:VEVENT\r\nUID:"
        + uid
        + "\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=Europe/Berlin:"
        + local(from)
        + "\r\nDTEND;TZID=Europe/Berlin:"
        + local(to)
        + "\r\nSUMMARY:private\r\n"
        + String.join("", more)
        + "END:VEVENT\r\n";
  }

  private static Api.Response importIcs(User u, String source, String ics) {
    return api.send("POST", "/users/" + u.id() + "/calendar/import?source=" + source, ics, u.ics());
  }

  private static List<String> busy(User u) {
    Instant from = berlin("00:00");
    var r =
        api.get(
            "/users/" + u.id() + "/availability?start=" + from + "&end=" + from.plusSeconds(86400),
            u.token());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    List<String> spans = new ArrayList<>();
    r.json()
        .get("busy")
        .forEach(b -> spans.add(b.get("start").asText() + "/" + b.get("end").asText()));
    return spans;
  }

  private static String span(String from, String to) {
    return berlin(from) + "/" + berlin(to);
  }

  private static Api.Response book(User u, String from, String to) {
    return api.send(
        "POST",
        "/events",
        "{\"title\":\"Sync\",\"start\":\"" + berlin(from) + "\",\"end\":\"" + berlin(to) + "\"}",
        u.auth());
  }

  @Test
  void importedEventsAreBusyAndABookingOverThemIsAConflictNamingTheImport() {
    User u = user();
    var imported =
        importIcs(
            u,
            "dentist",
            calendar(
                event("dentist-1", "10:00", "11:00"),
                event("lunch", "12:00", "13:00", "TRANSP:TRANSPARENT\r\n"),
                event("gone", "14:00", "15:00", "STATUS:CANCELLED\r\n")));

    assertThat(imported.status()).as("%s", imported).isEqualTo(200);
    assertThat(imported.json().get("imported").asInt()).isEqualTo(1);
    assertThat(imported.json().get("skipped").asInt()).isEqualTo(2);
    assertThat(busy(u)).containsExactly(span("10:00", "11:00"));

    var conflict = book(u, "10:30", "11:30");
    assertThat(conflict.status()).as("%s", conflict).isEqualTo(409);
    JsonNode first = conflict.json().get("conflicts").get(0);
    assertThat(first.get("source").asText()).isEqualTo("import:dentist");
    assertThat(first.has("eventId")).isFalse();
    assertThat(book(u, "12:00", "13:00").status()).isEqualTo(201);
  }

  @Test
  void aReimportReplacesByUidAndNeverDuplicates() {
    User u = user();
    importIcs(
        u,
        "work",
        calendar(
            event("a", "09:00", "10:00"),
            event("b", "11:00", "12:00"),
            event("c", "13:00", "14:00")));

    var again =
        importIcs(
            u,
            "work",
            calendar(
                event("a", "09:00", "10:00"),
                event("b", "11:30", "12:30"),
                event("d", "16:00", "17:00")));

    assertThat(again.status()).as("%s", again).isEqualTo(200);
    assertThat(again.json().get("imported").asInt()).isEqualTo(1);
    assertThat(again.json().get("updated").asInt()).isEqualTo(1);
    assertThat(again.json().get("removed").asInt()).isEqualTo(1);
    assertThat(again.json().get("unchanged").asInt()).isEqualTo(1);
    assertThat(busy(u))
        .containsExactly(span("09:00", "10:00"), span("11:30", "12:30"), span("16:00", "17:00"));

    var emptied = importIcs(u, "work", calendar());
    assertThat(emptied.json().get("removed").asInt()).isEqualTo(3);
    assertThat(busy(u)).isEmpty();
  }

  @Test
  void importedBusyTimeHidesBookingPageSlots() {
    User u = user();
    StringBuilder weekly = new StringBuilder();
    for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
      weekly.append(weekly.length() == 0 ? "" : ",");
      weekly.append('"').append(day).append("\":[{\"start\":\"09:00\",\"end\":\"12:00\"}]");
    }
    api.send(
        "PUT",
        "/users/" + u.id() + "/availability-rules",
        "{\"timezone\":\"Europe/Berlin\",\"weekly\":{" + weekly + "}}",
        u.auth());
    var type =
        api.send(
            "POST",
            "/users/" + u.id() + "/event-types",
            "{\"slug\":\"chat\",\"title\":\"Chat\",\"duration\":\"PT1H\"}",
            u.auth());
    assertThat(type.status()).as("%s", type).isEqualTo(201);
    assertThat(slots(u)).containsExactly(berlin("09:00"), berlin("10:00"), berlin("11:00"));

    importIcs(u, "default", calendar(event("x", "10:15", "10:45")));

    assertThat(slots(u)).containsExactly(berlin("09:00"), berlin("11:00"));
  }

  private static List<Instant> slots(User u) {
    Instant from = berlin("00:00");
    var r =
        api.send(
            "GET",
            "/book/" + u.id() + "/chat/slots?start=" + from + "&end=" + from.plusSeconds(86400),
            null,
            Map.of());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    List<Instant> starts = new ArrayList<>();
    r.json().get("slots").forEach(s -> starts.add(Instant.parse(s.get("start").asText())));
    return starts;
  }

  @Test
  void badFilesAreFourHundredsNamingTheLineAndChangeNothing() {
    User u = user();
    importIcs(u, "work", calendar(event("keep", "09:00", "10:00")));

    var unknownZone =
        importIcs(
            u,
            "work",
            calendar(
                event("new", "11:00", "12:00"),
                "BEGIN:VEVENT\r\nUID:mars\r\nDTSTAMP:20270101T000000Z\r\n"
                    + "DTSTART;TZID=Mars/Olympus:"
                    + local("13:00")
                    + "\r\nDTEND;TZID=Mars/Olympus:"
                    + local("14:00")
                    + "\r\nEND:VEVENT\r\n"));
    unknownZone.assertProblem(400, List.of("body"));
    assertThat(unknownZone.text()).contains("line 14");

    var garbageRule =
        importIcs(u, "work", calendar(event("r", "11:00", "12:00", "RRULE:FREQ=SOMETIMES\r\n")));
    garbageRule.assertProblem(400, List.of("body"));
    assertThat(garbageRule.text()).contains("line 10");

    importIcs(u, "work", "this is not a calendar").assertProblem(400, List.of("body"));
    api.send("POST", "/users/" + u.id() + "/calendar/import?source=Bad_Name", calendar(), u.ics())
        .assertProblem(400, List.of("source"));
    assertThat(
            api.send("POST", "/users/" + u.id() + "/calendar/import", calendar(), u.auth())
                .status())
        .isEqualTo(415);
    assertThat(importIcs(u, "work", "X".repeat(2 * 1024 * 1024)).status()).isEqualTo(413);
    User other = user();
    assertThat(
            api.send("POST", "/users/" + other.id() + "/calendar/import", calendar(), u.ics())
                .status())
        .isEqualTo(403);

    assertThat(busy(u)).containsExactly(span("09:00", "10:00"));
  }
}
