package dev.calendar.api.bookingpage;

import static dev.calendar.api.RouteHarness.CALLER;
import static dev.calendar.api.RouteHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.CannedEntity;
import dev.calendar.api.Problem;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.api.ratelimit.FakeClock;
import dev.calendar.bookingpage.EventType;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.user.UserProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /users/{id}/event-types} over a calendar that keeps types as the calendar entity does. */
class EventTypeRoutesTest {
  private static final Instant NOW = Instant.parse("2027-02-01T12:00:00Z");
  private static final UUID KNOWN = UUID.fromString("00000000-0000-0000-0000-0000000000b0");
  private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-0000000000c0");
  private static final String PATH = "/users/" + CALLER + "/event-types";
  private static final String BODY =
      json("{'slug': 'intro-call', 'title': 'Intro call', 'duration': 'PT30M'}");

  private static final CannedEntity<CalendarEntity.Command> calendars = new CannedEntity<>();
  private static final Map<String, EventType> kept = new TreeMap<>();
  private static final FakeClock clock = new FakeClock(NOW);
  private static RouteHarness http;

  @BeforeAll
  static void start() {
    var service =
        new EventTypeService(
            calendars,
            id ->
                id.equals(CALLER) || id.equals(KNOWN)
                    ? CompletableFuture.completedFuture(profile(id))
                    : CompletableFuture.failedFuture(Problem.notFound("no such user")),
            clock);
    http = new RouteHarness();
    http.serve(
        new EventTypeRoutes(service, http.auth, http.idempotency, "https://cal.example.com/")
            .route());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @BeforeEach
  void forget() {
    synchronized (kept) {
      kept.clear();
    }
    calendars.reset();
    calendars.answer(EventTypeRoutesTest::calendar);
  }

  private static UserProfile profile(UUID id) {
    return new UserProfile(
        id, id + "@example.com", "User", ZoneId.of("UTC"), List.of(), null, List.of(), NOW, NOW);
  }

  /** The owner's calendar, deciding as CalendarEntity does. */
  private static Object calendar(CalendarEntity.Command command) {
    synchronized (kept) {
      if (command instanceof CalendarEntity.SaveEventType save) {
        EventType type = save.type();
        EventType previous = null;
        if (save.replacing() != null) {
          previous = kept.get(save.replacing());
          if (previous == null) {
            return new CalendarEntity.EventTypeMissing(save.replacing());
          }
          type = previous.replacedBy(type);
        } else if (kept.size() >= EventType.MAX_PER_USER) {
          return new CalendarEntity.TooManyEventTypes(EventType.MAX_PER_USER);
        }
        EventType holder = kept.get(type.slug());
        if (holder != null && (previous == null || !holder.id().equals(previous.id()))) {
          return new CalendarEntity.SlugTaken(type.slug());
        }
        if (save.replacing() != null) {
          kept.remove(save.replacing());
        }
        kept.put(type.slug(), type);
        return new CalendarEntity.EventTypeStored(type);
      }
      if (command instanceof CalendarEntity.DeleteEventType delete) {
        return kept.remove(delete.slug()) == null
            ? new CalendarEntity.EventTypeMissing(delete.slug())
            : new CalendarEntity.EventTypeDeleted();
      }
      if (command instanceof CalendarEntity.GetEventTypes) {
        return new CalendarEntity.EventTypes(List.copyOf(kept.values()));
      }
      return new AssertionError("unexpected " + command);
    }
  }

  private static void keep(String slug, EventType type) {
    synchronized (kept) {
      kept.put(slug, type);
    }
  }

  private static void assertProblem(Answer answer, int status) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("status").asInt()).isEqualTo(status);
  }

  private static List<String> errorFields(Answer answer) {
    return answer.json().get("errors").findValues("field").stream().map(JsonNode::asText).toList();
  }

  private static JsonNode created(String body) {
    Answer answer = http.call("POST", PATH, body);
    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    return answer.json();
  }

  @Test
  void createAnswers201WithTheTypeItsIdCreationTimeAndBookingUrl() {
    Answer answer = http.call("POST", PATH, BODY);

    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    assertThat(answer.contentType()).isEqualTo("application/json");
    assertThat(answer.header("Location")).contains(PATH + "/intro-call");
    JsonNode t = answer.json();
    UUID id = UUID.fromString(t.get("id").asText());
    assertThat(t.get("ownerId").asText()).isEqualTo(CALLER.toString());
    assertThat(Instant.parse(t.get("createdAt").asText())).isEqualTo(clock.instant());
    assertThat(t.get("bookingUrl").asText())
        .isEqualTo("https://cal.example.com/book/" + CALLER + "/intro-call");
    assertThat(t.get("slug").asText()).isEqualTo("intro-call");
    assertThat(t.get("title").asText()).isEqualTo("Intro call");
    assertThat(t.get("description").isNull()).isTrue();
    assertThat(t.get("duration").asText()).isEqualTo("PT30M");
    assertThat(t.get("slotInterval").asText()).isEqualTo("PT30M");
    assertThat(t.get("bufferBefore").asText()).isEqualTo("PT0S");
    assertThat(t.get("bufferAfter").asText()).isEqualTo("PT0S");
    assertThat(t.get("minimumNotice").asText()).isEqualTo("PT4H");
    assertThat(t.get("bookingHorizon").asText()).isEqualTo("P60D");
    assertThat(t.get("minimumCancelNotice").asText()).isEqualTo("PT24H");
    assertThat(t.has("maxPerDay") && t.get("maxPerDay").isNull()).isTrue();
    assertThat(t.has("maxPerWeek") && t.get("maxPerWeek").isNull()).isTrue();
    assertThat(t.get("seats").asInt()).isEqualTo(1);
    assertThat(t.get("hosts").toString()).isEqualTo("[\"" + CALLER + "\"]");
    assertThat(t.get("reminders").isArray()).isTrue();
    assertThat(t.get("active").asBoolean()).isTrue();

    assertThat(calendars.asked()).hasSize(1);
    assertThat(calendars.asked().get(0).entityId()).isEqualTo(CALLER.toString());
    var save = (CalendarEntity.SaveEventType) calendars.lastCommand();
    assertThat(save.replacing()).isNull();
    assertThat(save.type().id()).isEqualTo(id);
    assertThat(save.type().ownerId()).isEqualTo(CALLER);
  }

  @Test
  void hostsAreCheckedAndListedOwnerFirst() {
    JsonNode t =
        created(
            json(
                "{'slug': 'pair', 'title': 'Pair', 'duration': 'PT1H', 'hosts': ['"
                    + KNOWN
                    + "', '"
                    + CALLER
                    + "', '"
                    + KNOWN
                    + "'], 'maxPerDay': 2}"));
    assertThat(t.get("hosts").toString()).isEqualTo("[\"" + CALLER + "\",\"" + KNOWN + "\"]");
    assertThat(t.get("maxPerDay").asInt()).isEqualTo(2);

    calendars.reset();
    Answer unknown =
        http.call(
            "POST",
            PATH,
            json(
                "{'slug': 'trio', 'duration': 'PT0S', 'hosts': ['"
                    + KNOWN
                    + "', '"
                    + OTHER
                    + "']}"));
    assertProblem(unknown, 400);
    assertThat(errorFields(unknown)).containsExactly("title", "duration", "hosts[1]");
    assertThat(calendars.asked()).isEmpty();
  }

  @Test
  void aSlugTakenIs409() {
    created(BODY);

    Answer again =
        http.call(
            "POST", PATH, json("{'slug': 'intro-call', 'title': 'Other', 'duration': 'PT15M'}"));

    assertProblem(again, 409);
    assertThat(kept.get("intro-call").title()).isEqualTo("Intro call");
  }

  @Test
  void theHundredAndFirstTypeIs409() {
    calendars.reply(new CalendarEntity.TooManyEventTypes(EventType.MAX_PER_USER));

    Answer answer = http.call("POST", PATH, BODY);

    assertProblem(answer, 409);
    assertThat(answer.json().get("detail").asText()).contains("100");
  }

  @Test
  void listsOnesTypes() {
    assertThat(http.call("GET", PATH, null).text()).isEqualTo("{\"eventTypes\":[]}");
    created(json("{'slug': 'b-second', 'title': 'B', 'duration': 'PT30M'}"));
    created(json("{'slug': 'a-first', 'title': 'A', 'duration': 'PT15M', 'seats': 3}"));

    Answer answer = http.call("GET", PATH, null);

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode types = answer.json().get("eventTypes");
    assertThat(types.findValues("slug").stream().map(JsonNode::asText))
        .containsExactly("a-first", "b-second");
    assertThat(types.get(0).get("seats").asInt()).isEqualTo(3);
    assertThat(types.get(0).get("bookingUrl").asText())
        .isEqualTo("https://cal.example.com/book/" + CALLER + "/a-first");
  }

  @Test
  void getsOneTypeBySlug() {
    JsonNode t = created(BODY);

    Answer answer = http.call("GET", PATH + "/intro-call", null);

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.json()).isEqualTo(t);
    assertProblem(http.call("GET", PATH + "/no-such-type", null), 404);
  }

  @Test
  void aSlugThatCannotBeOneIs404WithoutAskingTheCalendar() {
    created(BODY);
    calendars.reset();

    for (String slug :
        List.of("Intro-Call", "intro%20call", "a".repeat(65), "%C3%A4", "intro_call", "%00")) {
      assertProblem(http.call("GET", PATH + "/" + slug, null), 404);
      assertProblem(http.call("PUT", PATH + "/" + slug, BODY), 404);
      assertProblem(http.call("DELETE", PATH + "/" + slug, null), 404);
    }
    assertThat(calendars.asked()).isEmpty();
  }

  @Test
  void putReplacesEveryFieldButKeepsIdAndCreationTime() {
    JsonNode first =
        created(
            json(
                "{'slug': 'intro-call', 'title': 'Intro', 'duration': 'PT30M', 'seats': 4,"
                    + " 'bufferAfter': 'PT10M', 'location': 'Room 1'}"));
    clock.advance(Duration.ofHours(1));

    Answer answer =
        http.call(
            "PUT",
            PATH + "/intro-call",
            json("{'slug': 'first-call', 'title': 'First call', 'duration': 'PT45M'}"));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode t = answer.json();
    assertThat(t.get("id")).isEqualTo(first.get("id"));
    assertThat(t.get("createdAt")).isEqualTo(first.get("createdAt"));
    assertThat(t.get("slug").asText()).isEqualTo("first-call");
    assertThat(t.get("title").asText()).isEqualTo("First call");
    assertThat(t.get("duration").asText()).isEqualTo("PT45M");
    assertThat(t.get("seats").asInt()).as("a full replacement: defaults again").isEqualTo(1);
    assertThat(t.get("bufferAfter").asText()).isEqualTo("PT0S");
    assertThat(t.get("location").isNull()).isTrue();
    assertThat(t.get("bookingUrl").asText())
        .isEqualTo("https://cal.example.com/book/" + CALLER + "/first-call");
    var save = (CalendarEntity.SaveEventType) calendars.lastCommand();
    assertThat(save.replacing()).isEqualTo("intro-call");

    assertProblem(http.call("GET", PATH + "/intro-call", null), 404);
    assertThat(http.call("GET", PATH + "/first-call", null).json()).isEqualTo(t);
  }

  @Test
  void putToATakenSlugIs409AndChangesNothing() {
    created(BODY);
    created(json("{'slug': 'demo', 'title': 'Demo', 'duration': 'PT1H'}"));

    Answer answer =
        http.call(
            "PUT",
            PATH + "/demo",
            json("{'slug': 'intro-call', 'title': 'X', 'duration': 'PT1H'}"));

    assertProblem(answer, 409);
    assertThat(kept.keySet()).containsExactly("demo", "intro-call");
    assertThat(kept.get("demo").title()).isEqualTo("Demo");
  }

  @Test
  void putOfAMissingTypeIs404() {
    assertProblem(http.call("PUT", PATH + "/intro-call", BODY), 404);
    assertThat(kept).isEmpty();
  }

  @Test
  void aBadPutBodyIs400BeforeTheCalendarIsAsked() {
    created(BODY);
    calendars.reset();

    Answer answer =
        http.call("PUT", PATH + "/intro-call", json("{'slug': 'Intro', 'title': 'X', 'seats': 0}"));

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("slug", "duration", "seats");
    assertThat(calendars.asked()).isEmpty();
  }

  @Test
  void deleteAnswers204ThenTheTypeIsGone() {
    created(BODY);

    Answer deleted = http.call("DELETE", PATH + "/intro-call", null);

    assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
    assertThat(deleted.text()).isEmpty();
    assertProblem(http.call("DELETE", PATH + "/intro-call", null), 404);
    assertProblem(http.call("GET", PATH + "/intro-call", null), 404);
  }

  @Test
  void anotherUsersTypesAreRefused() {
    String theirs = "/users/" + KNOWN + "/event-types";
    assertProblem(http.call("POST", theirs, BODY), 403);
    assertProblem(http.call("GET", theirs, null), 403);
    assertProblem(http.call("GET", theirs + "/intro-call", null), 403);
    assertProblem(http.call("PUT", theirs + "/intro-call", BODY), 403);
    assertProblem(http.call("DELETE", theirs + "/intro-call", null), 403);
    assertThat(calendars.asked()).isEmpty();

    Answer notAnId = http.call("GET", "/users/me/event-types", null);
    assertProblem(notAnId, 400);
    assertThat(errorFields(notAnId)).containsExactly("id");
  }

  @Test
  void everyOperationNeedsAToken() {
    assertProblem(http.anonymous("POST", PATH, BODY), 401);
    assertProblem(http.anonymous("GET", PATH, null), 401);
    assertProblem(http.anonymous("GET", PATH + "/intro-call", null), 401);
    assertProblem(http.anonymous("PUT", PATH + "/intro-call", BODY), 401);
    assertProblem(http.anonymous("DELETE", PATH + "/intro-call", null), 401);
    assertProblem(
        http.anonymous("GET", PATH, null, "Authorization", "Bearer someone-elses-token"), 401);
    assertThat(calendars.asked()).isEmpty();
  }

  @Test
  void aBodyOverOneMebibyteIs413() {
    String huge =
        json("{'slug': 'big', 'title': 'Big', 'duration': 'PT30M', 'description': '")
            + "x".repeat(2 * 1024 * 1024)
            + "\"}";

    assertProblem(http.call("POST", PATH, huge), 413);
    assertProblem(http.call("PUT", PATH + "/intro-call", huge), 413);
    assertThat(calendars.asked()).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyGetsTheSameAnswer() {
    Answer first = http.call("POST", PATH, BODY, "Idempotency-Key", "create-1");
    Answer again = http.call("POST", PATH, BODY, "Idempotency-Key", "create-1");

    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(first.json().get("id").asText())
        .isEqualTo(EventTypeService.typeId(CALLER, "create-1").toString());
    assertThat(calendars.asked()).hasSize(1);
  }

  @Test
  void aCreationRunAgainFindsItsOwnFirstTry() {
    // The first try stored the type, but its answer was never recorded.
    UUID id = EventTypeService.typeId(CALLER, "lost-answer");
    keep(
        "intro-call",
        new EventType(
            id,
            CALLER,
            "intro-call",
            "Intro call",
            null,
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofHours(4),
            Duration.ofDays(60),
            null,
            null,
            Duration.ofHours(24),
            1,
            List.of(CALLER),
            List.of(),
            null,
            true,
            NOW));

    Answer retried = http.call("POST", PATH, BODY, "Idempotency-Key", "lost-answer");
    assertThat(retried.status()).as(retried.text()).isEqualTo(201);
    assertThat(retried.json().get("id").asText()).isEqualTo(id.toString());

    assertProblem(http.call("POST", PATH, BODY, "Idempotency-Key", "another-key"), 409);
  }

  @Test
  void aCalendarThatDoesNotAnswerIs503() {
    calendars.reply(new TimeoutException("no answer"));

    assertProblem(http.call("POST", PATH, BODY), 503);
    assertProblem(http.call("GET", PATH, null), 503);
    assertProblem(http.call("DELETE", PATH + "/intro-call", null), 503);
  }

  @Test
  void strangeRequestsAreNeverA500() {
    List<String[]> requests =
        List.of(
            new String[] {"POST", PATH, "[]"},
            new String[] {"POST", PATH, "\"text\""},
            new String[] {"POST", PATH, "{"},
            new String[] {"POST", PATH, "{} {}"},
            new String[] {"POST", PATH, ""},
            new String[] {"POST", PATH, "{\"slug\": null, \"hosts\": [null, 1, {}, []]}"},
            new String[] {"POST", PATH, "{\"duration\": \"PT99999999999999999999H\"}"},
            new String[] {"POST", PATH, "{\"duration\": \"P9999999999999D\"}"},
            new String[] {"POST", PATH, "{\"seats\": 1e400, \"maxPerDay\": -1e400}"},
            new String[] {"POST", PATH, "{\"maxPerWeek\": 99999999999999999999999999}"},
            new String[] {"POST", PATH, "{\"reminders\": [null, 1, {\"offset\": []}]}"},
            new String[] {"POST", PATH, "{\"hosts\": \"" + KNOWN + "\"}"},
            new String[] {"POST", PATH, "{\"active\": null, \"title\": {}}"},
            new String[] {"PUT", PATH, "{}"},
            new String[] {"PATCH", PATH + "/intro-call", "{}"},
            new String[] {"PUT", PATH + "/intro-call", "{\"slug\": \"\\u0000\"}"},
            new String[] {"GET", PATH + "/-", null},
            new String[] {"GET", PATH + "/intro-call/more", null},
            new String[] {"GET", "/users/" + CALLER + "%00/event-types", null},
            new String[] {"DELETE", PATH, null});
    for (String[] r : requests) {
      Answer answer = http.call(r[0], r[1], r[2]);
      assertThat(answer.status())
          .as("%s %s %s: %s", r[0], r[1], r[2], answer.text())
          .isBetween(400, 499);
      assertThat(answer.contentType())
          .as("%s %s", r[0], r[1])
          .isEqualTo("application/problem+json");
    }
  }
}
