package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api.md's bad-input rules for the events and availability routes: each answered with the
 * right 4xx as problem+json naming the fields, nothing booked, never a 500.
 */
class EventBadInputIT {
  private static Api api;
  private static String token;
  private static String userId;
  private static String singleEventId;

  private static final String SELF = "{self}";
  private static final String EVENT = "{event}";
  private static final String OK_START = "2032-01-05T09:00:00Z";
  private static final String OK_END = "2032-01-05T10:00:00Z";

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
    var user = api.signUp(Api.uniqueEmail("event-bad-input"), "password1");
    token = user.get("token").asText();
    userId = user.get("id").asText();
    var created = api.send("POST", "/events", body(""), Map.of("Authorization", "Bearer " + token));
    assertThat(created.status()).isEqualTo(201);
    singleEventId = created.json().get("id").asText();
  }

  /** A valid event body, changed by the fields of {@code extra} (a JSON object's inside). */
  static String body(String extra) {
    try {
      var node =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              new com.fasterxml.jackson.databind.ObjectMapper().readTree("{" + extra + "}");
      if (!node.has("title")) {
        node.put("title", "T");
      }
      if (!node.has("start")) {
        node.put("start", OK_START);
      }
      if (!node.has("end")) {
        node.put("end", OK_END);
      }
      return node.toString();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(extra, e);
    }
  }

  /**
   * A valid event body as JSON text, with {@code extra} (a JSON object's inside) first: for text
   * that a JSON library would not write as given, such as unpaired surrogates.
   */
  static String raw(String extra) {
    StringBuilder json = new StringBuilder("{").append(extra);
    if (!extra.contains("\"title\"")) {
      json.append(",\"title\":\"T\"");
    }
    return json.append(",\"start\":\"")
        .append(OK_START)
        .append("\",\"end\":\"")
        .append(OK_END)
        .append("\"}")
        .toString();
  }

  static Stream<Arguments> cases() {
    String random = UUID.randomUUID().toString();
    List<BadInputCase> c = new ArrayList<>();
    c.add(post("malformed JSON", "{\"title\":", 400, "body"));
    c.add(post("missing fields", "{}", 400, "title", "start", "end"));
    c.add(
        post(
            "wrong types",
            "{\"title\":1,\"start\":5,\"end\":true,\"participants\":\"x\",\"reminders\":{}}",
            400,
            "title",
            "start",
            "end",
            "participants",
            "reminders"));
    c.add(
        post(
            "end not after start",
            "{\"title\":\"T\",\"start\":\"" + OK_END + "\",\"end\":\"" + OK_START + "\"}",
            400,
            "end"));
    c.add(
        post(
            "longer than 31 days",
            "{\"title\":\"T\",\"start\":\"" + OK_START + "\",\"end\":\"2032-02-06T09:00:00Z\"}",
            400,
            "end"));
    c.add(post("instant without offset", body("\"start\":\"2032-01-05T09:00:00\""), 400, "start"));
    c.add(post("unknown time zone", body("\"timezone\":\"Europe/Atlantis\""), 400, "timezone"));
    c.add(
        post(
            "invalid RRULE", body("\"recurrenceRule\":\"FREQ=SOMETIMES\""), 400, "recurrenceRule"));
    c.add(
        post(
            "RRULE with too many occurrences",
            body("\"recurrenceRule\":\"FREQ=MINUTELY\""),
            400,
            "recurrenceRule"));
    c.add(post("title too long", body("\"title\":\"" + "x".repeat(201) + "\""), 400, "title"));
    c.add(
        post(
            "description too long",
            body("\"description\":\"" + "x".repeat(5001) + "\""),
            400,
            "description"));
    c.add(
        post(
            "participant id not a UUID",
            body("\"participants\":[{\"userId\":\"nope\"}]"),
            400,
            "participants[0].userId"));
    c.add(
        post(
            "unknown participant",
            body("\"participants\":[{\"userId\":\"" + random + "\"}]"),
            400,
            "participants[0].userId"));
    c.add(
        post(
            "participant without id or email",
            body("\"participants\":[{\"name\":\"X\"}]"),
            400,
            "participants[0].userId"));
    c.add(
        post(
            "participant email invalid",
            body("\"participants\":[{\"email\":\"not-mail\"}]"),
            400,
            "participants[0].email"));
    c.add(
        post("exdates without a rule", body("\"exdates\":[\"" + OK_START + "\"]"), 400, "exdates"));
    c.add(
        post(
            "exdate not an instant",
            body("\"recurrenceRule\":\"FREQ=DAILY;COUNT=3\",\"exdates\":[\"monday\"]"),
            400,
            "exdates[0]"));
    c.add(
        post(
            "reminder offset invalid",
            body("\"reminders\":[{\"offset\":\"soon\",\"channel\":\"email\"}]"),
            400,
            "reminders[0].offset"));
    c.add(post("body over 1 MiB", "{\"title\":\"" + "a".repeat(1_100_000) + "\"}", 413));
    c.add(
        new BadInputCase(
            "idempotency key too long",
            "POST",
            "/events",
            body(""),
            Map.of("Idempotency-Key", "k".repeat(300)),
            400,
            List.of("Idempotency-Key")));
    c.add(
        new BadInputCase(
            "no token",
            "POST",
            "/events",
            body(""),
            Map.of("Authorization", "Bearer nope"),
            401,
            List.of()));
    c.add(call("event id not a UUID", "GET", "/events/not-a-uuid", null, 400, "id"));
    c.add(call("unknown event", "GET", "/events/" + random, null, 404));
    c.add(call("update of an unknown event", "PUT", "/events/" + random, body(""), 404));
    c.add(call("cancel of an unknown event", "DELETE", "/events/" + random, null, 404));
    c.add(
        new BadInputCase(
            "If-Match not a version",
            "PUT",
            "/events/" + EVENT,
            body(""),
            Map.of("If-Match", "yesterday"),
            400,
            List.of("If-Match")));
    c.add(
        call(
            "occurrence start not an instant",
            "PUT",
            "/events/" + EVENT + "/occurrences/not-a-date",
            "{}",
            400,
            "originalStart"));
    c.add(
        call(
            "occurrence of a single event",
            "DELETE",
            "/events/" + EVENT + "/occurrences/" + OK_START,
            null,
            400,
            "originalStart"));
    c.add(
        call(
            "list window without start",
            "GET",
            "/users/" + SELF + "/events?end=" + OK_END,
            null,
            400,
            "start"));
    c.add(
        call(
            "list window over 366 days",
            "GET",
            "/users/" + SELF + "/events?start=2032-01-01T00:00:00Z&end=2033-01-03T00:00:00Z",
            null,
            400,
            "end"));
    c.add(
        call(
            "list window backwards",
            "GET",
            "/users/" + SELF + "/events?start=" + OK_END + "&end=" + OK_START,
            null,
            400,
            "end"));
    c.add(
        call(
            "another user's events",
            "GET",
            "/users/" + random + "/events?start=" + OK_START + "&end=" + OK_END,
            null,
            403));
    c.add(
        call(
            "availability window over 62 days",
            "GET",
            "/users/" + SELF + "/availability?start=2032-01-01T00:00:00Z&end=2032-03-05T00:00:00Z",
            null,
            400,
            "end"));
    c.add(
        call(
            "availability of an unknown user",
            "GET",
            "/users/" + random + "/availability?start=" + OK_START + "&end=" + OK_END,
            null,
            404));
    c.add(
        call(
            "availability id not a UUID",
            "GET",
            "/user/nope/availability?start=" + OK_START + "&end=" + OK_END,
            null,
            400,
            "id"));
    c.add(
        call(
            "rules with an unknown day",
            "PUT",
            "/users/" + SELF + "/availability-rules",
            "{\"weekly\":{\"MOO\":[]}}",
            400,
            "weekly.MOO"));
    c.add(
        call(
            "rules with a bad time",
            "PUT",
            "/users/" + SELF + "/availability-rules",
            "{\"weekly\":{\"MON\":[{\"start\":\"9am\",\"end\":\"17:00\"}]}}",
            400,
            "weekly.MON[0].start"));
    c.add(
        call(
            "rules ending before they start",
            "PUT",
            "/users/" + SELF + "/availability-rules",
            "{\"weekly\":{\"MON\":[{\"start\":\"17:00\",\"end\":\"09:00\"}]}}",
            400,
            "weekly.MON[0].end"));
    c.add(
        call(
            "override with a bad date",
            "PUT",
            "/users/" + SELF + "/availability-rules",
            "{\"overrides\":[{\"date\":\"2032-13-01\",\"intervals\":[]}]}",
            400,
            "overrides[0].date"));
    c.add(
        call(
            "rules with an unknown zone",
            "PUT",
            "/users/" + SELF + "/availability-rules",
            "{\"timezone\":\"Mars/Base\"}",
            400,
            "timezone"));
    c.add(
        call("another user's rules", "PUT", "/users/" + random + "/availability-rules", "{}", 403));
    // Text that cannot be stored: NUL and unpaired UTF-16 surrogates, in any string of the body.
    c.add(
        post(
            "reversed surrogates in the title", raw("\"title\":\"\\udc00\\ud800\""), 400, "title"));
    c.add(
        post(
            "lone surrogate in a participant's email",
            raw(
                "\"participants\":[{\"email\":\"a@example.com\"},"
                    + "{\"email\":\"b\\ud800@example.com\"}]"),
            400,
            "participants[1].email"));
    c.add(post("NUL in the description", raw("\"description\":\"a\\u0000b\""), 400, "description"));
    c.add(
        post(
            "NUL in the idempotencyKey field",
            raw("\"idempotencyKey\":\"k\\u0000\""),
            400,
            "idempotencyKey"));
    c.add(
        call(
            "NUL in a weekly day",
            "PUT",
            "/users/" + SELF + "/availability-rules",
            "{\"weekly\":{\"MON\\u0000\":[]}}",
            400,
            "weekly.MON\ufffd"));
    c.add(
        call(
            "NUL in a query parameter of a list",
            "GET",
            "/users/" + SELF + "/events?start=" + OK_START + "&end=" + OK_END + "&x=%00",
            null,
            400,
            "x"));
    // Instants only in the years 1900 through 2200.
    c.add(
        post(
            "an event in the year 10000",
            body("\"start\":\"+10000-01-01T09:00:00Z\",\"end\":\"+10000-01-01T10:00:00Z\""),
            400,
            "start",
            "end"));
    c.add(
        post(
            "an event in the year 0000",
            body("\"start\":\"0000-01-01T09:00:00Z\",\"end\":\"0000-01-01T10:00:00Z\""),
            400,
            "start",
            "end"));
    c.add(
        post(
            "an event in the year -0001",
            body("\"start\":\"-0001-01-01T09:00:00Z\",\"end\":\"-0001-01-01T10:00:00Z\""),
            400,
            "start",
            "end"));
    c.add(
        post(
            "an event in the year 9999",
            body("\"start\":\"9999-01-01T09:00:00Z\",\"end\":\"9999-01-01T10:00:00Z\""),
            400,
            "start",
            "end"));
    c.add(
        post(
            "an exdate in the year 9999",
            body(
                "\"recurrenceRule\":\"FREQ=DAILY;COUNT=3\",\"exdates\":[\""
                    + OK_START
                    + "\",\"9999-01-05T09:00:00Z\"]"),
            400,
            "exdates[1]"));
    c.add(
        call(
            "an occurrence moved to the year 2201",
            "PUT",
            "/events/" + EVENT + "/occurrences/" + OK_START,
            "{\"start\":\"2201-01-05T09:00:00Z\",\"end\":\"2201-01-05T10:00:00Z\"}",
            400,
            "start",
            "end"));
    c.add(
        call(
            "list window starting in 1899",
            "GET",
            "/users/" + SELF + "/events?start=1899-12-31T00:00:00Z&end=1900-01-02T00:00:00Z",
            null,
            400,
            "start"));
    c.add(
        call(
            "availability window ending in 2201",
            "GET",
            "/users/" + SELF + "/availability?start=2200-12-31T00:00:00Z&end=2201-01-01T00:00:01Z",
            null,
            400,
            "end"));
    // JSON strictness: one JSON object and nothing after it, sent as JSON.
    c.add(post("trailing garbage after the object", body("") + " xyz", 400, "body"));
    c.add(post("an object after the object", body("") + "{}", 400, "body"));
    c.add(
        new BadInputCase(
            "text/plain event",
            "POST",
            "/events",
            body(""),
            Map.of(Api.CONTENT_TYPE, "text/plain; charset=utf-8"),
            415,
            List.of()));
    c.add(
        new BadInputCase(
            "form-encoded replacement",
            "PUT",
            "/events/" + EVENT,
            body(""),
            Map.of(Api.CONTENT_TYPE, "application/x-www-form-urlencoded"),
            415,
            List.of()));
    c.add(
        new BadInputCase(
            "form-encoded occurrence edit",
            "PUT",
            "/events/" + EVENT + "/occurrences/" + OK_START,
            "{}",
            Map.of(Api.CONTENT_TYPE, "application/x-www-form-urlencoded"),
            415,
            List.of()));
    c.add(
        new BadInputCase(
            "text/plain rules",
            "PUT",
            "/users/" + SELF + "/availability-rules",
            "{}",
            Map.of(Api.CONTENT_TYPE, "text/plain"),
            415,
            List.of()));
    return c.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithAProblemNamingTheFields(BadInputCase c) {
    Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + token));
    headers.putAll(c.headers());
    String path = c.path().replace(SELF, userId).replace(EVENT, singleEventId);
    var before = eventCount();
    var r = api.send(c.method(), path, c.body(), headers);

    r.assertProblem(c.status(), c.fields());
    assertThat(eventCount()).as("nothing half-written").isEqualTo(before);
  }

  /** The first and last instants of the range are taken; the ones just outside are not. */
  @Test
  void takesInstantsInTheYears1900Through2200Only() {
    Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
    String first = "\"start\":\"1900-01-01T00:00:00Z\",\"end\":\"1900-01-01T01:00:00Z\"";
    String last = "\"start\":\"2200-12-31T23:00:00Z\",\"end\":\"2200-12-31T23:59:59Z\"";
    assertThat(api.send("POST", "/events", body(first), auth).status()).isEqualTo(201);
    assertThat(api.send("POST", "/events", body(last), auth).status()).isEqualTo(201);
    var list =
        api.get(
            "/users/" + userId + "/events?start=1900-01-01T00:00:00Z&end=1900-01-02T00:00:00Z",
            token);
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.json().get("occurrences")).hasSize(1);

    var before =
        api.send(
            "POST",
            "/events",
            body("\"start\":\"1899-12-31T23:59:59Z\",\"end\":\"1900-01-01T01:00:00Z\""),
            auth);
    before.assertProblem(400, List.of("start"));
    assertThat(before.json().get("errors").get(0).get("message").asText())
        .contains("1900")
        .contains("2200");
    api.send(
            "POST",
            "/events",
            body("\"start\":\"2200-12-31T23:00:00Z\",\"end\":\"2201-01-01T00:00:00Z\""),
            auth)
        .assertProblem(400, List.of("end"));
    // An offset does not move an instant into the range: this is 2201-01-01T00:30:00Z.
    api.send(
            "POST",
            "/events",
            body("\"start\":\"2200-12-31T23:30:00-01:00\",\"end\":\"2200-12-31T23:45:00-01:00\""),
            auth)
        .assertProblem(400, List.of("start", "end"));
    var path =
        api.send(
            "DELETE",
            "/events/" + singleEventId + "/occurrences/+10000-01-05T09:00:00Z",
            null,
            auth);
    path.assertProblem(400, List.of("originalStart"));
    assertThat(path.json().get("errors").get(0).get("message").asText()).contains("1900");
  }

  private static int eventCount() {
    return api.get(
            "/users/" + userId + "/events?start=2031-12-01T00:00:00Z&end=2032-12-01T00:00:00Z",
            token)
        .json()
        .get("occurrences")
        .size();
  }

  private static BadInputCase post(String name, String body, int status, String... fields) {
    return new BadInputCase(name, "POST", "/events", body, Map.of(), status, List.of(fields));
  }

  private static BadInputCase call(
      String name, String method, String path, String body, int status, String... fields) {
    return new BadInputCase(name, method, path, body, Map.of(), status, List.of(fields));
  }
}
