package dev.calendar.api.meeting;

import static dev.calendar.api.RouteHarness.CALLER;
import static dev.calendar.api.RouteHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.CannedEntity;
import dev.calendar.api.Problem;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.calendar.CalendarBook;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.calendar.Conflict;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Schedule;
import dev.calendar.user.UserProfile;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /events} over a meeting service whose entities give canned replies. */
class EventRoutesTest {
  private static final Instant NOW = Instant.parse("2027-02-01T12:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final UUID KNOWN_USER = UUID.fromString("00000000-0000-0000-0000-0000000000b0");
  private static final UUID EVENT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
  private static final String BODY =
      json("{'title': 'Planning', 'start': '2027-03-01T09:00:00Z', 'end': '2027-03-01T10:00:00Z'}");

  private static final CannedEntity<MeetingEntity.Command> meetings = new CannedEntity<>();
  private static final CannedEntity<CalendarEntity.Command> calendars = new CannedEntity<>();
  private static RouteHarness http;

  @BeforeAll
  static void start() {
    var service =
        new MeetingService(
            meetings,
            calendars,
            id ->
                id.equals(CALLER) || id.equals(KNOWN_USER)
                    ? CompletableFuture.completedFuture(profile(id))
                    : CompletableFuture.failedFuture(Problem.notFound("no such user")),
            Clock.fixed(NOW, ZoneOffset.UTC));
    http = new RouteHarness();
    http.serve(new EventRoutes(service, http.auth, http.idempotency).route());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @BeforeEach
  void forget() {
    meetings.reset();
    calendars.reset();
  }

  private static UserProfile profile(UUID id) {
    return new UserProfile(
        id, id + "@example.com", "User", BERLIN, List.of(), null, List.of(), NOW, NOW);
  }

  private static Meeting meeting(UUID id, MeetingDetails details, long version) {
    return new Meeting(id, CALLER, details, false, NOW, NOW, version, UUID.randomUUID());
  }

  private static Meeting stored(long version) {
    var schedule =
        new Schedule(
            Instant.parse("2027-03-01T09:00:00Z"),
            Instant.parse("2027-03-01T10:00:00Z"),
            BERLIN,
            null,
            List.of(),
            List.of());
    return meeting(
        EVENT, new MeetingDetails("Planning", null, null, schedule, List.of(), List.of()), version);
  }

  private static void assertProblem(Answer answer, int status) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.json().get("status").asInt()).isEqualTo(status);
  }

  private static List<String> errorFields(Answer answer) {
    return answer.json().get("errors").findValues("field").stream().map(JsonNode::asText).toList();
  }

  @Test
  void createAnswers201WithTheEventItsLocationAndVersion() {
    meetings.answer(
        command -> {
          var create = (MeetingEntity.Create) command;
          return new MeetingEntity.Ok(meeting(EVENT, create.details(), 1));
        });

    Answer answer = http.call("POST", "/events", BODY);

    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    assertThat(answer.contentType()).isEqualTo("application/json");
    assertThat(answer.header("Location")).contains("/events/" + EVENT);
    assertThat(answer.header("ETag")).contains("\"1\"");
    JsonNode body = answer.json();
    assertThat(body.get("id").asText()).isEqualTo(EVENT.toString());
    assertThat(body.get("organizerId").asText()).isEqualTo(CALLER.toString());
    assertThat(body.get("title").asText()).isEqualTo("Planning");
    assertThat(body.get("start").asText()).isEqualTo("2027-03-01T09:00:00Z");
    assertThat(body.get("end").asText()).isEqualTo("2027-03-01T10:00:00Z");
    assertThat(body.get("timezone").asText()).as("the organizer's zone").isEqualTo("Europe/Berlin");
    assertThat(body.get("status").asText()).isEqualTo("confirmed");
    assertThat(body.get("version").asLong()).isEqualTo(1);
    assertThat(body.get("participants").isArray()).isTrue();

    var create = (MeetingEntity.Create) meetings.lastCommand();
    assertThat(create.organizerId()).isEqualTo(CALLER);
    assertThat(create.at()).isEqualTo(NOW);
  }

  @Test
  void theIdempotencyKeyNamesTheMeeting() {
    meetings.answer(
        command ->
            new MeetingEntity.Ok(meeting(EVENT, ((MeetingEntity.Create) command).details(), 1)));

    http.call("POST", "/events", BODY, "Idempotency-Key", "k-1");
    http.call("POST", "/events", json("{'idempotencyKey': 'k-1'," + BODY.substring(1)));

    assertThat(meetings.asked())
        .extracting(CannedEntity.Asked::entityId)
        .containsExactly(
            MeetingService.meetingId(CALLER, "k-1").toString(),
            MeetingService.meetingId(CALLER, "k-1").toString());
    assertThat(meetings.asked())
        .extracting(a -> ((MeetingEntity.Create) a.command()).requestHash())
        .as("the body field is not part of the request hash")
        .doesNotContainNull()
        .hasSize(2)
        .allMatch(
            h ->
                h.equals(((MeetingEntity.Create) meetings.asked().get(0).command()).requestHash()));
  }

