package dev.calendar.api.calendar;

import static dev.calendar.api.RouteHarness.CALLER;
import static dev.calendar.api.RouteHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.CannedEntity;
import dev.calendar.api.Problem;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.WorkingHours;
import dev.calendar.user.UserProfile;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Free/busy and working-hours routes over canned calendar replies and profiles. */
class AvailabilityRoutesTest {
  private static final Instant NOW = Instant.parse("2027-02-01T12:00:00Z");
  private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-0000000000b0");
  private static final String WINDOW = "?start=2027-03-01T00:00:00Z&end=2027-03-02T00:00:00Z";

  private static final CannedEntity<CalendarEntity.Command> calendars = new CannedEntity<>();
  private static RouteHarness http;

  @BeforeAll
  static void start() {
    var service =
        new AvailabilityService(
            calendars,
            id ->
                id.equals(CALLER) || id.equals(OTHER)
                    ? CompletableFuture.completedFuture(profile(id, "Asia/Tokyo"))
                    : CompletableFuture.failedFuture(Problem.notFound("no such user")),
            new AvailabilityAnswers(1 << 20, java.time.Duration.ofMinutes(10)));
    http = new RouteHarness();
    http.serve(new AvailabilityRoutes(service, http.auth).route());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @BeforeEach
  void forget() {
    calendars.reset();
  }

  private static long nextRevision = 1;

  /** A new revision for each canned answer, as a calendar that changed would give. */
  private static long revision() {
    return nextRevision++;
  }

  private static UserProfile profile(UUID id, String zone) {
    return new UserProfile(
        id, "u@example.com", "User", ZoneId.of(zone), List.of(), null, List.of(), NOW, NOW);
  }

  private static void assertProblem(Answer answer, int status) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  private static List<String> errorFields(Answer answer) {
    return answer.json().get("errors").findValues("field").stream().map(JsonNode::asText).toList();
  }

  @Test
  void anAnswerKeptIsServedAgainWhileTheCalendarIsUnchanged() {
    var busy =
        new Interval(Instant.parse("2027-05-03T09:00:00Z"), Instant.parse("2027-05-03T10:00:00Z"));
    // A window no other test asks for, so the answer kept is this test's.
    var path =
        "/users/" + OTHER + "/availability?start=2027-05-03T00:00:00Z&end=2027-05-04T00:00:00Z";
    calendars.reply(new CalendarEntity.Availability(List.of(busy), List.of(), null, 41));
    String first = http.call("GET", path, null).text();
    assertThat(((CalendarEntity.GetAvailability) calendars.lastCommand()).knownRevision()).isZero();

    // The calendar says it is still at revision 41 and sends nothing: the kept answer is sent.
    calendars.reply(new CalendarEntity.Availability(null, null, null, 41));
    Answer again = http.call("GET", path, null);
    assertThat(((CalendarEntity.GetAvailability) calendars.lastCommand()).knownRevision())
        .isEqualTo(41);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text()).isEqualTo(first).contains("2027-05-03T09:00:00Z");

    // Changed: the new answer is sent, and kept in place of the old one.
    calendars.reply(new CalendarEntity.Availability(List.of(), List.of(), null, 42));
    assertThat(http.call("GET", path, null).text()).contains("\"busy\":[]");
    calendars.reply(new CalendarEntity.Availability(null, null, null, 42));
    assertThat(http.call("GET", path, null).text()).contains("\"busy\":[]");
  }

