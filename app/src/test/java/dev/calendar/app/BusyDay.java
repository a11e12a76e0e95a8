package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One day two weeks from now in Berlin, as the tests of other calendars' busy time write it (ICS
 * events at local times) and read it back (busy spans, a booking over them, booking-page slots).
 */
final class BusyDay {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate DAY = LocalDate.now(BERLIN).plusDays(14);

  private BusyDay() {}

  record User(String id, String token) {
    Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + token);
    }

    Map<String, String> ics() {
      return Map.of("Authorization", "Bearer " + token, Api.CONTENT_TYPE, "text/calendar");
    }
  }

  static User user(Api api, String emailPrefix) {
    JsonNode body = api.signUp(Api.uniqueEmail(emailPrefix), "password1");
    return new User(body.get("id").asText(), body.get("token").asText());
  }

  /** {@code time} (HH:MM) on the day as an ICS local date-time. */
  static String local(String time) {
    return DAY.toString().replace("-", "") + "T" + time.replace(":", "") + "00";
  }

  static Instant berlin(String time) {
    return DAY.atTime(LocalTime.parse(time)).atZone(BERLIN).toInstant();
  }

  /** A busy span as {@link #busy} lists it. */
  static String span(String from, String to) {
    return berlin(from) + "/" + berlin(to);
  }

  static String calendar(String... events) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//calendar//EN\r\n"
        + String.join("", events)
        + "END:VCALENDAR\r\n";
  }

  /** A calendar that names itself ({@code X-WR-CALNAME}), as published feeds do. */
  static String namedCalendar(String name, String... events) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//calendar//EN\r\nX-WR-CALNAME:"
        + name
        + "\r\n"
        + String.join("", events)
        + "END:VCALENDAR\r\n";
  }

  /** A VEVENT from {@code from} to {@code to} on the day, Berlin time, with {@code more} lines. */
  static String event(String uid, String from, String to, String... more) {
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

  /** The user's busy spans over the day, from availability. */
  static List<String> busy(Api api, User u) {
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

  /** An event of the user's own from {@code from} to {@code to} on the day. */
  static Api.Response book(Api api, User u, String from, String to) {
    return api.send(
        "POST",
        "/events",
        "{\"title\":\"Sync\",\"start\":\"" + berlin(from) + "\",\"end\":\"" + berlin(to) + "\"}",
        u.auth());
  }

  /** Working hours 09:00-12:00 every day and a one-hour event type {@code chat}. */
  static void openChatPage(Api api, User u) {
    StringBuilder weekly = new StringBuilder();
    for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
      weekly.append(weekly.length() == 0 ? "" : ",");
      weekly.append('"').append(day).append("\":[{\"start\":\"09:00\",\"end\":\"12:00\"}]");
    }
    var rules =
        api.send(
            "PUT",
            "/users/" + u.id() + "/availability-rules",
            "{\"timezone\":\"Europe/Berlin\",\"weekly\":{" + weekly + "}}",
            u.auth());
    assertThat(rules.status()).as("%s", rules).isBetween(200, 204);
    var type =
        api.send(
            "POST",
            "/users/" + u.id() + "/event-types",
            "{\"slug\":\"chat\",\"title\":\"Chat\",\"duration\":\"PT1H\"}",
            u.auth());
    assertThat(type.status()).as("%s", type).isEqualTo(201);
  }

  /** The starts the {@code chat} page lists over the day. */
  static List<Instant> slots(Api api, User u) {
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
}
