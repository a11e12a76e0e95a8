package dev.calendar.app;

import static dev.calendar.app.BusyDay.berlin;
import static dev.calendar.app.BusyDay.book;
import static dev.calendar.app.BusyDay.busy;
import static dev.calendar.app.BusyDay.calendar;
import static dev.calendar.app.BusyDay.event;
import static dev.calendar.app.BusyDay.local;
import static dev.calendar.app.BusyDay.openChatPage;
import static dev.calendar.app.BusyDay.slots;
import static dev.calendar.app.BusyDay.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.app.BusyDay.User;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ICS import on a real node: the imported events are busy in availability, a booking over them is a
 * 409 naming the import, booking-page slots over them are not listed; a re-import replaces by UID;
 * bad files are 4xx naming the line and change nothing.
 */
class CalendarImportIT {
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  private static User user() {
    return BusyDay.user(api, "importer");
  }

  private static Api.Response importIcs(User u, String source, String ics) {
    return api.send("POST", "/users/" + u.id() + "/calendar/import?source=" + source, ics, u.ics());
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
    assertThat(busy(api, u)).containsExactly(span("10:00", "11:00"));

    var conflict = book(api, u, "10:30", "11:30");
    assertThat(conflict.status()).as("%s", conflict).isEqualTo(409);
    JsonNode first = conflict.json().get("conflicts").get(0);
    assertThat(first.get("source").asText()).isEqualTo("import:dentist");
    assertThat(first.has("eventId")).isFalse();
    assertThat(book(api, u, "12:00", "13:00").status()).isEqualTo(201);
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
    assertThat(busy(api, u))
        .containsExactly(span("09:00", "10:00"), span("11:30", "12:30"), span("16:00", "17:00"));

    var emptied = importIcs(u, "work", calendar());
    assertThat(emptied.json().get("removed").asInt()).isEqualTo(3);
    assertThat(busy(api, u)).isEmpty();
  }

  @Test
  void importedBusyTimeHidesBookingPageSlots() {
    User u = user();
    openChatPage(api, u);
    assertThat(slots(api, u)).containsExactly(berlin("09:00"), berlin("10:00"), berlin("11:00"));

    importIcs(u, "default", calendar(event("x", "10:15", "10:45")));

    assertThat(slots(api, u)).containsExactly(berlin("09:00"), berlin("11:00"));
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

    assertThat(busy(api, u)).containsExactly(span("09:00", "10:00"));
  }
}
