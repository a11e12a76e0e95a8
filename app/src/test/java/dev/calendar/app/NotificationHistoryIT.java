package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /users/{id}/notifications} over rows as the notifier writes them: the window, pages
 * that neither repeat nor skip rows sharing a due time, and clean 4xx answers.
 */
class NotificationHistoryIT {
  private static final Instant DAY = Instant.parse("2031-09-01T00:00:00Z");
  private static Api api;
  private static CqlSession cql;

  @BeforeAll
  static void start() throws Exception {
    Node node = TestNodes.shared();
    api = new Api(node);
    cql = CassandraSessions.of(node.system());
  }

  @Test
  void listsOwnDeliveriesInTheWindowPageByPage() {
    var user = api.signUp(Api.uniqueEmail("history"), "password1");
    UUID userId = UUID.fromString(user.get("id").asText());
    Map<String, String> auth = Map.of("Authorization", "Bearer " + user.get("token").asText());
    UUID eventId = UUID.randomUUID();
    // 150 in the window, in pairs sharing a due time so a page boundary falls inside a pair;
    // one before and one at the end of the window, which must not be listed.
    for (int i = 0; i < 150; i++) {
      insert(userId, eventId, DAY.plus(i / 2, ChronoUnit.MINUTES), "k" + i);
    }
    insert(userId, eventId, DAY.minusSeconds(1), "before");
    insert(userId, eventId, DAY.plus(1, ChronoUnit.DAYS), "at-end");

    String window = "?start=" + DAY + "&end=" + DAY.plus(1, ChronoUnit.DAYS);
    var first = api.send("GET", "/users/" + userId + "/notifications" + window, null, auth);
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    List<JsonNode> seen = new ArrayList<>();
    first.json().get("notifications").forEach(seen::add);
    assertThat(seen).hasSize(100);
    String cursor = first.json().get("nextCursor").asText();

    var second =
        api.send(
            "GET",
            "/users/" + userId + "/notifications" + window + "&cursor=" + encode(cursor),
            null,
            auth);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    second.json().get("notifications").forEach(seen::add);
    assertThat(second.json().get("nextCursor").isNull()).isTrue();

    assertThat(seen).hasSize(150);
    assertThat(seen.stream().map(n -> n.get("id").asText()).distinct()).hasSize(150);
    assertThat(seen.stream().map(n -> Instant.parse(n.get("dueAt").asText())))
        .isSorted()
        .allMatch(t -> !t.isBefore(DAY) && t.isBefore(DAY.plus(1, ChronoUnit.DAYS)));
    JsonNode one = seen.get(0);
    assertThat(one.get("kind").asText()).isEqualTo("reminder");
    assertThat(one.get("channel").asText()).isEqualTo("email");
    assertThat(one.get("status").asText()).isEqualTo("sent");
    assertThat(one.get("attempts").asInt()).isEqualTo(1);
    assertThat(one.get("eventId").asText()).isEqualTo(eventId.toString());
    assertThat(one.get("recipient").asText()).isEqualTo("someone@example.com");
  }

  @Test
  void refusesOthersHistoryBadWindowsAndForeignCursors() {
    var user = api.signUp(Api.uniqueEmail("history-bad"), "password1");
    var other = api.signUp(Api.uniqueEmail("history-other"), "password1");
    Map<String, String> auth = Map.of("Authorization", "Bearer " + user.get("token").asText());
    String own = "/users/" + user.get("id").asText() + "/notifications";
    String window = "?start=" + DAY + "&end=" + DAY.plus(1, ChronoUnit.DAYS);

    api.send("GET", "/users/" + other.get("id").asText() + "/notifications" + window, null, auth)
        .assertProblem(403, List.of());
    api.send("GET", own + window, null, Map.of()).assertProblem(401, List.of());
    api.send("GET", own + "?start=" + DAY, null, auth).assertProblem(400, List.of("end"));
    api.send("GET", own + "?start=" + DAY + "&end=" + DAY.plus(400, ChronoUnit.DAYS), null, auth)
        .assertProblem(400, List.of("end"));
    api.send("GET", own + "?start=yesterday&end=" + DAY, null, auth)
        .assertProblem(400, List.of("start"));
    api.send("GET", own + window + "&cursor=%25%25not-a-cursor", null, auth)
        .assertProblem(400, List.of("cursor"));
    api.send("GET", "/users/not-a-uuid/notifications" + window, null, auth)
        .assertProblem(400, List.of("id"));
  }

