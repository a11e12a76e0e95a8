package dev.calendar.api.feed;

import static dev.calendar.api.RouteHarness.CALLER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.api.CannedEntity;
import dev.calendar.api.ClientAddress;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.api.bookingpage.PublicLimits;
import dev.calendar.api.ratelimit.TokenBucket;
import dev.calendar.api.user.LoginThrottle;
import dev.calendar.api.user.LoginThrottleSettings;
import dev.calendar.api.user.UserRoutes;
import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.schedule.Schedule;
import dev.calendar.user.FeedTokens;
import dev.calendar.user.UserEntity;
import dev.calendar.user.UserProfile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed's routes over a user entity that keeps the token's hash as the real one does and a
 * canned calendar: a token, then the feed with its ETag and 304; wrong, revoked and someone else's.
 */
class CalendarFeedRoutesTest {
  private static final Instant NOW = Instant.parse("2027-02-01T12:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-0000000000b0");
  private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-0000000000c0");
  private static final UUID MINE = UUID.fromString("11111111-0000-0000-0000-000000000001");
  private static final UUID BOBS = UUID.fromString("11111111-0000-0000-0000-000000000002");

  private static final CannedEntity<UserEntity.Command> users = new CannedEntity<>();
  private static final CannedEntity<CalendarEntity.Command> calendars = new CannedEntity<>();
  private static final List<Booking> bookings = new CopyOnWriteArrayList<>();
  private static volatile String tokenHash;
  private static RouteHarness http;

  @BeforeAll
  static void start() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    var feeds =
        new CalendarFeedService(
            users,
            calendars,
            id ->
                id.equals(BOB)
                    ? CompletableFuture.completedFuture(profile(BOB, "bob@example.com", "Bob"))
                    : CompletableFuture.failedFuture(new IllegalStateException("unknown")),
            "https://cal.example/",
            new SecureRandom(),
            clock);
    var generous = new TokenBucket.Limit(1000, Duration.ofMillis(1));
    var limits = new PublicLimits(new ClientAddress(List.of()), generous, generous, 100, clock);
    http = new RouteHarness();
    http.serve(
        new CalendarFeedRoutes(feeds, http.auth, limits).route(),
        // Another self-only route, to compare answers with.
        new UserRoutes(
                null,
                http.auth,
                http.idempotency,
                new LoginThrottle(new LoginThrottleSettings(generous, generous, 100), clock),
                new ClientAddress(List.of()))
            .route());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  private static UserProfile profile(UUID id, String email, String name) {
    return new UserProfile(id, email, name, BERLIN, List.of(), null, List.of(), NOW, NOW);
  }

  /** The caller's account, keeping the hash of its feed token as UserEntity does. */
  private static Object account(UserEntity.Command command) {
    if (command instanceof UserEntity.IssueFeedToken issue) {
      tokenHash = issue.tokenHash();
      return new UserEntity.Found(profile(CALLER, "ann@example.com", "Ann"));
    }
    if (command instanceof UserEntity.OpenFeed open) {
      return open.tokenHash().equals(tokenHash)
          ? new UserEntity.Found(profile(CALLER, "ann@example.com", "Ann"))
          : new UserEntity.NotFound();
    }
    return new AssertionError("unexpected " + command);
  }

  @BeforeEach
  void anAccountWithTwoEvents() {
    users.reset();
    calendars.reset();
    tokenHash = null;
    bookings.clear();
    Instant nine = Instant.parse("2027-03-01T08:00:00Z");
    bookings.add(
        new Booking(
            MINE,
            CALLER,
            "Weekly sync",
            new Schedule(
                nine,
                nine.plusSeconds(3600),
                BERLIN,
                "FREQ=WEEKLY;BYDAY=MO;COUNT=10",
                List.of(nine.plus(Duration.ofDays(7))),
                List.of()),
            null,
            3,
            NOW.minusSeconds(3600)));
    bookings.add(
        new Booking(
            BOBS,
            BOB,
            "Bob's review",
            Schedule.single(nine.plusSeconds(7200), nine.plusSeconds(9000), BERLIN),
            null,
            1,
            NOW.minusSeconds(600)));
    users.answer(CalendarFeedRoutesTest::account);
    calendars.answer(c -> new CalendarEntity.Bookings(List.copyOf(bookings)));
  }

  private static String newToken() {
    Answer answer = http.call("POST", "/users/" + CALLER + "/calendar-feed-token", null);
    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    return answer.json().get("token").asText();
  }

  private static String feedPath(String token) {
    return "/users/" + CALLER + "/calendar.ics?token=" + token;
  }

