package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Meetings end to end: booking, conflicts, idempotency, updates, recurrence, availability. */
class EventApiIT {
  private static Api api;
  private static final ExecutorService pool = Executors.newFixedThreadPool(50);
  // Far enough ahead that nothing else in the test run books it, and on a Monday.
  private static final Instant BASE =
      LocalDate.of(2031, 3, 3).atTime(9, 0).atZone(ZoneId.of("UTC")).toInstant();

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  record User(String id, String token) {
    Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + token);
    }
  }

  static User newUser(String name) {
    var u = api.signUp(Api.uniqueEmail(name), "password1");
    return new User(u.get("id").asText(), u.get("token").asText());
  }

  static String event(Instant start, Instant end, String rule, String... participantIds) {
    return event("Europe/Berlin", start, end, rule, participantIds);
  }

  static String event(
      String zone, Instant start, Instant end, String rule, String... participantIds) {
    String participants =
        java.util.Arrays.stream(participantIds)
            .map(id -> "{\"userId\":\"" + id + "\"}")
            .collect(Collectors.joining(","));
    return "{\"title\":\"Sync\",\"start\":\""
        + start
        + "\",\"end\":\""
        + end
        + "\",\"timezone\":\""
        + zone
        + "\""
        + (rule == null ? "" : ",\"recurrenceRule\":\"" + rule + "\"")
        + ",\"participants\":["
        + participants
        + "]}";
  }

  static Api.Response post(User organizer, String body) {
    return api.send("POST", "/events", body, organizer.auth());
  }

  static JsonNode occurrences(User user, Instant from, Instant to) {
    var r = api.get("/users/" + user.id() + "/events?start=" + from + "&end=" + to, user.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("occurrences");
  }

  @Test
  void booksAMeetingForOrganizerAndParticipant() {
    User ada = newUser("ada");
    User bob = newUser("bob");
    Instant start = BASE.plus(1, ChronoUnit.DAYS);
    var created = post(ada, event(start, start.plus(30, ChronoUnit.MINUTES), null, bob.id()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    var e = created.json();
    assertThat(e.get("organizerId").asText()).isEqualTo(ada.id());
    assertThat(e.get("status").asText()).isEqualTo("confirmed");
    assertThat(e.get("version").asLong()).isEqualTo(1);
    assertThat(e.get("start").asText()).isEqualTo(start.toString());
    String id = e.get("id").asText();

    assertThat(api.get("/events/" + id, bob.token()).status()).isEqualTo(200);
    assertThat(api.get("/events/" + id, newUser("eve").token()).status()).isEqualTo(404);

    var bobs = occurrences(bob, start.minus(1, ChronoUnit.HOURS), start.plus(1, ChronoUnit.HOURS));
    assertThat(bobs).hasSize(1);
    assertThat(bobs.get(0).get("eventId").asText()).isEqualTo(id);

    var availability =
        api.get(
            "/users/"
                + bob.id()
                + "/availability?start="
                + start.minus(1, ChronoUnit.HOURS)
                + "&end="
                + start.plus(1, ChronoUnit.HOURS),
            ada.token());
    assertThat(availability.status()).isEqualTo(200);
    var busy = availability.json().get("busy");
    assertThat(busy).hasSize(1);
    assertThat(busy.get(0).get("start").asText()).isEqualTo(start.toString());
    assertThat(availability.json().get("free")).hasSize(2);
  }

  @Test
  void aConflictBooksNothingForAnyoneAndNamesTheConflict() {
    User ada = newUser("ada");
    User bob = newUser("bob");
    User carol = newUser("carol");
    Instant start = BASE.plus(2, ChronoUnit.DAYS);
    var first = post(carol, event(start, start.plus(1, ChronoUnit.HOURS), null));
    assertThat(first.status()).isEqualTo(201);

    var clash =
        post(
            ada,
            event(
                start.plus(30, ChronoUnit.MINUTES),
                start.plus(90, ChronoUnit.MINUTES),
                null,
                bob.id(),
                carol.id()));
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.contentType()).isEqualTo("application/problem+json");
    var conflict = clash.json().get("conflicts").get(0);
    assertThat(conflict.get("userId").asText()).isEqualTo(carol.id());
    assertThat(conflict.get("eventId").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(conflict.get("start").asText()).isEqualTo(start.toString());

    Instant from = start.minus(1, ChronoUnit.DAYS);
    Instant to = start.plus(1, ChronoUnit.DAYS);
    assertThat(occurrences(ada, from, to)).isEmpty();
    assertThat(occurrences(bob, from, to)).isEmpty();
    assertThat(occurrences(carol, from, to)).hasSize(1);
  }

  @Test
  void fiftyOrganizersRaceForOneInviteeSlotAndExactlyOneWins() throws Exception {
    User invitee = newUser("popular");
    List<User> organizers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      organizers.add(newUser("org" + i));
    }
    Instant start = BASE.plus(3, ChronoUnit.DAYS);
    String body = event(start, start.plus(30, ChronoUnit.MINUTES), null, invitee.id());
    var statuses = race(organizers, o -> body);
    assertThat(statuses).isEqualTo(Map.of(201, 1L, 409, 49L));
    assertThat(
            occurrences(invitee, start.minus(1, ChronoUnit.DAYS), start.plus(1, ChronoUnit.DAYS)))
        .hasSize(1);
  }

  @Test
  void recurringSeriesAndSingleEventsRaceAndExactlyOneWins() throws Exception {
    User invitee = newUser("series-target");
    List<User> organizers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      organizers.add(newUser("series-org" + i));
    }
    Instant seriesStart = BASE.plus(7, ChronoUnit.DAYS);
    // Half book a weekly series starting at different weeks, half a single event on week 6:
    // every request collides with every other one on at least one occurrence. (In UTC: in
    // Berlin the series begun before the DST change would keep their local time and miss the
    // later ones by an hour, which is right but not this test's point.)
    var statuses =
        race(
            organizers,
            o -> {
              int i = organizers.indexOf(o);
              if (i % 2 == 0) {
                Instant s = seriesStart.plus(7L * (i % 5), ChronoUnit.DAYS);
                return event(
                    "UTC", s, s.plus(1, ChronoUnit.HOURS), "FREQ=WEEKLY;COUNT=10", invitee.id());
              }
              Instant single = seriesStart.plus(7L * 6, ChronoUnit.DAYS);
              return event("UTC", single, single.plus(30, ChronoUnit.MINUTES), null, invitee.id());
            });
    assertThat(statuses).isEqualTo(Map.of(201, 1L, 409, 29L));
    var listed = occurrences(invitee, seriesStart, seriesStart.plus(200, ChronoUnit.DAYS));
    assertThat(listed.findValuesAsText("eventId").stream().distinct()).hasSize(1);
  }

  private Map<Integer, Long> race(
      List<User> organizers, java.util.function.Function<User, String> body)
      throws InterruptedException {
    var go = new CountDownLatch(1);
    List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
    for (User o : organizers) {
      String b = body.apply(o);
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return post(o, b);
              },
              pool));
    }
    go.countDown();
    return calls.stream()
        .map(CompletableFuture::join)
        .collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
  }

  @Test
  void idempotencyKeyReplaysTheOriginalAnswer() throws Exception {
    User ada = newUser("ada");
    Instant start = BASE.plus(4, ChronoUnit.DAYS);
    String body = event(start, start.plus(30, ChronoUnit.MINUTES), null);
    var key = new java.util.HashMap<>(ada.auth());
    key.put("Idempotency-Key", "book-" + ada.id());

    List<CompletableFuture<Api.Response>> concurrent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      concurrent.add(
          CompletableFuture.supplyAsync(() -> api.send("POST", "/events", body, key), pool));
    }
    var answers = concurrent.stream().map(CompletableFuture::join).toList();
    assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
    assertThat(answers.stream().map(r -> r.json().get("id").asText()).distinct()).hasSize(1);

    var other =
        api.send("POST", "/events", event(start, start.plus(45, ChronoUnit.MINUTES), null), key);
    assertThat(other.status()).isEqualTo(422);

    // The body field works as well as the header.
    String withField = body.replace("{\"title\"", "{\"idempotencyKey\":\"field-key\",\"title\"");
    Instant later = start.plus(2, ChronoUnit.HOURS);
    String withField2 =
        event(later, later.plus(30, ChronoUnit.MINUTES), null)
            .replace("{\"title\"", "{\"idempotencyKey\":\"field-key\",\"title\"");
    var a = api.send("POST", "/events", withField2, ada.auth());
    var b = api.send("POST", "/events", withField2, ada.auth());
    assertThat(a.status()).isEqualTo(201);
    assertThat(b.json().get("id")).isEqualTo(a.json().get("id"));
    assertThat(withField).isNotEmpty();
  }

  @Test
  void updateChecksVersionAndConflictsAndKeepsTheOldBookingOnFailure() {
    User ada = newUser("ada");
    User bob = newUser("bob");
    Instant start = BASE.plus(5, ChronoUnit.DAYS);
    var mine = post(ada, event(start, start.plus(1, ChronoUnit.HOURS), null, bob.id())).json();
    String id = mine.get("id").asText();
    Instant bobsBusy = start.plus(3, ChronoUnit.HOURS);
    assertThat(post(bob, event(bobsBusy, bobsBusy.plus(1, ChronoUnit.HOURS), null)).status())
        .isEqualTo(201);

    var auth = new java.util.HashMap<>(ada.auth());
    auth.put("If-Match", "\"7\"");
    var stale =
        api.send(
            "PUT",
            "/events/" + id,
            event(start.plus(1, ChronoUnit.HOURS), start.plus(2, ChronoUnit.HOURS), null, bob.id()),
            auth);
    assertThat(stale.status()).isEqualTo(412);

    auth.put("If-Match", "\"1\"");
    var clash =
        api.send(
            "PUT",
            "/events/" + id,
            event(bobsBusy, bobsBusy.plus(1, ChronoUnit.HOURS), null, bob.id()),
            auth);
    assertThat(clash.status()).isEqualTo(409);
    var bobs = occurrences(bob, start.minus(1, ChronoUnit.DAYS), start.plus(1, ChronoUnit.DAYS));
    assertThat(bobs.findValuesAsText("start"))
        .containsExactly(start.toString(), bobsBusy.toString());

    Instant moved = start.plus(1, ChronoUnit.HOURS);
    var ok =
        api.send(
            "PUT",
            "/events/" + id,
            event(moved, moved.plus(1, ChronoUnit.HOURS), null, bob.id()),
            auth);
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.json().get("version").asLong()).isEqualTo(2);
    bobs = occurrences(bob, start.minus(1, ChronoUnit.DAYS), start.plus(1, ChronoUnit.DAYS));
    assertThat(bobs.findValuesAsText("start"))
        .containsExactly(moved.toString(), bobsBusy.toString());

    // Only the organizer may change it.
    assertThat(api.send("DELETE", "/events/" + id, null, bob.auth()).status()).isEqualTo(403);
    assertThat(api.send("DELETE", "/events/" + id, null, ada.auth()).status()).isEqualTo(204);
    assertThat(api.get("/events/" + id, ada.token()).json().get("status").asText())
        .isEqualTo("cancelled");
    bobs = occurrences(bob, start.minus(1, ChronoUnit.DAYS), start.plus(1, ChronoUnit.DAYS));
    assertThat(bobs.findValuesAsText("start")).containsExactly(bobsBusy.toString());
    // The freed time can be booked again.
    assertThat(post(bob, event(moved, moved.plus(1, ChronoUnit.HOURS), null)).status())
        .isEqualTo(201);
  }

  @Test
  void weeklySeriesKeepsLocalTimeAcrossDstAndSupportsOneOccurrenceEdits() {
    User ada = newUser("ada");
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    // 09:00 Berlin on Monday 2031-03-17; DST starts on 2031-03-30.
    ZonedDateTime first = ZonedDateTime.of(2031, 3, 17, 9, 0, 0, 0, berlin);
    Instant start = first.toInstant();
    var created =
        post(ada, event(start, start.plus(30, ChronoUnit.MINUTES), "RRULE:FREQ=WEEKLY;COUNT=4"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("recurrenceRule").asText()).isEqualTo("FREQ=WEEKLY;COUNT=4");

    var listed = occurrences(ada, start.minus(1, ChronoUnit.DAYS), start.plus(30, ChronoUnit.DAYS));
    assertThat(listed).hasSize(4);
    for (JsonNode o : listed) {
      var local = Instant.parse(o.get("start").asText()).atZone(berlin);
      assertThat(local.getHour()).isEqualTo(9);
      assertThat(o.get("recurring").asBoolean()).isTrue();
    }
    // Before the change 08:00Z, after it 07:00Z.
    assertThat(listed.get(0).get("start").asText()).isEqualTo("2031-03-17T08:00:00Z");
    assertThat(listed.get(2).get("start").asText()).isEqualTo("2031-03-31T07:00:00Z");

    // Move the second occurrence by two hours and cancel the third.
    String second = listed.get(1).get("originalStart").asText();
    Instant secondMoved = Instant.parse(second).plus(2, ChronoUnit.HOURS);
    var edit =
        api.send(
            "PUT",
            "/events/" + id + "/occurrences/" + second,
            "{\"start\":\"" + secondMoved + "\",\"title\":\"Moved\"}",
            ada.auth());
    assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
    String third = listed.get(2).get("originalStart").asText();
    assertThat(
            api.send("DELETE", "/events/" + id + "/occurrences/" + third, null, ada.auth())
                .status())
        .isEqualTo(204);

    listed = occurrences(ada, start.minus(1, ChronoUnit.DAYS), start.plus(30, ChronoUnit.DAYS));
    assertThat(listed).hasSize(3);
    assertThat(listed.get(1).get("start").asText()).isEqualTo(secondMoved.toString());
    assertThat(listed.get(1).get("originalStart").asText()).isEqualTo(second);
    assertThat(listed.get(1).get("title").asText()).isEqualTo("Moved");
    assertThat(listed.findValuesAsText("originalStart")).doesNotContain(third);

    var bad =
        api.send(
            "DELETE",
            "/events/" + id + "/occurrences/" + start.plus(1, ChronoUnit.HOURS),
            null,
            ada.auth());
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void workingHoursShapeFreeTimeInTheirZone() {
    User ada = newUser("ada");
    var rules =
        api.send(
            "PUT",
            "/users/" + ada.id() + "/availability-rules",
            "{\"timezone\":\"America/New_York\",\"weekly\":{\"MON\":[{\"start\":\"09:00\",\"end\":\"12:00\"},"
                + "{\"start\":\"13:00\",\"end\":\"17:00\"}]},\"overrides\":[{\"date\":\"2031-03-10\",\"intervals\":[]}]}",
            ada.auth());
    assertThat(rules.status()).as(rules.toString()).isEqualTo(200);

    // Monday 2031-03-03 (EST, UTC-5) and Monday 2031-03-17 (EDT, UTC-4); 03-10 is off.
    Instant from = Instant.parse("2031-03-03T00:00:00Z");
    Instant to = Instant.parse("2031-03-18T00:00:00Z");
    var availability =
        api.get("/users/" + ada.id() + "/availability?start=" + from + "&end=" + to, ada.token());
    assertThat(availability.status()).isEqualTo(200);
    assertThat(availability.json().get("timezone").asText()).isEqualTo("America/New_York");
    assertThat(availability.json().get("free").findValuesAsText("start"))
        .containsExactly(
            "2031-03-03T14:00:00Z",
            "2031-03-03T18:00:00Z",
            "2031-03-17T13:00:00Z",
            "2031-03-17T17:00:00Z");
  }

  @Test
  void aRestartedNodeStillHasEveryBooking() throws Exception {
    int port = dev.calendar.devservers.FreePorts.next();
    User ada;
    Instant start = BASE.plus(10, ChronoUnit.DAYS);
    try (Node node = TestNodes.start(port, List.of())) {
      var local = new Api(node);
      var u = local.signUp(Api.uniqueEmail("restart-booker"), "password1");
      ada = new User(u.get("id").asText(), u.get("token").asText());
      for (int i = 0; i < 5; i++) {
        Instant s = start.plus(i, ChronoUnit.HOURS);
        var r =
            local.send(
                "POST", "/events", event(s, s.plus(30, ChronoUnit.MINUTES), null), ada.auth());
        assertThat(r.status()).isEqualTo(201);
      }
    }
    try (Node node = TestNodes.start(port, List.of())) {
      var local = new Api(node);
      var r =
          local.get(
              "/users/"
                  + ada.id()
                  + "/events?start="
                  + start
                  + "&end="
                  + start.plus(1, ChronoUnit.DAYS),
              ada.token());
      assertThat(r.json().get("occurrences")).hasSize(5);
      // And the recovered calendar still refuses an overlap.
      var clash =
          local.send(
              "POST",
              "/events",
              event(start, start.plus(10, ChronoUnit.MINUTES), null),
              ada.auth());
      assertThat(clash.status()).isEqualTo(409);
    }
  }
}