  @Test
  void limitSetsThePageSizeAndTheCursorCarriesOn() {
    var user = api.signUp(Api.uniqueEmail("history-limit"), "password1");
    UUID userId = UUID.fromString(user.get("id").asText());
    Map<String, String> auth = Map.of("Authorization", "Bearer " + user.get("token").asText());
    UUID eventId = UUID.randomUUID();
    for (int i = 0; i < 150; i++) {
      insert(userId, eventId, DAY.plus(i / 2, ChronoUnit.MINUTES), "k" + i);
    }
    String own =
        "/users/" + userId + "/notifications?start=" + DAY + "&end=" + DAY.plus(1, ChronoUnit.DAYS);

    List<JsonNode> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      String page = own + "&limit=61" + (cursor == null ? "" : "&cursor=" + encode(cursor));
      var r = api.send("GET", page, null, auth);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      sizes.add(r.json().get("notifications").size());
      r.json().get("notifications").forEach(seen::add);
      JsonNode next = r.json().get("nextCursor");
      cursor = next.isNull() ? null : next.asText();
    } while (cursor != null && sizes.size() < 5);

    assertThat(sizes).containsExactly(61, 61, 28);
    assertThat(seen.stream().map(n -> n.get("id").asText()).distinct()).hasSize(150);
    assertThat(seen.stream().map(n -> Instant.parse(n.get("dueAt").asText()))).isSorted();

    var one = api.send("GET", own + "&limit=1", null, auth);
    assertThat(one.json().get("notifications")).hasSize(1);
    assertThat(one.json().get("nextCursor").isNull()).isFalse();
    var all = api.send("GET", own + "&limit=1000", null, auth);
    assertThat(all.json().get("notifications")).hasSize(150);
    assertThat(all.json().get("nextCursor").isNull()).isTrue();
  }

  @Test
  void refusesALimitThatIsNotAWholeNumberFrom1To1000() {
    var user = api.signUp(Api.uniqueEmail("history-bad-limit"), "password1");
    Map<String, String> auth = Map.of("Authorization", "Bearer " + user.get("token").asText());
    String own =
        "/users/"
            + user.get("id").asText()
            + "/notifications?start="
            + DAY
            + "&end="
            + DAY.plus(1, ChronoUnit.DAYS);
    for (String limit :
        List.of("-1", "0", "1001", "abc", "1.5", "12345678901234567890", "", "%2B5", "1e2")) {
      var r = api.send("GET", own + "&limit=" + limit, null, auth);
      r.assertProblem(400, List.of("limit"));
      assertThat(r.json().get("errors").get(0).get("message").asText()).contains("1000");
    }
  }

  @Test
  void refusesWindowsOutsideTheYears1900Through2200() {
    var user = api.signUp(Api.uniqueEmail("history-years"), "password1");
    Map<String, String> auth = Map.of("Authorization", "Bearer " + user.get("token").asText());
    String own = "/users/" + user.get("id").asText() + "/notifications";
    api.send(
            "GET", own + "?start=%2B10000-01-01T00:00:00Z&end=%2B10000-01-02T00:00:00Z", null, auth)
        .assertProblem(400, List.of("start"));
    api.send("GET", own + "?start=2200-12-31T00:00:00Z&end=2201-01-01T00:00:01Z", null, auth)
        .assertProblem(400, List.of("end"));
  }

  private static void insert(UUID userId, UUID eventId, Instant dueAt, String key) {
    cql.execute(
        "INSERT INTO calendar.notifications_by_user (user_id, due_at, key, kind, channel,"
            + " recipient, event_id, occurrence_start, sent_at, attempts, status)"
            + " VALUES (?, ?, ?, 'reminder', 'email', 'someone@example.com', ?, ?, ?, 1, 'sent')",
        userId,
        dueAt,
        key,
        eventId,
        dueAt.plus(10, ChronoUnit.MINUTES),
        dueAt.plusMillis(300));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
