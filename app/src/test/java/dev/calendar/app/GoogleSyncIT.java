package dev.calendar.app;

import static dev.calendar.app.BusyDay.berlin;
import static dev.calendar.app.BusyDay.book;
import static dev.calendar.app.BusyDay.busy;
import static dev.calendar.app.BusyDay.openChatPage;
import static dev.calendar.app.BusyDay.slots;
import static dev.calendar.app.BusyDay.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.app.BusyDay.User;
import dev.calendar.app.TwoWayNode.Connected;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-way sync with a local Google Calendar over real HTTP: connecting opens a channel; a change in
 * Google reaches the service by its notification and becomes busy time within seconds (moved,
 * cancelled, one instance of a series cancelled); a lost sync token means a full read that doubles
 * nothing; a channel near its end is replaced new-before-old; a stranger's notification is a 404; a
 * revoked grant shows as needs_reauth.
 */
class GoogleSyncIT {
  private static final Duration NOTIFIED = Duration.ofSeconds(5);
  private static TwoWayNode two;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    two = TwoWayNode.start();
    api = two.api;
  }

  @AfterAll
  static void stop() {
    two.close();
  }

  private Connected connect() {
    return two.connectActive("google");
  }

  private static String status(User user, String id) {
    return two.status(user, id);
  }

  private static JsonNode view(User user, String id) {
    return two.view(user, id);
  }

  private static String timed(String summary, String from, String to, String... more) {
    return "{\"summary\":\""
        + summary
        + "\",\"start\":{\"dateTime\":\""
        + berlin(from)
        + "\"},\"end\":{\"dateTime\":\""
        + berlin(to)
        + "\"}"
        + String.join("", more)
        + "}";
  }

  private static void awaitBusy(User user, List<String> spans) {
    await().atMost(NOTIFIED).untilAsserted(() -> assertThat(busy(api, user)).isEqualTo(spans));
  }

  @Test
  void aNewEventInGoogleIsBusyWithinSecondsAndDecidesBookingsAndSlots() {
    Connected c = connect();
    openChatPage(api, c.user());
    List<JsonNode> channels =
        two.googleAdmin.channels().stream()
            .filter(ch -> ch.get("id").asText().startsWith(c.id()))
            .toList();
    assertThat(channels).hasSize(1);
    assertThat(channels.get(0).get("address").asText())
        .isEqualTo("http://127.0.0.1:" + two.httpPort + "/webhook/google");
    assertThat(slots(api, c.user())).contains(berlin("10:00"));

    two.googleAdmin.createEvent(c.account(), timed("Dentist", "10:00", "11:00"));

    awaitBusy(c.user(), List.of(span("10:00", "11:00")));
    assertThat(book(api, c.user(), "10:15", "10:45").status()).isEqualTo(409);
    assertThat(slots(api, c.user())).doesNotContain(berlin("10:00")).contains(berlin("11:00"));
  }

  @Test
  void movedCancelledAndOneCancelledInstanceOfASeriesAreReflected() {
    Connected c = connect();
    String id =
        two.googleAdmin
            .createEvent(c.account(), timed("Call", "08:00", "09:00"))
            .get("id")
            .asText();
    awaitBusy(c.user(), List.of(span("08:00", "09:00")));

    two.googleAdmin.patchEvent(
        c.account(),
        id,
        "{\"start\":{\"dateTime\":\""
            + berlin("09:00")
            + "\"},\"end\":{\"dateTime\":\""
            + berlin("09:30")
            + "\"}}");
    awaitBusy(c.user(), List.of(span("09:00", "09:30")));

    two.googleAdmin.deleteEvent(c.account(), id);
    awaitBusy(c.user(), List.of());

    String series =
        two.googleAdmin
            .createEvent(
                c.account(),
                timed(
                    "Standup", "13:00", "13:30", ",\"recurrence\":[\"RRULE:FREQ=HOURLY;COUNT=3\"]"))
            .get("id")
            .asText();
    awaitBusy(
        c.user(), List.of(span("13:00", "13:30"), span("14:00", "14:30"), span("15:00", "15:30")));
    String second =
        two.googleAdmin.events(c.account()).stream()
            .filter(e -> series.equals(e.path("recurringEventId").asText()))
            .filter(e -> e.get("start").get("dateTime").asText().contains(":00"))
            .map(e -> e.get("id").asText())
            .filter(
                i ->
                    i.endsWith(
                        BusyDay.DAY.toString().replace("-", "") + "T" + utcHour("14:00") + "0000Z"))
            .findFirst()
            .orElseThrow();
    two.googleAdmin.deleteEvent(c.account(), second);
    awaitBusy(c.user(), List.of(span("13:00", "13:30"), span("15:00", "15:30")));
  }

  private static String utcHour(String berlinTime) {
    return String.format("%02d", berlin(berlinTime).atZone(java.time.ZoneOffset.UTC).getHour());
  }

  @Test
  void aLostSyncTokenMeansAFullReadThatDoublesNothing() {
    Connected c = connect();
    two.googleAdmin.createEvent(c.account(), timed("A", "08:00", "09:00"));
    two.googleAdmin.createEvent(c.account(), timed("B", "10:00", "11:00"));
    awaitBusy(c.user(), List.of(span("08:00", "09:00"), span("10:00", "11:00")));
    int fullReads = fullListings(c.account());
    double added = two.metric(TwoWayNode.BLOCKS_ADDED);

    two.googleAdmin.invalidateCursors(c.account());
    two.googleAdmin.createEvent(c.account(), timed("C", "12:00", "13:00"));

    awaitBusy(
        c.user(), List.of(span("08:00", "09:00"), span("10:00", "11:00"), span("12:00", "13:00")));
    assertThat(
            two.googleAdmin.requests(
                r -> r.path("status").asInt() == 410 && r.get("path").asText().endsWith("/events")))
        .isNotEmpty();
    assertThat(fullListings(c.account())).isGreaterThan(fullReads);
    // The full read found A and B as they were (by id, not added again) and only C as new.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> two.metric(TwoWayNode.BLOCKS_ADDED) >= added + 1);
    assertThat(two.metric(TwoWayNode.BLOCKS_ADDED)).isEqualTo(added + 1);
    // Booking the gap still works: nothing of the three is held twice or lost.
    assertThat(book(api, c.user(), "09:00", "10:00").status()).isEqualTo(201);
  }

  private int fullListings(String account) {
    return two.googleAdmin
        .requests(
            r ->
                "GET".equals(r.get("method").asText())
                    && r.get("path").asText().endsWith("/events")
                    && r.path("query").asText().contains("timeMin")
                    && r.path("status").asInt() == 200)
        .size();
  }

  @Test
  void aChannelNearItsEndIsReplacedByANewOneBeforeTheOldIsStopped() {
    two.google.setMaxChannelTtl(Duration.ofSeconds(4));
    try {
      Connected c = connect();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> ownChannels(c).size() >= 2 && ownChannels(c).get(0).get("stopped").asBoolean());
      List<JsonNode> requests = two.googleAdmin.requests();
      int secondWatch = -1;
      int firstStop = -1;
      int watches = 0;
      for (int i = 0; i < requests.size(); i++) {
        String path = requests.get(i).get("path").asText();
        if (path.endsWith("/events/watch") && ++watches == 2 && secondWatch < 0) {
          secondWatch = i;
        }
        if (path.endsWith("/channels/stop") && firstStop < 0) {
          firstStop = i;
        }
      }
      assertThat(secondWatch).as("a second channel was opened").isGreaterThanOrEqualTo(0);
      assertThat(firstStop).as("the old one was stopped after").isGreaterThan(secondWatch);
      // Changes still arrive through the renewed channel.
      two.googleAdmin.createEvent(c.account(), timed("Renewed", "16:00", "17:00"));
      awaitBusy(c.user(), List.of(span("16:00", "17:00")));
    } finally {
      two.google.setMaxChannelTtl(Duration.ofDays(7));
    }
  }

  private List<JsonNode> ownChannels(Connected c) {
    return two.googleAdmin.channels().stream()
        .filter(ch -> ch.get("id").asText().startsWith(c.id()))
        .toList();
  }

  @Test
  void aNotificationForAChannelNobodyKnowsIs404() {
    var r =
        api.send(
            "POST",
            "/webhook/google",
            null,
            Map.of(
                "X-Goog-Channel-ID", UUID.randomUUID() + "_x",
                "X-Goog-Channel-Token", "whatever",
                "X-Goog-Resource-ID", "r",
                "X-Goog-Resource-State", "exists",
                "X-Goog-Message-Number", "7"));
    assertThat(r.status()).isEqualTo(404);
  }

  @Test
  void aRevokedGrantShowsAsNeedsReauthAndIsNotRetried() {
    Connected c = connect();
    two.google.setAccessTokenTtl(Duration.ofSeconds(1));
    try {
      two.googleAdmin.revoke(c.account());
      two.googleAdmin.createEvent(c.account(), timed("After revoke", "10:00", "11:00"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> "needs_reauth".equals(status(c.user(), c.id())));
      assertThat(view(c.user(), c.id()).get("lastError").asText()).contains("invalid_grant");
      int refreshes = refreshAttempts();
      two.googleAdmin.createEvent(c.account(), timed("Again", "12:00", "13:00"));
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(3))
          .until(() -> refreshAttempts() == refreshes);
    } finally {
      two.google.setAccessTokenTtl(Duration.ofHours(1));
    }
  }

  private int refreshAttempts() {
    return two.googleAdmin.requests(r -> r.get("path").asText().endsWith("/token")).size();
  }
}