  @Test
  void conflictsAre409ListingThem() {
    UUID other = UUID.randomUUID();
    var conflict =
        new Conflict(
            KNOWN_USER,
            Instant.parse("2027-03-01T09:30:00Z"),
            Instant.parse("2027-03-01T10:30:00Z"),
            other);
    meetings.reply(new MeetingEntity.Conflicts(List.of(conflict)));

    Answer answer = http.call("POST", "/events", BODY);

    assertProblem(answer, 409);
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("the time is not free for every participant; nothing was booked");
    JsonNode conflicts = answer.json().get("conflicts");
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.get(0).get("userId").asText()).isEqualTo(KNOWN_USER.toString());
    assertThat(conflicts.get(0).get("start").asText()).isEqualTo("2027-03-01T09:30:00Z");
    assertThat(conflicts.get(0).get("eventId").asText()).isEqualTo(other.toString());
  }

  @Test
  void versionMismatchIs412WithTheCurrentVersion() {
    meetings.reply(new MeetingEntity.VersionMismatch(5));

    Answer answer = http.call("PUT", "/events/" + EVENT, BODY, "If-Match", "\"3\"");

    assertProblem(answer, 412);
    assertThat(answer.json().get("currentVersion").asLong()).isEqualTo(5);
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("the event is at version 5, not the one in If-Match");
    var update = (MeetingEntity.Update) meetings.lastCommand();
    assertThat(update.expectedVersion()).isEqualTo(3L);
    assertThat(update.change()).isInstanceOf(MeetingEntity.ReplaceDetails.class);
    assertThat(meetings.asked().get(0).entityId()).isEqualTo(EVENT.toString());
  }

  @Test
  void replaceAnswers200WithTheNewVersion() {
    meetings.reply(new MeetingEntity.Ok(stored(4)));

    Answer answer = http.call("PUT", "/events/" + EVENT, BODY, "If-Match", "3");

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.header("ETag")).contains("\"4\"");
    assertThat(answer.json().get("version").asLong()).isEqualTo(4);
  }

  @Test
  void ifMatchTakesPlainQuotedAndWeakVersions() {
    meetings.reply(new MeetingEntity.Ok(stored(8)));
    String path = "/events/" + EVENT + "/occurrences/2027-03-01T09:00:00Z";

    http.call("DELETE", path, null, "If-Match", "7");
    http.call("DELETE", path, null, "If-Match", "\"7\"");
    http.call("DELETE", path, null, "If-Match", "W/\"7\"");
    Answer without = http.call("DELETE", path, null);

    assertThat(without.status()).isEqualTo(204);
    assertThat(meetings.asked())
        .extracting(a -> ((MeetingEntity.Update) a.command()).expectedVersion())
        .containsExactly(7L, 7L, 7L, null);
    assertThat(((MeetingEntity.Update) meetings.lastCommand()).change())
        .isEqualTo(new MeetingEntity.CancelOccurrence(Instant.parse("2027-03-01T09:00:00Z")));
  }

  @Test
  void aBadIfMatchIs400NamingIt() {
    Answer answer = http.call("PUT", "/events/" + EVENT, BODY, "If-Match", "\"three\"");

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("If-Match");
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void anUnknownEventIs404() {
    meetings.reply(new MeetingEntity.NotFound());

    Answer answer = http.call("GET", "/events/" + EVENT, null);

    assertProblem(answer, 404);
    assertThat(answer.json().get("detail").asText()).isEqualTo("no such event");
    assertThat(((MeetingEntity.Get) meetings.lastCommand()).callerId()).isEqualTo(CALLER);
  }

  @Test
  void showAnswers200WithTheVersion() {
    meetings.reply(new MeetingEntity.Ok(stored(2)));

    Answer answer = http.call("GET", "/events/" + EVENT, null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("ETag")).contains("\"2\"");
    assertThat(answer.json().get("id").asText()).isEqualTo(EVENT.toString());
  }

  @Test
  void aRefusalByTheEntityIs403WithItsReason() {
    meetings.reply(new MeetingEntity.Forbidden("only the organizer can cancel the event"));

    Answer answer = http.call("DELETE", "/events/" + EVENT, null);

    assertProblem(answer, 403);
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("only the organizer can cancel the event");
  }

  @Test
  void cancelAnswers204() {
    meetings.reply(new MeetingEntity.Ok(stored(3)));

    Answer answer = http.call("DELETE", "/events/" + EVENT, null);

    assertThat(answer.status()).isEqualTo(204);
    assertThat(answer.text()).isEmpty();
    assertThat(meetings.lastCommand()).isInstanceOf(MeetingEntity.Cancel.class);
  }

  @Test
  void aReusedKeyIs422() {
    meetings.reply(new MeetingEntity.KeyReused());

    Answer answer = http.call("POST", "/events", BODY, "Idempotency-Key", "k-2");

    assertProblem(answer, 422);
    assertThat(answer.json().get("title").asText()).isEqualTo("Idempotency key reused");
  }

  @Test
  void anUnavailableEntityIs503WithRetryAfter() {
    meetings.reply(new MeetingEntity.Unavailable("a calendar did not answer"));

    Answer answer = http.call("POST", "/events", BODY);

    assertProblem(answer, 503);
    assertThat(answer.header("Retry-After")).contains("1");
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("a calendar did not answer; retry with the same key");
  }

  @Test
  void aRefusalIs400OnItsFieldOr409() {
    meetings.reply(new MeetingEntity.Refused("recurrenceRule", "too many occurrences"));
    Answer onField = http.call("POST", "/events", BODY);
    assertProblem(onField, 400);
    assertThat(errorFields(onField)).containsExactly("recurrenceRule");

    meetings.reply(new MeetingEntity.Refused(null, "the event is cancelled"));
    Answer general = http.call("POST", "/events", BODY);
    assertProblem(general, 409);
    assertThat(general.json().get("detail").asText()).isEqualTo("the event is cancelled");
  }

  @Test
  void aBadBodyIs400NamingEveryFieldAndNoEntityIsAsked() {
    Answer answer =
        http.call(
            "POST",
            "/events",
            json(
                "{'title': '', 'start': '2027-03-01T09:00:00', 'end': '2027-03-01T10:00:00Z',"
                    + " 'timezone': 'Nowhere', 'reminders': [{'offset': 'PT1M'}]}"));

    assertProblem(answer, 400);
    assertThat(answer.json().get("title").asText()).isEqualTo("Invalid input");
    assertThat(errorFields(answer))
        .containsExactly("title", "start", "timezone", "reminders[0].channel");
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void aBadRuleIs400OnRecurrenceRule() {
    Answer answer =
        http.call(
            "POST",
            "/events",
            json(
                "{'title': 'x', 'start': '2027-03-01T09:00:00Z', 'end': '2027-03-01T10:00:00Z',"
                    + " 'recurrenceRule': 'FREQ=SOMETIMES'}"));

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("recurrenceRule");
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void aBadRuleIsReportedInTheSameProblemAsTheOtherBadFields() {
    Answer answer =
        http.call(
            "POST",
            "/events",
            json(
                "{'title': '', 'start': '2027-03-01T09:00:00Z', 'end': '2027-03-01T10:00:00Z',"
                    + " 'recurrenceRule': 'FREQ=SOMETIMES', 'reminders': [{'offset': 'PT1M'}]}"));

    assertProblem(answer, 400);
    assertThat(errorFields(answer))
        .containsExactly("title", "recurrenceRule", "reminders[0].channel");
    assertThat(answer.json().get("detail").asText()).isEqualTo("3 fields are invalid");
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void aReplacedEventsRuleIsCheckedInTheCallersZone() {
    // In Berlin the day after 2027-03-27 starts 23 hours later, so these 23.5-hour days overlap.
    Answer answer =
        http.call(
            "PUT",
            "/events/" + EVENT,
            json(
                "{'title': 'x', 'start': '2027-03-27T08:00:00Z', 'end': '2027-03-28T07:30:00Z',"
                    + " 'recurrenceRule': 'FREQ=DAILY;COUNT=3'}"),
            "If-Match",
            "\"1\"");

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("recurrenceRule");
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void anUnknownParticipantIs400NamingIt() {
    Answer answer =
        http.call(
            "POST",
            "/events",
            json(
                "{'title': 'x', 'start': '2027-03-01T09:00:00Z', 'end': '2027-03-01T10:00:00Z',"
                    + " 'participants': [{'email': 'a@example.com'}, {'userId': '"
                    + KNOWN_USER
                    + "'}, {'userId': '"
                    + UUID.randomUUID()
                    + "'}]}"));

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("participants[2].userId");
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("participants[2].userId: no such user");
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void aBadIdIs400() {
    Answer answer = http.call("GET", "/events/not-an-id", null);

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("id");
  }

  @Test
  void aBadOccurrenceEditIs400() {
    Answer answer =
        http.call(
            "PUT",
            "/events/" + EVENT + "/occurrences/2027-03-01T09:00:00Z",
            json("{'start': '2027-03-01T11:00:00Z', 'end': '2027-03-01T10:00:00Z', 'title': ''}"),
            "If-Match",
            "1");

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("title", "end");
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void aBadOriginalStartIs400() {
    Answer answer =
        http.call("DELETE", "/events/" + EVENT + "/occurrences/yesterday", null, "If-Match", "1");

    assertProblem(answer, 400);
    assertThat(errorFields(answer)).containsExactly("originalStart");
  }

  @Test
  void withoutATokenIs401() {
    Answer answer = http.anonymous("GET", "/events/" + EVENT, null);

    assertProblem(answer, 401);
    assertThat(answer.header("WWW-Authenticate")).contains("Bearer");
    Answer wrong = http.anonymous("GET", "/events/" + EVENT, null, "Authorization", "Bearer nope");
    assertProblem(wrong, 401);
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void onlyOnesOwnEventsAreListed() {
    Answer answer =
        http.call(
            "GET",
            "/users/" + KNOWN_USER + "/events?start=2027-03-01T00:00:00Z&end=2027-04-01T00:00:00Z",
            null);

    assertProblem(answer, 403);
    assertThat(calendars.asked()).isEmpty();
  }

  @Test
  void listingAsksTheCallersCalendar() {
    calendars.reply(new CalendarEntity.Occurrences(List.of()));

    Answer answer =
        http.call(
            "GET",
            "/users/" + CALLER + "/events?start=2027-03-01T00:00:00Z&end=2027-04-01T00:00:00Z",
            null);

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.json().get("occurrences")).isEmpty();
    assertThat(calendars.asked().get(0).entityId()).isEqualTo(CALLER.toString());
  }

  @Test
  void listedOccurrencesCarryTheirOwnTitleElseTheEvents() {
    var booking = stored(1).booking();
    var moved =
        new Occurrence(
            Instant.parse("2027-03-08T09:00:00Z"),
            Instant.parse("2027-03-08T11:00:00Z"),
            Instant.parse("2027-03-08T12:00:00Z"),
            "Moved planning");
    var plain =
        new Occurrence(
            Instant.parse("2027-03-15T09:00:00Z"),
            Instant.parse("2027-03-15T09:00:00Z"),
            Instant.parse("2027-03-15T10:00:00Z"),
            null);
    calendars.reply(
        new CalendarEntity.Occurrences(
            List.of(
                new CalendarBook.Listed(booking, moved), new CalendarBook.Listed(booking, plain))));

    Answer answer =
        http.call(
            "GET",
            "/users/" + CALLER + "/events?start=2027-03-01T00:00:00Z&end=2027-04-01T00:00:00Z",
            null);

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.text())
        .isEqualTo(
            json(
                "{'occurrences':[{'eventId':'"
                    + EVENT
                    + "','title':'Moved planning','start':'2027-03-08T11:00:00Z',"
                    + "'end':'2027-03-08T12:00:00Z','originalStart':'2027-03-08T09:00:00Z',"
                    + "'recurring':false,'status':'confirmed'},{'eventId':'"
                    + EVENT
                    + "','title':'Planning','start':'2027-03-15T09:00:00Z',"
                    + "'end':'2027-03-15T10:00:00Z','originalStart':'2027-03-15T09:00:00Z',"
                    + "'recurring':false,'status':'confirmed'}]}"));
  }

  @Test
  void anOccurrenceEditIsPassedOnWithItsVersion() {
    meetings.reply(new MeetingEntity.Ok(stored(6)));

    Answer answer =
        http.call(
            "PUT",
            "/events/" + EVENT + "/occurrences/2027-03-08T09:00:00Z",
            json("{'start': '2027-03-08T11:00:00Z', 'end': '2027-03-08T12:00:00Z'}"),
            "If-Match",
            "5");

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.header("ETag")).contains("\"6\"");
    var update = (MeetingEntity.Update) meetings.lastCommand();
    assertThat(update.expectedVersion()).isEqualTo(5L);
    assertThat(update.change())
        .isEqualTo(
            new MeetingEntity.EditOccurrence(
                Instant.parse("2027-03-08T09:00:00Z"),
                Instant.parse("2027-03-08T11:00:00Z"),
                Instant.parse("2027-03-08T12:00:00Z"),
                null));
  }

  @Test
  void aTimeoutIs503() {
    meetings.reply(new java.util.concurrent.TimeoutException("ask timed out"));

    Answer answer = http.call("GET", "/events/" + EVENT, null);

    assertProblem(answer, 503);
    assertThat(answer.header("Retry-After")).contains("1");
  }
}
