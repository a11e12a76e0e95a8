package dev.calendar.api.notification;

import static dev.calendar.api.RouteHarness.CALLER;
import static dev.calendar.api.RouteHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.RouteHarness;
import dev.calendar.api.RouteHarness.Answer;
import dev.calendar.schedule.Interval;
import dev.calendar.store.notification.NotificationHistory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /users/{id}/notifications} over canned pages. */
class NotificationRoutesTest {
  private record Read(
      UUID userId, Interval window, Optional<NotificationHistory.Cursor> after, int limit) {}

  private static final String WINDOW = "start=2027-03-01T00:00:00Z&end=2027-04-01T00:00:00Z";
  private static final List<Read> reads = new CopyOnWriteArrayList<>();
  private static volatile NotificationHistory.Page page;
  private static RouteHarness http;

  @BeforeAll
  static void start() {
    var service =
        new NotificationService(
            (userId, window, after, limit) -> {
              reads.add(new Read(userId, window, after, limit));
              return CompletableFuture.completedFuture(page);
            });
    http = new RouteHarness();
    http.serve(new NotificationRoutes(service, http.auth).route());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @BeforeEach
  void forget() {
    reads.clear();
    page = new NotificationHistory.Page(List.of(), Optional.empty());
  }

  private static List<String> errorFields(Answer answer) {
    return answer.json().get("errors").findValues("field").stream().map(JsonNode::asText).toList();
  }

  @Test
  void aPageWithItsNextCursor() {
    UUID id = UUID.randomUUID();
    var entry =
        new NotificationHistory.Entry(
            id,
            "reminder",
            "email",
            "ann@example.com",
            null,
            null,
            Instant.parse("2027-03-01T08:50:00Z"),
            null,
            1,
            "sent",
            null);
    page = new NotificationHistory.Page(List.of(entry), Optional.of("next-page"));
    var cursor = new NotificationHistory.Cursor(Instant.parse("2027-03-01T00:00:00Z"), "k");

    Answer answer =
        http.call(
            "GET",
            "/users/" + CALLER + "/notifications?" + WINDOW + "&limit=1&cursor=" + cursor.encode(),
            null);

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.json().get("nextCursor").asText()).isEqualTo("next-page");
    assertThat(answer.json().get("notifications")).hasSize(1);
    assertThat(answer.json().get("notifications").get(0).get("id").asText())
        .isEqualTo(id.toString());
    assertThat(reads)
        .containsExactly(
            new Read(
                CALLER,
                new Interval(
                    Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-04-01T00:00:00Z")),
                Optional.of(cursor),
                1));
  }

  @Test
  void theLastPageHasANullCursorAndTheDefaultLimit() {
    Answer answer = http.call("GET", "/users/" + CALLER + "/notifications?" + WINDOW, null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).isEqualTo(json("{'notifications':[],'nextCursor':null}"));
    assertThat(reads.get(0).limit()).isEqualTo(100);
    assertThat(reads.get(0).after()).isEmpty();
  }

  @Test
  void aBadCursorOrLimitIs400NamingIt() {
    Answer cursor =
        http.call("GET", "/users/" + CALLER + "/notifications?" + WINDOW + "&cursor=zz", null);
    assertThat(cursor.status()).isEqualTo(400);
    assertThat(errorFields(cursor)).containsExactly("cursor");

    Answer limit =
        http.call("GET", "/users/" + CALLER + "/notifications?" + WINDOW + "&limit=0", null);
    assertThat(limit.status()).isEqualTo(400);
    assertThat(errorFields(limit)).containsExactly("limit");
    assertThat(reads).isEmpty();
  }

  @Test
  void onlyOnesOwnNotifications() {
    Answer answer =
        http.call("GET", "/users/" + UUID.randomUUID() + "/notifications?" + WINDOW, null);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.contentType()).isEqualTo("application/problem+json");
    assertThat(reads).isEmpty();
  }
}
