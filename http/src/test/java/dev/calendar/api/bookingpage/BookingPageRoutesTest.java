package dev.calendar.api.bookingpage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.api.CannedEntity;
import dev.calendar.api.ClientAddress;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.api.ratelimit.TokenBucket;
import dev.calendar.bookingpage.EventType;
import dev.calendar.bookingpage.HostView;
import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.schedule.WorkingHours;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public booking-page routes over canned calendars and meetings: answers, bad input (always a
 * 4xx naming the field, never a 500) and the per-address limits.
 */
class BookingPageRoutesTest {
  static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  private static final Instant NOW = Instant.parse("2027-02-01T00:00:00Z");
  static final CannedEntity<CalendarEntity.Command> calendars = new CannedEntity<>();
  private static final CannedEntity<MeetingEntity.Command> meetings = new CannedEntity<>();
  private static RouteHarness http;

  static final EventType TYPE =
      new EventType(
          UUID.randomUUID(),
          OWNER,
          "intro",
          "Intro call",
          "Say hello",
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO,
          Duration.ofDays(60),
          null,
          null,
          Duration.ZERO,
          1,
          List.of(OWNER),
          List.of(),
          null,
          true,
          NOW);

  static WorkingHours nineToFive(String zone) {
    var weekly = new EnumMap<DayOfWeek, List<WorkingHours.LocalRange>>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      weekly.put(d, List.of(new WorkingHours.LocalRange(LocalTime.of(9, 0), LocalTime.of(17, 0))));
    }
    return new WorkingHours(ZoneId.of(zone), weekly, Map.of());
  }

  static BookingPageService service() {
    return new BookingPageService(
        calendars,
        meetings,
        id -> CompletableFuture.completedFuture(null),
        new ManageLinks(new byte[32], "https://cal.example"),
        new SlotLists(1 << 20, Duration.ofMinutes(1)),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @BeforeAll
  static void serve() {
    var generous = new TokenBucket.Limit(1000, Duration.ofMillis(1));
    http =
        new RouteHarness()
            .serve(
                new BookingPageRoutes(
                        service(),
                        new PublicLimits(
                            new ClientAddress(List.of()),
                            generous,
                            generous,
                            100,
                            Clock.systemUTC()))
                    .route());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @BeforeEach
  void aPageInBerlin() {
    calendars.reset();
    meetings.reset();
    calendars.reply(
        new CalendarEntity.BookingPage(
            TYPE, new HostView(OWNER, nineToFive("Europe/Berlin"), List.of(), List.of()), 1));
  }

  private static String slotsPath(String query) {
    return "/book/" + OWNER + "/intro/slots?" + query;
  }

  @Test
  void theSlotListIsTheSameInstantsWhateverZoneLabelsIt() {
    Answer berlin =
        http.anonymous(
            "GET", slotsPath("start=2027-02-02T00:00:00Z&end=2027-02-03T00:00:00Z"), null);
    Answer kolkata =
        http.anonymous(
            "GET",
            slotsPath("start=2027-02-02T00:00:00Z&end=2027-02-03T00:00:00Z&timezone=Asia/Kolkata"),
            null);

    assertThat(berlin.status()).isEqualTo(200);
    assertThat(berlin.json().get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(kolkata.json().get("timezone").asText()).isEqualTo("Asia/Kolkata");
    assertThat(kolkata.json().get("slots")).isEqualTo(berlin.json().get("slots"));
    assertThat(berlin.json().get("slots")).hasSize(16);
    assertThat(berlin.json().get("slots").get(0).get("start").asText())
        .isEqualTo("2027-02-02T08:00:00Z");
  }

  @Test
  void badSlotQueriesAreFourHundredsNamingTheParameter() {
    assertProblem(
        http.anonymous(
            "GET", slotsPath("start=2027-02-01T00:00:00Z&end=2027-03-05T00:00:00Z"), null),
        400,
        "end");
    assertProblem(http.anonymous("GET", slotsPath("start=2027-02-01T00:00:00Z"), null), 400, "end");
    assertProblem(
        http.anonymous(
            "GET",
            slotsPath("start=2027-02-01T00:00:00Z&end=2027-02-02T00:00:00Z&timezone=Mars/Base"),
            null),
        400,
        "timezone");
  }

  @Test
  void unknownPagesAreNotFound() {
    calendars.reply(new CalendarEntity.BookingPage(null, null, 1));

    assertThat(http.anonymous("GET", "/book/" + OWNER + "/nothing", null).status()).isEqualTo(404);
    assertThat(http.anonymous("GET", "/book/not-a-user/intro", null).status()).isEqualTo(404);
    assertThat(http.anonymous("GET", "/book/" + OWNER + "/Bad_Slug", null).status()).isEqualTo(404);
    assertThat(http.anonymous("GET", "/book/manage/not-a-token", null).status()).isEqualTo(404);
  }

  @Test
  void theDescriptionGivesTitleDurationAndZone() {
    Answer info = http.anonymous("GET", "/book/" + OWNER + "/intro", null);

    assertThat(info.status()).isEqualTo(200);
    assertThat(info.json().get("title").asText()).isEqualTo("Intro call");
    assertThat(info.json().get("duration").asText()).isEqualTo("PT30M");
    assertThat(info.json().get("timezone").asText()).isEqualTo("Europe/Berlin");
  }

  @Test
  void everyBadFieldOfABookingIsNamedAndNothingIsBooked() {
    Answer answer =
        http.anonymous(
            "POST",
            "/book/" + OWNER + "/intro",
            "{\"start\":\"tomorrow\",\"invitee\":{\"name\":\"\",\"email\":\"nope\","
                + "\"timezone\":\"Nowhere/City\"},\"notes\":42}");

    assertProblem(
        answer, 400, "start", "invitee.name", "invitee.email", "invitee.timezone", "notes");
    assertProblem(
        http.anonymous("POST", "/book/" + OWNER + "/intro", "{\"start\":\"2027-02-02T08:00:00Z\"}"),
        400,
        "invitee");
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void aStartThatWasNeverASlotIsRefusedBeforeAnyMeetingIsAsked() {
    Answer offGrid =
        http.anonymous(
            "POST",
            "/book/" + OWNER + "/intro",
            "{\"start\":\"2027-02-02T08:10:00Z\",\"invitee\":{\"name\":\"Guest\","
                + "\"email\":\"guest@example.com\",\"timezone\":\"Asia/Kolkata\"}}");

    assertProblem(offGrid, 400, "start");
    assertThat(meetings.asked()).isEmpty();
  }

  @Test
  void aTwoMebibyteBodyIsTooLarge() {
    String big = "{\"notes\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    assertThat(http.anonymous("POST", "/book/" + OWNER + "/intro", big).status()).isEqualTo(413);
  }

  private static void assertProblem(Answer answer, int status, String... fields) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(answer.text()).doesNotContain("Exception");
    List<String> named = new java.util.ArrayList<>();
    answer.json().path("errors").forEach(e -> named.add(e.get("field").asText()));
    assertThat(named).containsExactlyInAnyOrder(fields);
  }
}