  private static void assertNotFound(Answer answer) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(404);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void aNewTokenIsCreatedAndItsUrlServesTheFeed() {
    Answer created = http.call("POST", "/users/" + CALLER + "/calendar-feed-token", null);

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).contains("no-store");
    String token = created.json().get("token").asText();
    assertThat(FeedTokens.wellFormed(token)).isTrue();
    assertThat(created.json().get("url").asText())
        .isEqualTo("https://cal.example/users/" + CALLER + "/calendar.ics?token=" + token);
    // Only the hash reached the entity.
    assertThat(tokenHash).isEqualTo(FeedTokens.hash(token));

    Answer feed = http.anonymous("GET", feedPath(token), null);

    assertThat(feed.status()).as(feed.text()).isEqualTo(200);
    assertThat(feed.contentType().toLowerCase(Locale.ROOT))
        .isEqualTo("text/calendar; charset=utf-8");
    assertThat(feed.header("ETag")).isPresent();
    String text = feed.text().replace("\r\n ", "");
    assertThat(text)
        .startsWith("BEGIN:VCALENDAR\r\n")
        .contains("\r\nMETHOD:PUBLISH\r\n")
        .contains("\r\nX-WR-CALNAME:Ann\r\n")
        .contains("\r\nUID:" + MINE + "@calendar\r\n")
        .contains("\r\nSEQUENCE:2\r\n")
        .contains("\r\nRRULE:FREQ=WEEKLY;")
        .contains("\r\nEXDATE;TZID=Europe/Berlin:20270308T090000\r\n")
        .contains("ORGANIZER;CN=Ann:mailto:ann@example.com")
        .contains("\r\nUID:" + BOBS + "@calendar\r\n")
        .contains("ORGANIZER;CN=Bob:mailto:bob@example.com");
    assertThat(calendars.asked())
        .extracting(CannedEntity.Asked::entityId)
        .containsExactly(CALLER.toString());
  }

  @Test
  void theEtagHoldsWhileNothingChangesAndAnswers304() {
    String token = newToken();
    Answer first = http.anonymous("GET", feedPath(token), null);
    Answer second = http.anonymous("GET", feedPath(token), null);
    String etag = first.header("ETag").orElseThrow();
    assertThat(second.header("ETag")).contains(etag);
    assertThat(second.text()).isEqualTo(first.text());

    Answer notModified = http.anonymous("GET", feedPath(token), null, "If-None-Match", etag);
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.text()).isEmpty();

    // An event changes: a new ETag, and the old one gets the whole feed.
    Booking b = bookings.get(1);
    bookings.set(
        1,
        new Booking(
            b.eventId(), b.organizerId(), "Bob's review (moved)", b.schedule(), null, 2, NOW));
    Answer changed = http.anonymous("GET", feedPath(token), null, "If-None-Match", etag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag").orElseThrow()).isNotEqualTo(etag);
    assertThat(changed.text()).contains("Bob's review (moved)");
  }

  @Test
  void aWrongOrMalformedOrMissingTokenIs404() {
    newToken();
    assertNotFound(http.anonymous("GET", feedPath(FeedTokens.newToken(new SecureRandom())), null));
    assertNotFound(http.anonymous("GET", feedPath("short"), null));
    assertNotFound(http.anonymous("GET", "/users/" + CALLER + "/calendar.ics", null));
    assertNotFound(http.anonymous("GET", "/users/not-a-uuid/calendar.ics?token=x", null));
    // Nothing but well-formed tokens reach the user's calendar.
    assertThat(calendars.asked()).isEmpty();
  }

  @Test
  void theOldTokenIs404OnceANewOneIsIssued() {
    String old = newToken();
    assertThat(http.anonymous("GET", feedPath(old), null).status()).isEqualTo(200);
    String current = newToken();

    assertNotFound(http.anonymous("GET", feedPath(old), null));
    assertThat(http.anonymous("GET", feedPath(current), null).status()).isEqualTo(200);
  }

  @Test
  void anUnknownUsersFeedIs404() {
    users.reply(new UserEntity.NotFound());
    assertNotFound(
        http.anonymous(
            "GET",
            "/users/" + OTHER + "/calendar.ics?token=" + FeedTokens.newToken(new SecureRandom()),
            null));
  }

  @Test
  void anotherUsersTokenIsRefusedAsOtherSelfOnlyRoutesRefuse() {
    Answer feed = http.call("POST", "/users/" + OTHER + "/calendar-feed-token", null);
    Answer profile = http.call("GET", "/users/" + OTHER, null);

    assertThat(profile.status()).isEqualTo(403);
    assertThat(feed.status()).isEqualTo(profile.status());
    assertThat(feed.contentType()).isEqualTo(profile.contentType());
    assertThat(feed.json()).isEqualTo(profile.json());
    assertThat(users.asked()).isEmpty();
    assertThat(http.anonymous("POST", "/users/" + CALLER + "/calendar-feed-token", null).status())
        .isEqualTo(401);
  }
}
