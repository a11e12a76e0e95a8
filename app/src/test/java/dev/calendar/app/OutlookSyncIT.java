package dev.calendar.app;

import static dev.calendar.app.BusyDay.berlin;
import static dev.calendar.app.BusyDay.busy;
import static dev.calendar.app.BusyDay.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.app.BusyDay.User;
import dev.calendar.app.TwoWayNode.Connected;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-way sync with a local Microsoft Graph over real HTTP: the subscription's validation
 * handshake; change notifications (a wrong clientState ignored); delta with {@code @removed}; a
 * lost delta token read again in full; 429 with Retry-After waited out; a removed subscription made
 * again.
 */
class OutlookSyncIT {
  private static final Duration NOTIFIED = Duration.ofSeconds(5);
  private static final DateTimeFormatter GRAPH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
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

  /** Connected, and its subscription made. */
  private Connected connect() {
    Connected c = two.connectActive("outlook");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                two.outlookAdmin.subscriptions().stream()
                    .anyMatch(s -> s.path("clientState").asText().startsWith(c.id())));
    return c;
  }

  private static String event(String subject, String from, String to) {
    return "{\"subject\":\""
        + subject
        + "\",\"start\":{\"dateTime\":\""
        + GRAPH.format(berlin(from))
        + "\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\""
        + GRAPH.format(berlin(to))
        + "\",\"timeZone\":\"UTC\"}}";
  }

  private static void awaitBusy(User user, List<String> spans) {
    await().atMost(NOTIFIED).untilAsserted(() -> assertThat(busy(api, user)).isEqualTo(spans));
  }

  private int deltaReads() {
    return two.outlookAdmin
        .requests(r -> r.get("path").asText().endsWith("/calendarView/delta"))
        .size();
  }

  @Test
  void theValidationHandshakeAnswersTheDecodedTokenAsPlainText() {
    var r =
        api.send(
            "POST",
            "/webhook/outlook?validationToken=Validation%3A+Testing+client+application",
            "",
            java.util.Map.of("Content-Type", "text/plain"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain");
    assertThat(r.text()).isEqualTo("Validation: Testing client application");
  }

  @Test
  void aChangeIsBusyWithinSecondsAndARemovedOneIsFreeAgain() {
    Connected c = connect();
    String id =
        two.outlookAdmin
            .createEvent(c.account(), event("Review", "10:00", "11:00"))
            .get("id")
            .asText();
    awaitBusy(c.user(), List.of(span("10:00", "11:00")));
    two.outlookAdmin.deleteEvent(c.account(), id);
    awaitBusy(c.user(), List.of());
    assertThat(
            two.outlookAdmin.notifications().stream()
                .filter(n -> "deleted".equals(n.path("changeType").asText()))
                .allMatch(n -> n.path("status").asInt() == 202))
        .as("every notification answered 202")
        .isTrue();
  }

  @Test
  void aNotificationWithAWrongClientStateIsIgnored() {
    Connected c = connect();
    JsonNode sub = liveSubscriptionOf(c);
    int before = deltaReads();
    var r =
        api.send(
            "POST",
            "/webhook/outlook",
            "{\"value\":[{\"subscriptionId\":\""
                + sub.get("id").asText()
                + "\",\"clientState\":\""
                + c.id()
                + ".forged\",\"changeType\":\"updated\",\"resource\":\"Users/x/Events/y\"}]}",
            java.util.Map.of("Content-Type", "application/json"));
    assertThat(r.status()).isEqualTo(202);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> deltaReads() == before);
  }

  private JsonNode liveSubscriptionOf(Connected c) {
    return two.outlookAdmin.subscriptions().stream()
        .filter(s -> !s.path("removed").asBoolean())
        .filter(s -> s.path("clientState").asText().startsWith(c.id()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aLostDeltaTokenIsReadAgainInFullWithoutDoubles() {
    Connected c = connect();
    two.outlookAdmin.createEvent(c.account(), event("A", "08:00", "09:00"));
    awaitBusy(c.user(), List.of(span("08:00", "09:00")));
    double added = two.metric(TwoWayNode.BLOCKS_ADDED);
    two.outlookAdmin.invalidateCursors(c.account());
    two.outlookAdmin.createEvent(c.account(), event("B", "12:00", "13:00"));
    awaitBusy(c.user(), List.of(span("08:00", "09:00"), span("12:00", "13:00")));
    assertThat(
            two.outlookAdmin.requests(
                r ->
                    r.get("path").asText().endsWith("/calendarView/delta")
                        && r.path("status").asInt() == 410))
        .isNotEmpty();
    // A was found again by its id, not added again; only B is new.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> two.metric(TwoWayNode.BLOCKS_ADDED) >= added + 1);
    assertThat(two.metric(TwoWayNode.BLOCKS_ADDED)).isEqualTo(added + 1);
  }

  @Test
  void tooManyRequestsIsWaitedOutAsRetryAfterSays() {
    Connected c = connect();
    two.outlookAdmin.fault(
        "{\"method\":\"GET\",\"pathContains\":\"/calendarView/delta\",\"status\":429,"
            + "\"retryAfterSeconds\":3,\"reason\":\"TooManyRequests\",\"times\":1}");
    two.outlookAdmin.createEvent(c.account(), event("Throttled", "14:00", "15:00"));
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(busy(api, c.user())).contains(span("14:00", "15:00")));
    List<JsonNode> reads =
        two.outlookAdmin.requests(r -> r.get("path").asText().endsWith("/calendarView/delta"));
    Instant refused = null;
    Instant next = null;
    for (JsonNode r : reads) {
      if (refused == null && r.path("status").asInt() == 429) {
        refused = Instant.parse(r.get("at").asText());
      } else if (refused != null && next == null) {
        next = Instant.parse(r.get("at").asText());
      }
    }
    assertThat(refused).as("the 429 was given").isNotNull();
    assertThat(Duration.between(refused, next))
        .as("waited as Retry-After said")
        .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
  }

  @Test
  void aRemovedSubscriptionIsMadeAgainAndChangesStillArrive() {
    Connected c = connect();
    JsonNode old = liveSubscriptionOf(c);
    two.outlookAdmin.lifecycle(old.get("id").asText(), "subscriptionRemoved");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !liveSubscriptionOf(c).get("id").asText().equals(old.get("id").asText()));
    two.outlookAdmin.createEvent(c.account(), event("After", "16:00", "17:00"));
    awaitBusy(c.user(), List.of(span("16:00", "17:00")));
  }
}