  @Test
  void anyonesFreeBusyInTheirZone() {
    var busy =
        new Interval(Instant.parse("2027-03-01T09:00:00Z"), Instant.parse("2027-03-01T10:00:00Z"));
    var free =
        new Interval(Instant.parse("2027-03-01T10:00:00Z"), Instant.parse("2027-03-01T17:00:00Z"));
    calendars.reply(
        new CalendarEntity.Availability(List.of(busy), List.of(free), null, revision()));

    Answer answer = http.call("GET", "/users/" + OTHER + "/availability" + WINDOW, null);

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.text())
        .isEqualTo(
            json(
                "{'userId':'"
                    + OTHER
                    + "','timezone':'Asia/Tokyo',"
                    + "'busy':[{'start':'2027-03-01T09:00:00Z','end':'2027-03-01T10:00:00Z'}],"
                    + "'free':[{'start':'2027-03-01T10:00:00Z','end':'2027-03-01T17:00:00Z'}]}"));
    assertThat(calendars.asked().get(0).entityId()).isEqualTo(OTHER.toString());
    assertThat(((CalendarEntity.GetAvailability) calendars.lastCommand()).window())
        .isEqualTo(
            new Interval(
                Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-03-02T00:00:00Z")));
  }

  @Test
  void theWorkingHoursZoneWins() {
    var hours = new WorkingHours(ZoneId.of("Europe/Berlin"), Map.of(), Map.of());
    calendars.reply(new CalendarEntity.Availability(List.of(), List.of(), hours, revision()));

    Answer answer = http.call("GET", "/user/" + OTHER + "/availability" + WINDOW, null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("timezone").asText()).isEqualTo("Europe/Berlin");
  }

  @Test
  void anUnknownUserIs404() {
    calendars.reply(new CalendarEntity.Availability(List.of(), List.of(), null, revision()));

    assertProblem(
        http.call("GET", "/users/" + UUID.randomUUID() + "/availability" + WINDOW, null), 404);
  }

  @Test
  void aBadWindowIs400NamingIt() {
    Answer tooLong =
        http.call(
            "GET",
            "/users/" + OTHER + "/availability?start=2027-03-01T00:00:00Z&end=2027-06-01T00:00:00Z",
            null);
    assertProblem(tooLong, 400);
    assertThat(errorFields(tooLong)).containsExactly("end");

    Answer noStart = http.call("GET", "/users/" + OTHER + "/availability", null);
    assertProblem(noStart, 400);
    assertThat(errorFields(noStart)).containsExactly("start");
    assertThat(calendars.asked()).isEmpty();
  }

  @Test
  void setRulesStoresTheHoursInTheUsersZone() {
    calendars.reply(Done.getInstance());

    Answer answer =
        http.call(
            "PUT",
            "/users/" + CALLER + "/availability-rules",
            json(
                "{'weekly': {'mon': [{'start': '09:00', 'end': '17:00'}], 'FRI': [{'start': '20:00',"
                    + " 'end': '24:00'}]}, 'overrides': [{'date': '2027-12-24', 'intervals': []}]}"));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.text())
        .isEqualTo(
            json(
                "{'timezone':'Asia/Tokyo','weekly':{'MON':[{'start':'09:00','end':'17:00'}],"
                    + "'FRI':[{'start':'20:00','end':'24:00'}]},"
                    + "'overrides':[{'date':'2027-12-24','intervals':[]}]}"));
    var set = (CalendarEntity.SetWorkingHours) calendars.lastCommand();
    assertThat(set.hours().zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(set.hours().weekly().get(DayOfWeek.MONDAY))
        .containsExactly(new WorkingHours.LocalRange(LocalTime.of(9, 0), LocalTime.of(17, 0)));
    assertThat(calendars.asked().get(0).entityId()).isEqualTo(CALLER.toString());
  }

  @Test
  void badRulesAre400NamingEveryField() {
    Answer answer =
        http.call(
            "PUT",
            "/users/" + CALLER + "/availability-rules",
            json(
                "{'timezone': 'Nowhere', 'weekly': {'MONDAY': [], 'TUE': [{'start': '10:00', 'end':"
                    + " '09:00'}]}, 'overrides': [{'date': '24.12.2027'}]}"));

    assertProblem(answer, 400);
    assertThat(errorFields(answer))
        .containsExactly(
            "timezone",
            "weekly.MONDAY",
            "weekly.TUE[0].end",
            "overrides[0].date",
            "overrides[0].intervals");
    assertThat(calendars.asked()).isEmpty();
  }

  @Test
  void onlyOnesOwnRules() {
    assertProblem(
        http.call("PUT", "/users/" + OTHER + "/availability-rules", json("{'weekly': {}}")), 403);
    assertThat(calendars.asked()).isEmpty();
  }

  /** The answer's shape, as Jackson writes it: what the route writes directly must equal. */
  record SpanView(Instant start, Instant end) {}

  record AvailabilityView(UUID userId, ZoneId timezone, List<SpanView> busy, List<SpanView> free) {}

  @Test
  void theAnswerIsWrittenAsJacksonWouldWriteIt() throws Exception {
    var at = Instant.parse("2027-03-28T00:59:59Z");
    List<Interval> busy =
        List.of(
            new Interval(at, at.plusSeconds(7200)),
            new Interval(at.plusSeconds(86_400 * 400), at.plusSeconds(86_400 * 400 + 1)));
    List<Interval> free = List.of(new Interval(at.minusSeconds(3601), at));
    UUID user = UUID.randomUUID();
    var zone = ZoneId.of("America/Argentina/Buenos_Aires");

    String direct =
        new String(
            AvailabilityJson.write(user, zone, busy, free).toArray(),
            java.nio.charset.StandardCharsets.US_ASCII);

    var views =
        new AvailabilityView(
            user,
            zone,
            busy.stream().map(i -> new SpanView(i.start(), i.end())).toList(),
            free.stream().map(i -> new SpanView(i.start(), i.end())).toList());
    assertThat(direct).isEqualTo(dev.calendar.wire.Json.write(views));
    assertThat(
            new String(
                AvailabilityJson.write(user, zone, List.of(), List.of()).toArray(),
                java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo(
            dev.calendar.wire.Json.write(new AvailabilityView(user, zone, List.of(), List.of())));
  }
}
